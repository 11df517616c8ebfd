package sqlite

import (
	"context"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// relayedTip stores a tip from chat 111 with one relay row to each of
// chats, marks those rows sent at sentAt with message ids 500+i, and
// returns the tip.
func relayedTip(t *testing.T, db *DB, msg int64, sentAt time.Time, chats ...int64) tip.Tip {
	t.Helper()
	ctx := context.Background()
	stored, _, err := NewTipStore(db).Create(ctx, sampleTip(111, msg), func(tp tip.Tip) []tip.OutboxMessage {
		var out []tip.OutboxMessage
		for _, c := range chats {
			out = append(out, tip.OutboxMessage{TipID: tp.ID, Purpose: tip.PurposeRelay, Target: tip.Target{ChatID: c}, Kind: tip.SendText, Text: "header"})
		}
		return out
	})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := NewOutboxStore(db).ByTip(ctx, stored.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := NewOutboxStore(db).MarkSent(ctx, r.ID, []int64{500 + r.ID}, sentAt); err != nil {
			t.Fatal(err)
		}
	}
	return stored
}

func TestStatusSetAndHistory(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	tp := relayedTip(t, db, 10, testNow, -100)
	st := NewStatusStore(db)
	officer := tip.Person{ID: 42, FirstName: "Made", LastName: "Wirawan"}
	changes := []tip.StatusChange{
		{TipID: tp.ID, From: tip.StatusNone, To: tip.StatusWatching, ChatID: -100, Unit: "Ditintelkam Polda Bali", Officer: officer, At: testNow.Add(time.Minute)},
		{TipID: tp.ID, From: tip.StatusWatching, To: tip.StatusFollowUp, ChatID: -200, Unit: "Polres Badung", Officer: tip.Person{ID: 43, FirstName: "Ketut"}, At: testNow.Add(5 * time.Minute)},
	}
	for _, c := range changes {
		if err := st.SetStatus(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	got, err := NewTipStore(db).Get(ctx, tp.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := tip.StatusState{Status: tip.StatusFollowUp, Unit: "Polres Badung", Officer: tip.Person{ID: 43, FirstName: "Ketut"},
		At: testNow.Add(5 * time.Minute).Truncate(time.Millisecond), FirstAt: testNow.Add(time.Minute).Truncate(time.Millisecond)}
	if !got.Status.At.Equal(want.At) || !got.Status.FirstAt.Equal(want.FirstAt) || got.Status.Status != want.Status ||
		got.Status.Unit != want.Unit || got.Status.Officer != want.Officer {
		t.Errorf("Status = %+v, want %+v", got.Status, want)
	}
	hist, err := st.History(ctx, tp.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || hist[0].To != tip.StatusWatching || hist[1].From != tip.StatusWatching ||
		hist[1].ChatID != -200 || hist[0].Officer != officer || !hist[1].At.Equal(want.At) {
		t.Errorf("History = %+v", hist)
	}
	if err := st.SetStatus(ctx, tip.StatusChange{TipID: 999, To: tip.StatusDone, At: testNow}); err == nil {
		t.Error("SetStatus of an unknown tip: no error")
	}
}

func TestUnanswered(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	st := NewStatusStore(db)
	old := relayedTip(t, db, 10, testNow, -100, -200)
	fresh := relayedTip(t, db, 11, testNow.Add(20*time.Minute), -100)
	answered := relayedTip(t, db, 12, testNow, -100)
	if err := st.SetStatus(ctx, tip.StatusChange{TipID: answered.ID, To: tip.StatusDone, ChatID: -100, At: testNow}); err != nil {
		t.Fatal(err)
	}
	got, err := st.Unanswered(ctx, testNow.Add(10*time.Minute), 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].TipID != old.ID || got[1].TipID != old.ID || got[0].Target.ChatID != -200 && got[0].Target.ChatID != -100 {
		t.Fatalf("Unanswered = %+v, want the two relays of tip %d", got, old.ID)
	}
	for _, r := range got {
		if r.MessageID == 0 || r.Reporter.ID != 111 || !r.SentAt.Equal(testNow.Truncate(time.Millisecond)) {
			t.Errorf("reminder %+v: want its message, reporter 111 and the send time", r)
		}
	}
	if got, _ := st.Unanswered(ctx, testNow.Add(30*time.Minute), 100); len(got) != 3 {
		t.Errorf("later: %d relays, want 3 (tip %d too)", len(got), fresh.ID)
	}
	if err := st.EndEscalation(ctx, old.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Unanswered(ctx, testNow.Add(30*time.Minute), 100); len(got) != 1 || got[0].TipID != fresh.ID {
		t.Errorf("after EndEscalation: %+v, want only tip %d", got, fresh.ID)
	}
}

func TestSentAsAndCancel(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	out := NewOutboxStore(db)
	tp := relayedTip(t, db, 10, testNow, -100)
	rows, _ := out.ByTip(ctx, tp.ID)
	msg := rows[0].SentMessageIDs[0]
	got, ok, err := out.SentAs(ctx, -100, msg)
	if err != nil || !ok || got.ID != rows[0].ID || got.TipID != tp.ID {
		t.Fatalf("SentAs = %+v, %v, %v; want row %d", got, ok, err, rows[0].ID)
	}
	if _, ok, _ := out.SentAs(ctx, -200, msg); ok {
		t.Error("SentAs in another chat found a row")
	}
	// An edit of the message keeps pointing at the row that sent it.
	edit := tip.OutboxMessage{TipID: tp.ID, Purpose: tip.PurposeRelay, Target: tip.Target{ChatID: -100}, Kind: tip.EditText, Text: "new", EditOf: rows[0].ID}
	if err := out.Enqueue(ctx, edit); err != nil {
		t.Fatal(err)
	}
	all, _ := out.ByTip(ctx, tp.ID)
	if err := out.MarkSent(ctx, all[len(all)-1].ID, []int64{msg}, testNow); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := out.SentAs(ctx, -100, msg); got.ID != rows[0].ID {
		t.Errorf("after the edit: SentAs = row %d, want %d", got.ID, rows[0].ID)
	}
	reminder := tip.OutboxMessage{TipID: tp.ID, Purpose: tip.PurposeReminder, Target: tip.Target{ChatID: -100}, Kind: tip.SendText, Text: "⏰"}
	if err := out.Enqueue(ctx, reminder); err != nil {
		t.Fatal(err)
	}
	n, err := out.Cancel(ctx, tp.ID, tip.PurposeReminder, "status set")
	if err != nil || n != 1 {
		t.Fatalf("Cancel = %d, %v; want 1", n, err)
	}
	if n, _ := out.Cancel(ctx, tp.ID, tip.PurposeReminder, "status set"); n != 0 {
		t.Errorf("second Cancel = %d, want 0", n)
	}
}

func TestConversation(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	tp := relayedTip(t, db, 10, testNow, -100)
	c := NewConversationStore(db)
	q := tip.Exchange{TipID: tp.ID, Direction: tip.Question, PoliceChatID: -100, Unit: "Polres Badung",
		From: tip.Person{ID: 42, FirstName: "Made"}, ChatID: -100, MessageID: 77, Kind: "text", Text: "Lokasinya di mana?", At: testNow}
	a := tip.Exchange{TipID: tp.ID, Direction: tip.Answer, PoliceChatID: -100, Unit: "Polres Badung",
		From: tip.Person{ID: 111, FirstName: "Ayu"}, ChatID: 111, MessageID: 78, Kind: "photo", Text: "Di Kuta", At: testNow.Add(time.Minute)}
	for _, e := range []tip.Exchange{q, a} {
		if added, err := c.AddExchange(ctx, e); err != nil || !added {
			t.Fatalf("AddExchange = %v, %v", added, err)
		}
	}
	if added, err := c.AddExchange(ctx, q); err != nil || added {
		t.Errorf("again: AddExchange = %v, %v; want false", added, err)
	}
	got, err := c.Exchanges(ctx, tp.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Text != q.Text || got[1].Direction != tip.Answer || got[1].Kind != "photo" || got[0].From.FirstName != "Made" {
		t.Errorf("Exchanges = %+v", got)
	}
}

// TestSentAsSkipsAcknowledgements: only the messages a reply or a press
// can be about are recorded; an acknowledgement or a digest is not.
func TestSentAsSkipsAcknowledgements(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	out := NewOutboxStore(db)
	tp := relayedTip(t, db, 10, testNow, -100)
	rows := []tip.OutboxMessage{
		{TipID: tp.ID, Purpose: tip.PurposeAck, Target: tip.Target{ChatID: 111}, Kind: tip.SendText, Text: "ack"},
		{Purpose: tip.PurposeDigest, Target: tip.Target{ChatID: -100}, Kind: tip.SendText, Text: "digest"},
		{TipID: tp.ID, Purpose: tip.PurposeQuestion, Target: tip.Target{ChatID: 111}, Kind: tip.SendText, Text: "?"},
	}
	if err := out.Enqueue(ctx, rows...); err != nil {
		t.Fatal(err)
	}
	all, _ := out.ByTip(ctx, tp.ID)
	digestRows, _ := out.Pending(ctx, tip.Target{ChatID: -100}, 10)
	tests := []struct {
		name string
		row  tip.OutboxMessage
		chat int64
		want bool
	}{
		{"acknowledgement", all[1], 111, false},
		{"question", all[2], 111, true},
		{"digest", digestRows[0], -100, false},
	}
	for i, tt := range tests {
		msg := int64(9000 + i)
		if err := out.MarkSent(ctx, tt.row.ID, []int64{msg}, testNow); err != nil {
			t.Fatal(err)
		}
		if _, got, err := out.SentAs(ctx, tt.chat, msg); err != nil || got != tt.want {
			t.Errorf("%s: SentAs found %v (%v), want %v", tt.name, got, err, tt.want)
		}
	}
}
