package sqlite

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func text(chat int64, thread int64, s string) tip.OutboxMessage {
	return tip.OutboxMessage{Purpose: tip.PurposeNotice, Target: tip.Target{ChatID: chat, ThreadID: thread}, Kind: tip.SendText, Text: s}
}

// dueTexts returns the texts of the rows Due returns.
func dueTexts(t *testing.T, s *OutboxStore, now time.Time, limit int) []string {
	t.Helper()
	msgs, err := s.Due(context.Background(), now, limit)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range msgs {
		out = append(out, m.Text)
	}
	return out
}

func TestOutboxDueHeadOfLine(t *testing.T) {
	ctx := context.Background()
	s := NewOutboxStore(mustOpen(t))
	later := testNow.Add(time.Minute)
	a1 := text(-1, 0, "a1")
	b1 := text(-2, 0, "b1")
	b1.NextAttemptAt = later
	if err := s.Enqueue(ctx, a1, b1, text(-1, 0, "a2"), text(-2, 0, "b2"), text(-1, 5, "t1"), text(-3, 0, "c1")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		now   time.Time
		limit int
		want  []string
	}{
		{"blocked head holds back its target", testNow, 10, []string{"a1", "t1", "c1"}},
		{"limit keeps the oldest", testNow, 2, []string{"a1", "t1"}},
		{"head becomes due", later, 10, []string{"a1", "b1", "t1", "c1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dueTexts(t, s, tt.now, tt.limit); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Due = %v, want %v", got, tt.want)
			}
		})
	}

	// Sending a head moves its target on; failing one stops blocking too.
	due, _ := s.Due(ctx, later, 10)
	if err := s.MarkSent(ctx, due[0].ID, []int64{900}, testNow); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkFailed(ctx, due[1].ID, "message too long"); err != nil {
		t.Fatal(err)
	}
	if got, want := dueTexts(t, s, later, 10), []string{"a2", "b2", "t1", "c1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Due after send and fail = %v, want %v", got, want)
	}
	failed, err := s.Get(ctx, due[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if failed.Status != tip.OutboxFailed || failed.Attempts != 1 || failed.LastError != "message too long" {
		t.Errorf("failed row = %+v, want status failed, 1 attempt, the error", failed)
	}
}

func TestOutboxNextAttempt(t *testing.T) {
	ctx := context.Background()
	s := NewOutboxStore(mustOpen(t))
	if _, ok, err := s.NextAttempt(ctx, testNow); err != nil || ok {
		t.Fatalf("NextAttempt of an empty outbox = %v, %v; want false, nil", ok, err)
	}
	head := text(-1, 0, "a1")
	head.NextAttemptAt = testNow.Add(time.Hour)
	behind := text(-1, 0, "a2")
	behind.NextAttemptAt = testNow.Add(time.Minute)
	if err := s.Enqueue(ctx, head, behind, text(-2, 0, "b1")); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.Lease(ctx, 1, "a", testNow, testNow.Add(time.Minute)); err != nil || !ok {
		t.Fatalf("Lease = %v, %v", ok, err)
	}
	tests := []struct {
		name   string
		after  time.Time
		want   time.Time
		wantOK bool
	}{
		// a2 waits behind a1, and b1 is due already: neither hides a1's
		// later attempt, and a1's lease does not matter.
		{"a head waiting for later", testNow, head.NextAttemptAt, true},
		{"nothing after the last attempt", head.NextAttemptAt, time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok, err := s.NextAttempt(ctx, tt.after)
		if err != nil || ok != tt.wantOK || !got.Equal(tt.want) {
			t.Errorf("%s: NextAttempt = %v, %v, %v; want %v, %v, nil", tt.name, got, ok, err, tt.want, tt.wantOK)
		}
	}
}

func TestOutboxMarkAndGet(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	s := NewOutboxStore(db)
	stored, _, err := NewTipStore(db).Create(ctx, sampleTip(111, 10), relayCompose(relayTarget))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.ByTip(ctx, stored.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("ByTip = %d rows, want 2", len(rows))
	}
	want := tip.OutboxMessage{
		ID: rows[1].ID, TipID: stored.ID, Purpose: tip.PurposeRelay, Target: relayTarget,
		Kind: tip.CopyMessages, FromChatID: 111, MessageIDs: []int64{10},
		Status: tip.OutboxPending, CreatedAt: testNow,
	}
	if !reflect.DeepEqual(rows[1], want) {
		t.Errorf("ByTip[1] =\n%+v\nwant\n%+v", rows[1], want)
	}

	next := testNow.Add(30 * time.Second)
	for i, errText := range []string{"timeout", "bad gateway"} {
		if err := s.MarkRetry(ctx, want.ID, next, errText); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Get(ctx, want.ID)
		if got.Attempts != i+1 || got.LastError != errText || !got.NextAttemptAt.Equal(next) || got.Status != tip.OutboxPending {
			t.Errorf("after retry %d: %+v", i+1, got)
		}
	}
	sentAt := testNow.Add(time.Minute)
	if err := s.MarkSent(ctx, want.ID, []int64{501, 502}, sentAt); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(ctx, want.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != tip.OutboxSent || !reflect.DeepEqual(got.SentMessageIDs, []int64{501, 502}) || !got.SentAt.Equal(sentAt) {
		t.Errorf("after MarkSent: %+v", got)
	}

	missing := []struct {
		name string
		err  error
	}{
		{"Get", func() error { _, err := s.Get(ctx, 999); return err }()},
		{"MarkSent", s.MarkSent(ctx, 999, nil, testNow)},
		{"MarkRetry", s.MarkRetry(ctx, 999, testNow, "x")},
		{"MarkFailed", s.MarkFailed(ctx, 999, "x")},
	}
	for _, tt := range missing {
		if !errors.Is(tt.err, tip.ErrNotFound) {
			t.Errorf("%s of a missing row = %v, want tip.ErrNotFound", tt.name, tt.err)
		}
	}
}

func TestOutboxDedupe(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	s := NewOutboxStore(db)
	withKey := func(key, txt string) tip.OutboxMessage {
		m := text(-1, 0, txt)
		m.DedupeKey = key
		return m
	}
	if err := s.Enqueue(ctx, withKey("reply:1", "first"), withKey("reply:1", "same batch"), withKey("", "no key"), withKey("", "no key either")); err != nil {
		t.Fatal(err)
	}
	if err := s.Enqueue(ctx, withKey("reply:1", "later"), withKey("reply:2", "other")); err != nil {
		t.Fatal(err)
	}
	if got, want := dueTexts(t, s, testNow, 10), []string{"first"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Due = %v, want %v", got, want)
	}
	if got, want := countRows(t, db, "outbox"), 4; got != want {
		t.Errorf("outbox rows = %d, want %d", got, want)
	}
}
