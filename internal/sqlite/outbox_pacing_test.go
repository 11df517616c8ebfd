package sqlite

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// texts returns the texts of msgs, in order.
func texts(msgs []tip.OutboxMessage) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, m.Text)
	}
	return out
}

// mustEnqueue enqueues msgs and returns the stored rows, in order.
func mustEnqueue(tb testing.TB, s *OutboxStore, msgs ...tip.OutboxMessage) []tip.OutboxMessage {
	tb.Helper()
	ctx := context.Background()
	var before int64
	if err := s.db.sql.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM outbox").Scan(&before); err != nil {
		tb.Fatal(err)
	}
	if err := s.Enqueue(ctx, msgs...); err != nil {
		tb.Fatal(err)
	}
	out, err := queryOutbox(ctx, s.db.sql, "SELECT "+outboxColumns+" FROM outbox WHERE id > ? ORDER BY id", before)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

func TestOutboxMarkSentMany(t *testing.T) {
	ctx := context.Background()
	s := NewOutboxStore(mustOpen(t))
	rows := mustEnqueue(t, s, coalescable(-1, "a1", "1"), coalescable(-1, "a2", "2"), coalescable(-1, "a3", "3"), text(-1, 0, "a4"))
	sentAt := testNow.Add(time.Minute)

	err := s.MarkSentMany(ctx, []int64{rows[0].ID, 999, rows[1].ID}, []int64{700}, sentAt)
	if !errors.Is(err, tip.ErrNotFound) {
		t.Errorf("MarkSentMany with an unknown id = %v, want tip.ErrNotFound", err)
	}
	if got, want := dueTexts(t, s, testNow, 10), []string{"a1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Due after the refused MarkSentMany = %v, want %v (nothing changed)", got, want)
	}

	if err := s.MarkSentMany(ctx, []int64{rows[0].ID, rows[1].ID, rows[2].ID}, []int64{700}, sentAt); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[:3] {
		got, err := s.Get(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != tip.OutboxSent || !reflect.DeepEqual(got.SentMessageIDs, []int64{700}) || !got.SentAt.Equal(sentAt) {
			t.Errorf("row %q = status %s, sent ids %v, sent at %v; want sent, [700], %v",
				got.Text, got.Status, got.SentMessageIDs, got.SentAt, sentAt)
		}
	}
	if got, want := dueTexts(t, s, testNow, 10), []string{"a4"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Due after MarkSentMany = %v, want %v", got, want)
	}
	if err := s.MarkSentMany(ctx, nil, nil, sentAt); err != nil {
		t.Errorf("MarkSentMany of no rows = %v, want nil", err)
	}
}

func TestOutboxPending(t *testing.T) {
	ctx := context.Background()
	s := NewOutboxStore(mustOpen(t))
	later := text(-1, 0, "a2 later")
	later.NextAttemptAt = testNow.Add(time.Hour)
	rows := mustEnqueue(t, s, text(-1, 0, "a1 sent"), text(-1, 0, "a1 failed"), later, text(-2, 0, "b1"),
		text(-1, 5, "topic1"), text(-1, 0, "a3"), text(-1, 5, "topic2"), text(-1, 0, "a4"))
	if err := s.MarkSent(ctx, rows[0].ID, []int64{1}, testNow); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkFailed(ctx, rows[1].ID, "bad request"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		target tip.Target
		limit  int
		want   []string
	}{
		{"chat without thread, not yet due included", tip.Target{ChatID: -1}, 10, []string{"a2 later", "a3", "a4"}},
		{"limit keeps the oldest", tip.Target{ChatID: -1}, 2, []string{"a2 later", "a3"}},
		{"thread", tip.Target{ChatID: -1, ThreadID: 5}, 10, []string{"topic1", "topic2"}},
		{"other chat", tip.Target{ChatID: -2}, 10, []string{"b1"}},
		{"unknown target", tip.Target{ChatID: -3}, 10, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs, err := s.Pending(ctx, tt.target, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if got := texts(msgs); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Pending(%s, %d) = %v, want %v", tt.target, tt.limit, got, tt.want)
			}
		})
	}
}

func TestOutboxSentSince(t *testing.T) {
	ctx := context.Background()
	s := NewOutboxStore(mustOpen(t))
	rows := mustEnqueue(t, s, text(-1, 0, "t+2s"), text(-2, 0, "t+1s first"), text(-1, 0, "t+1s second"),
		text(-1, 0, "t"), text(-1, 0, "pending"), text(-1, 0, "failed"))
	sentAt := []time.Duration{2 * time.Second, time.Second, time.Second, 0}
	for i, d := range sentAt {
		if err := s.MarkSent(ctx, rows[i].ID, []int64{int64(i)}, testNow.Add(d)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.MarkFailed(ctx, rows[5].ID, "x"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		since time.Time
		want  []string
	}{
		{"everything, by sent time then id", testNow.Add(-time.Hour), []string{"t", "t+1s first", "t+1s second", "t+2s"}},
		{"since is inclusive", testNow, []string{"t", "t+1s first", "t+1s second", "t+2s"}},
		{"one millisecond later", testNow.Add(time.Millisecond), []string{"t+1s first", "t+1s second", "t+2s"}},
		{"at the last send", testNow.Add(2 * time.Second), []string{"t+2s"}},
		{"after the last send", testNow.Add(2*time.Second + time.Millisecond), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs, err := s.SentSince(ctx, tt.since)
			if err != nil {
				t.Fatal(err)
			}
			if got := texts(msgs); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("SentSince(%v) = %v, want %v", tt.since, got, tt.want)
			}
		})
	}
}

func TestOutboxRetryNow(t *testing.T) {
	ctx := context.Background()
	s := NewOutboxStore(mustOpen(t))
	at := func(m tip.OutboxMessage, d time.Duration) tip.OutboxMessage {
		m.NextAttemptAt = testNow.Add(d)
		return m
	}
	rows := mustEnqueue(t, s, at(text(-1, 0, "a1 in an hour"), time.Hour), text(-1, 0, "a2"),
		at(text(-2, 0, "b1 a minute ago"), -time.Minute), at(text(-3, 0, "c1 in a day"), 24*time.Hour),
		at(text(-4, 0, "d1 failed"), time.Hour))
	if err := s.MarkFailed(ctx, rows[4].ID, "x"); err != nil {
		t.Fatal(err)
	}
	if got, want := dueTexts(t, s, testNow, 10), []string{"b1 a minute ago"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Due before RetryNow = %v, want %v", got, want)
	}
	n, err := s.RetryNow(ctx, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("RetryNow = %d, want 2 (a1 and c1)", n)
	}
	if got, want := dueTexts(t, s, testNow, 10), []string{"a1 in an hour", "b1 a minute ago", "c1 in a day"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Due after RetryNow = %v, want %v", got, want)
	}
	b1, err := s.Get(ctx, rows[2].ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := testNow.Add(-time.Minute); !b1.NextAttemptAt.Equal(want) {
		t.Errorf("b1 NextAttemptAt = %v, want %v (an earlier time is kept)", b1.NextAttemptAt, want)
	}
	if n, err := s.RetryNow(ctx, testNow); err != nil || n != 0 {
		t.Errorf("second RetryNow = %d, %v; want 0, nil", n, err)
	}
}
