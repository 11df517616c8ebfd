package sqlite

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// targetsOf returns "text@target" for msgs, in order.
func targetsOf(msgs []tip.OutboxMessage) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, m.Text+"@"+m.Target.String())
	}
	return out
}

// allRows returns every outbox row, by id.
func allRows(tb testing.TB, s *OutboxStore) []tip.OutboxMessage {
	tb.Helper()
	msgs, err := queryOutbox(context.Background(), s.db.sql, "SELECT "+outboxColumns+" FROM outbox ORDER BY id")
	if err != nil {
		tb.Fatal(err)
	}
	return msgs
}

func TestOutboxRetargetMovesPendingRows(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	s := NewOutboxStore(db)
	rows := mustEnqueue(t, s, text(-1, 0, "sent"), text(-1, 0, "failed"), text(-1, 0, "p1"),
		text(-1, 3, "p2"), text(-2, 0, "other"))
	if err := s.MarkSent(ctx, rows[0].ID, []int64{1}, testNow); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkFailed(ctx, rows[1].ID, "x"); err != nil {
		t.Fatal(err)
	}
	migratedAt := testNow.Add(time.Minute)
	n, err := s.Retarget(ctx, -1, -1001, migratedAt)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("Retarget moved %d rows, want 2", n)
	}
	want := []string{"sent@-1", "failed@-1", "p1@-1001", "p2@-1001", "other@-2"}
	if got := targetsOf(allRows(t, s)); !reflect.DeepEqual(got, want) {
		t.Errorf("rows after Retarget = %v, want %v", got, want)
	}
	var to, at int64
	if err := db.sql.QueryRow("SELECT new_chat_id, migrated_at FROM chat_migrations WHERE old_chat_id = -1").Scan(&to, &at); err != nil {
		t.Fatalf("read migration: %v", err)
	}
	if to != -1001 || at != migratedAt.UnixMilli() {
		t.Errorf("migration = %d at %d, want -1001 at %d", to, at, migratedAt.UnixMilli())
	}

	// Rows composed later with the old id reach the new chat, through
	// Enqueue and through TipStore.Create alike.
	mustEnqueue(t, s, text(-1, 0, "later"), text(-1, 4, "later topic"))
	if _, _, err := NewTipStore(db).Create(ctx, sampleTip(111, 10), relayCompose(tip.Target{ChatID: -1, ThreadID: 7})); err != nil {
		t.Fatal(err)
	}
	pending, err := s.Pending(ctx, tip.Target{ChatID: -1001}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(pending); got != 6 {
		t.Errorf("pending rows of the new chat = %d (%v), want 6", got, targetsOf(pending))
	}
	if old, _ := s.Pending(ctx, tip.Target{ChatID: -1}, 10); len(old) != 0 {
		t.Errorf("pending rows of the old chat = %v, want none", targetsOf(old))
	}
}

func TestOutboxRetargetChains(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name       string
		migrations [][2]int64
		enqueueFor int64
		wantChat   int64
	}{
		{"no migration", nil, -1, -1},
		{"one hop", [][2]int64{{-1, -2}}, -1, -2},
		{"chain a→b→c", [][2]int64{{-1, -2}, {-2, -3}}, -1, -3},
		{"middle of a chain", [][2]int64{{-1, -2}, {-2, -3}}, -2, -3},
		{"stale replay of the first hop", [][2]int64{{-1, -2}, {-2, -3}, {-1, -2}}, -1, -3},
		{"unrelated chat", [][2]int64{{-1, -2}}, -5, -5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewOutboxStore(mustOpen(t))
			for _, m := range tt.migrations {
				if _, err := s.Retarget(ctx, m[0], m[1], testNow); err != nil {
					t.Fatal(err)
				}
			}
			got := mustEnqueue(t, s, text(tt.enqueueFor, 0, "x"))
			if got[0].Target.ChatID != tt.wantChat {
				t.Errorf("row for chat %d written for %d, want %d", tt.enqueueFor, got[0].Target.ChatID, tt.wantChat)
			}
		})
	}
}

func TestOutboxRetargetRefusesImpossibleMigrations(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	s := NewOutboxStore(db)
	if _, err := s.Retarget(ctx, -1, -2, testNow); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Retarget(ctx, -2, -3, testNow); err != nil {
		t.Fatal(err)
	}
	for _, m := range [][2]int64{{-2, -1}, {-3, -1}, {-3, -3}, {0, -3}, {5, -3}, {-3, 5}} {
		if _, err := s.Retarget(ctx, m[0], m[1], testNow); err == nil {
			t.Errorf("Retarget(%d, %d) succeeded, want an error", m[0], m[1])
		}
	}
	// A cycle written behind Retarget's back does not stop enqueueing.
	if _, err := db.sql.Exec("INSERT INTO chat_migrations VALUES (-3, -1, 0)"); err != nil {
		t.Fatal(err)
	}
	got := mustEnqueue(t, s, text(-1, 0, "x"))
	if got[0].Target.ChatID != -3 {
		t.Errorf("row in a cycle -1→-2→-3→-1 written for %d, want -3", got[0].Target.ChatID)
	}
}

func TestOutboxRetargetMovesFailingState(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name       string
		failing    []int64
		wantFailed []int64
	}{
		{"old chat failing", []int64{-1}, []int64{-2}},
		{"both failing keeps the new chat's state", []int64{-1, -2}, []int64{-2}},
		{"none failing", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewOutboxStore(mustOpen(t))
			for i, c := range tt.failing {
				if _, err := s.SetTargetFailing(ctx, c, testNow.Add(time.Duration(i)*time.Second), "chat not found"); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := s.Retarget(ctx, -1, -2, testNow); err != nil {
				t.Fatal(err)
			}
			failing, err := s.FailingTargets(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, f := range failing {
				got = append(got, f.ChatID)
			}
			if !reflect.DeepEqual(got, tt.wantFailed) {
				t.Errorf("failing chats = %v, want %v", got, tt.wantFailed)
			}
			if len(failing) == 1 && !failing[0].Since.Equal(testNow.Add(time.Duration(len(tt.failing)-1)*time.Second)) {
				t.Errorf("failing since %v, want the new chat's own or the moved time", failing[0].Since)
			}
		})
	}
}
