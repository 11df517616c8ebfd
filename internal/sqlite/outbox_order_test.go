package sqlite

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// mustTips stores n tips from one reporter and returns their ids.
func mustTips(t *testing.T, db *DB, n int) []int64 {
	t.Helper()
	var ids []int64
	for i := range n {
		stored, _, err := NewTipStore(db).Create(context.Background(), sampleTip(111, int64(10+i)), func(tip.Tip) []tip.OutboxMessage { return nil })
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, stored.ID)
	}
	return ids
}

// queueTexts returns the texts of target's queue in drain order.
func queueTexts(t *testing.T, s *OutboxStore, target tip.Target) []string {
	t.Helper()
	msgs, err := s.Pending(context.Background(), target, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range msgs {
		out = append(out, m.Text)
	}
	return out
}

func edit(of int64, s string) tip.OutboxMessage {
	m := text(-1, 0, s)
	m.Kind, m.EditOf = tip.EditText, of
	return m
}

func TestOutboxSupersededEdits(t *testing.T) {
	ctx := context.Background()
	group := tip.Target{ChatID: -1}
	t.Run("three edits before the worker runs leave one", func(t *testing.T) {
		s := NewOutboxStore(mustOpen(t))
		mustEnqueue(t, s, text(-1, 0, "header"))
		mustEnqueue(t, s, edit(1, "edit 1"))
		mustEnqueue(t, s, edit(1, "edit 2"), text(-1, 0, "other"), edit(1, "edit 3"))
		if got, want := queueTexts(t, s, group), []string{"header", "other", "edit 3"}; !reflect.DeepEqual(got, want) {
			t.Errorf("queue = %v, want %v", got, want)
		}
		for _, id := range []int64{2, 3} {
			m, err := s.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if m.Status != tip.OutboxFailed || m.Attempts != 0 || !strings.HasPrefix(m.LastError, "superseded by outbox row") {
				t.Errorf("edit %d = %s after %d attempts (%q), want failed as superseded, never tried", id, m.Status, m.Attempts, m.LastError)
			}
		}
	})
	t.Run("an edit in flight is left alone", func(t *testing.T) {
		s := NewOutboxStore(mustOpen(t))
		mustEnqueue(t, s, text(-1, 0, "header"), edit(1, "edit 1"))
		if got, err := s.LeaseMany(ctx, []int64{2}, "bot", testNow, testNow.Add(time.Minute)); err != nil || !got[2] {
			t.Fatalf("lease: %v %v", got, err)
		}
		mustEnqueue(t, s, edit(1, "edit 2"))
		if got, want := queueTexts(t, s, group), []string{"header", "edit 1", "edit 2"}; !reflect.DeepEqual(got, want) {
			t.Errorf("queue = %v, want %v", got, want)
		}
	})
	t.Run("edits of other messages and a replayed edit stay", func(t *testing.T) {
		s := NewOutboxStore(mustOpen(t))
		first := edit(1, "edit 1")
		first.DedupeKey = "press:1"
		mustEnqueue(t, s, text(-1, 0, "a"), text(-1, 0, "b"), first, edit(2, "edit of b"))
		mustEnqueue(t, s, first) // the same change again: skipped, supersedes nothing
		if got, want := queueTexts(t, s, group), []string{"a", "b", "edit 1", "edit of b"}; !reflect.DeepEqual(got, want) {
			t.Errorf("queue = %v, want %v", got, want)
		}
	})
}

func TestOutboxUrgentFirst(t *testing.T) {
	db := mustOpen(t)
	s := NewOutboxStore(db)
	tips := mustTips(t, db, 4)
	group := tip.Target{ChatID: -1}
	row := func(tipID int64, s string, urgent bool) tip.OutboxMessage {
		return tip.OutboxMessage{TipID: tipID, Purpose: tip.PurposeRelay, Target: group, Kind: tip.SendText, Text: s, Urgent: urgent}
	}
	copyOf := func(tipID int64, s string, urgent bool) tip.OutboxMessage {
		m := row(tipID, s, urgent)
		m.Kind, m.FromChatID, m.MessageIDs = tip.CopyMessages, 111, []int64{tipID}
		return m
	}
	// Tip 0 and 1 normal, tip 2 urgent (its copy not marked: it follows
	// its header), a notice, tip 3 urgent.
	mustEnqueue(t, s, row(tips[0], "n1", false), copyOf(tips[0], "n1 copy", false))
	mustEnqueue(t, s, row(tips[1], "n2", false))
	mustEnqueue(t, s, row(tips[2], "u1", true), copyOf(tips[2], "u1 copy", false))
	mustEnqueue(t, s, text(-1, 0, "notice"), row(tips[3], "u2", true))
	want := []string{"u1", "u1 copy", "u2", "n1", "n1 copy", "n2", "notice"}
	if got := queueTexts(t, s, group); !reflect.DeepEqual(got, want) {
		t.Errorf("queue = %v, want %v", got, want)
	}
	if got := dueTexts(t, s, testNow, 10); !reflect.DeepEqual(got, []string{"u1"}) {
		t.Errorf("Due = %v, want [u1]", got)
	}
	// Tip 1 becomes urgent after it was queued: an urgent edit of its
	// header takes the header along, and the edit stays after it. Among
	// urgent rows the order is the order of queueing: tip 1 was queued
	// before tips 2 and 3.
	mustEnqueue(t, s, tip.OutboxMessage{TipID: tips[1], Purpose: tip.PurposeRelay, Target: group,
		Kind: tip.EditText, EditOf: 4, Text: "n2 darurat", Urgent: true})
	want = []string{"n2", "u1", "u1 copy", "u2", "n2 darurat", "n1", "n1 copy", "notice"}
	if got := queueTexts(t, s, group); !reflect.DeepEqual(got, want) {
		t.Errorf("queue after the urgent edit = %v, want %v", got, want)
	}
}

// TestOutboxUrgentEditTakesItsOriginal: an urgent edit of a row that
// still waits, about no tip (an acknowledgement's keyboard, say), makes
// that row urgent: the edit never goes first.
func TestOutboxUrgentEditTakesItsOriginal(t *testing.T) {
	s := NewOutboxStore(mustOpen(t))
	mustEnqueue(t, s, text(-1, 0, "a"), text(-1, 0, "b"))
	e := edit(2, "edit of b")
	e.Urgent = true
	mustEnqueue(t, s, e)
	if got, want := queueTexts(t, s, tip.Target{ChatID: -1}), []string{"b", "edit of b", "a"}; !reflect.DeepEqual(got, want) {
		t.Errorf("queue = %v, want %v", got, want)
	}
}

func TestOutboxAnswersAreNotQueued(t *testing.T) {
	ctx := context.Background()
	s := NewOutboxStore(mustOpen(t))
	blocked := text(-1, 0, "waits for a retry")
	blocked.NextAttemptAt = testNow.Add(time.Hour)
	answer := tip.OutboxMessage{Purpose: tip.PurposeNotice, Target: tip.Target{ChatID: -1}, Kind: tip.AnswerCallback, CallbackID: "cb1", Text: "ok"}
	later := answer
	later.CallbackID, later.Text, later.NextAttemptAt = "cb2", "later", testNow.Add(time.Minute)
	mustEnqueue(t, s, blocked, answer, later)
	if got := dueTexts(t, s, testNow, 10); !reflect.DeepEqual(got, []string{"ok"}) {
		t.Errorf("Due = %v, want the answer alone", got)
	}
	if got := queueTexts(t, s, tip.Target{ChatID: -1}); !reflect.DeepEqual(got, []string{"waits for a retry"}) {
		t.Errorf("queue = %v, want no answers in it", got)
	}
	next, ok, err := s.NextAttempt(ctx, testNow)
	if err != nil || !ok || !next.Equal(testNow.Add(time.Minute)) {
		t.Errorf("NextAttempt = %v %v %v, want the later answer's time", next, ok, err)
	}
}
