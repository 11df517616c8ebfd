package sqlite

import (
	"context"
	"reflect"
	"testing"
	"time"
)

func TestOutboxCurrentChatID(t *testing.T) {
	ctx := context.Background()
	s := NewOutboxStore(mustOpen(t))
	if _, err := s.Retarget(ctx, -1, -1001, testNow); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Retarget(ctx, -1001, -1002, testNow); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		chat, want int64
	}{
		{"migrated twice", -1, -1002},
		{"migrated once", -1001, -1002},
		{"the supergroup itself", -1002, -1002},
		{"never migrated", -7, -7},
		{"private chat", 42, 42},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.CurrentChatID(ctx, tt.chat)
			if err != nil || got != tt.want {
				t.Errorf("CurrentChatID(%d) = %d, %v; want %d", tt.chat, got, err, tt.want)
			}
		})
	}
}

func TestOutboxChatServed(t *testing.T) {
	ctx := context.Background()
	s := NewOutboxStore(mustOpen(t))
	rows := mustEnqueue(t, s, text(-1, 0, "pending"), text(-2, 0, "sent"), text(-3, 4, "failed in a topic"))
	if err := s.MarkSent(ctx, rows[1].ID, []int64{9}, testNow); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkFailed(ctx, rows[2].ID, "x"); err != nil {
		t.Fatal(err)
	}
	for chat, want := range map[int64]bool{-1: true, -2: true, -3: true, -4: false} {
		got, err := s.ChatServed(ctx, chat)
		if err != nil || got != want {
			t.Errorf("ChatServed(%d) = %v, %v; want %v", chat, got, err, want)
		}
	}
}

func TestOutboxHoldAndRetryChat(t *testing.T) {
	ctx := context.Background()
	s := NewOutboxStore(mustOpen(t))
	at := testNow.Add(time.Minute)
	later := testNow.Add(time.Hour)
	rows := mustEnqueue(t, s, text(-1, 0, "a1"), text(-1, 5, "a2 in a topic"), text(-2, 0, "b1"), text(-1, 0, "a3 sent"))
	if err := s.MarkSent(ctx, rows[3].ID, []int64{9}, testNow); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkRetry(ctx, rows[1].ID, testNow.Add(2*time.Hour), "timeout"); err != nil {
		t.Fatal(err)
	}

	n, err := s.HoldChat(ctx, -1, later)
	if err != nil || n != 1 {
		t.Errorf("HoldChat = %d, %v; want 1 (a1; a2 waits longer already, a3 is sent)", n, err)
	}
	if got, want := dueTexts(t, s, at, 10), []string{"b1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Due after HoldChat = %v, want %v", got, want)
	}
	a2, err := s.Get(ctx, rows[1].ID)
	if err != nil || !a2.NextAttemptAt.Equal(testNow.Add(2*time.Hour)) || a2.Attempts != 1 || a2.LastError != "timeout" {
		t.Errorf("a2 after HoldChat = %+v, %v; want its later attempt, attempts and error kept", a2, err)
	}

	pending, err := s.RetryChat(ctx, -1, at)
	if err != nil || pending != 2 {
		t.Errorf("RetryChat = %d, %v; want 2 pending rows", pending, err)
	}
	if got, want := dueTexts(t, s, at, 10), []string{"a1", "a2 in a topic", "b1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Due after RetryChat = %v, want %v", got, want)
	}
	if pending, err := s.RetryChat(ctx, -9, at); err != nil || pending != 0 {
		t.Errorf("RetryChat of a chat without rows = %d, %v; want 0", pending, err)
	}
}
