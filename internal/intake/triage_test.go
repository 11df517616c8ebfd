package intake

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// fakePlaces is a gazetteer of three regions whose places are their names
// plus a few known places, matched as lower-case words.
type fakePlaces struct{}

var fakeRegionPlaces = map[tip.RegionKey][]string{
	"denpasar": {"denpasar", "sanur", "renon"},
	"badung":   {"badung", "kuta", "canggu"},
	"gianyar":  {"gianyar", "ubud"},
}

func (fakePlaces) Keys() []tip.RegionKey { return []tip.RegionKey{"denpasar", "badung", "gianyar"} }
func (fakePlaces) Name(k tip.RegionKey) string {
	return strings.ToUpper(string(k[:1])) + string(k[1:])
}
func (p fakePlaces) Find(text string) []tip.RegionKey {
	var out []tip.RegionKey
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return r == ' ' || r == ',' || r == '.' }) {
		for _, k := range p.Keys() {
			for _, place := range fakeRegionPlaces[k] {
				if w == place && !containsKey(out, k) {
					out = append(out, k)
				}
			}
		}
	}
	return out
}

const (
	badungChat  = -1003000000001
	gianyarChat = -1003000000002
)

// triageHarness is a harness whose service knows the fake gazetteer, with
// police chats for Badung and Gianyar.
func triageHarness(t *testing.T) *harness {
	h := newHarness(t, nil)
	h.svc.set.Places = fakePlaces{}
	h.svc.set.Regions = map[tip.RegionKey]tip.Target{"badung": {ChatID: badungChat}, "gianyar": {ChatID: gianyarChat}}
	h.svc.police = policeChats(h.svc.set) // as NewService derives it
	return h
}

func TestHashtags(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"none", "tanpa tagar", nil},
		{"several, case folded", "Awas #Hoaks di #BADUNG, #darurat!", []string{"hoaks", "badung", "darurat"}},
		{"underscore", "#ujaran_kebencian", []string{"ujaran_kebencian"}},
		{"inside a word is none", "a#b c##d", []string{"d"}},
		{"bare hash", "# lalu #", nil},
		{"unicode letters", "#Déjà", []string{"déjà"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := hashtags(tt.text); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTriageFromText(t *testing.T) {
	tests := []struct {
		name, text string
		want       tip.Triage
	}{
		{"nothing", "Unggahan provokatif", tip.Triage{Priority: tip.PriorityNormal}},
		{"hashtags set every field", "Lihat #badung #hoaks #darurat", tip.Triage{Region: "badung", RegionSource: tip.SetByHashtag, Category: tip.CategoryHoax, Priority: tip.PriorityUrgent}},
		{"first hashtag of a kind wins", "#gianyar #badung #penting #darurat", tip.Triage{Region: "gianyar", RegionSource: tip.SetByHashtag, Priority: tip.PriorityImportant}},
		{"unknown hashtags ignored", "#bali #pemilu2026", tip.Triage{Priority: tip.PriorityNormal}},
		{"a place sets the region as automatic", "Kerumunan di Kuta malam ini", tip.Triage{Region: "badung", RegionSource: tip.SetByPlace, Priority: tip.PriorityNormal}},
		{"two regions are offered, not guessed", "Demo di Kuta dan Ubud", tip.Triage{RegionChoices: []tip.RegionKey{"badung", "gianyar"}, Priority: tip.PriorityNormal}},
		{"a hashtag beats the places", "Demo di Kuta dan Ubud #gianyar", tip.Triage{Region: "gianyar", RegionSource: tip.SetByHashtag, Priority: tip.PriorityNormal}},
	}
	h := triageHarness(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := h.svc.triageFromText(tt.text); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestCategoriesOfferedAreTheConfiguredOnes(t *testing.T) {
	h := triageHarness(t)
	h.svc.set.Categories = []tip.Category{tip.CategoryThreat, tip.CategoryHoax}
	if got := h.svc.triageFromText("#provokasi #ancaman"); got.Category != tip.CategoryThreat {
		t.Errorf("got category %q, want ancaman (provokasi is not offered)", got.Category)
	}
	rows := h.svc.keyboard(tip.Tip{ID: 7})
	var cats []string
	for _, row := range rows {
		for _, b := range row {
			if strings.HasPrefix(b.Data, "t7:c:") {
				cats = append(cats, strings.TrimPrefix(b.Data, "t7:c:"))
			}
		}
	}
	if want := []string{"ancaman", "hoaks"}; !reflect.DeepEqual(cats, want) {
		t.Errorf("got category buttons %q, want %q in that order", cats, want)
	}
}

// textUpdate is a private text message from the staff member.
func textUpdate(updateID, messageID int64, text string) []byte {
	return []byte(fmt.Sprintf(`{"update_id": %d, "message": {"message_id": %d,
		"from": {"id": %d, "is_bot": false, "first_name": "Rina"},
		"chat": {"id": %d, "first_name": "Rina", "type": "private"},
		"date": 1770091200, "text": %q}}`, updateID, messageID, staffID, staffID, text))
}

// pressUpdate is a press by user on a button with data on message
// messageID of the staff member's private chat.
func pressUpdate(updateID, user, messageID int64, data string) []byte {
	return []byte(fmt.Sprintf(`{"update_id": %d, "callback_query": {"id": "cb%d",
		"from": {"id": %d, "is_bot": false, "first_name": "X"},
		"message": {"message_id": %d, "from": {"id": 7912345678, "is_bot": true, "first_name": "Bot"},
			"chat": {"id": %d, "first_name": "Rina", "type": "private"}, "date": 1770091300, "text": "kartu"},
		"chat_instance": "1", "data": %q}}`, updateID, updateID, user, messageID, staffID, data))
}

func TestHashtagRoutesToTheRegionChat(t *testing.T) {
	h := triageHarness(t)
	h.feed(t, textUpdate(1, 301, "Hoaks surat suara #badung #hoaks"))
	rows := h.outbox(t)
	var polda, badung []tip.OutboxMessage
	var ack tip.OutboxMessage
	for _, m := range rows {
		switch {
		case m.Purpose == tip.PurposeRelay && m.Target == relayTarget:
			polda = append(polda, m)
		case m.Purpose == tip.PurposeRelay && m.Target.ChatID == badungChat:
			badung = append(badung, m)
		case m.Purpose == tip.PurposeAck:
			ack = m
		}
	}
	if len(polda) != 1 || len(badung) != 1 {
		t.Fatalf("got %d rows to the Polda chat and %d to Badung's, want one message each", len(polda), len(badung))
	}
	for _, m := range []tip.OutboxMessage{polda[0], badung[0]} {
		if m.Kind != tip.SendText || !strings.Contains(m.Text, "Badung") || !strings.Contains(m.Text, "Hoaks") ||
			!strings.Contains(m.Text, "Hoaks surat suara") {
			t.Errorf("got %s %q, want one text with the header (region, category) and the tip", m.Kind, m.Text)
		}
	}
	if len(ack.Buttons) == 0 || !strings.Contains(fmt.Sprint(ack.Buttons), "✅ 📍 Badung") {
		t.Errorf("got ack buttons %v, want the keyboard with Badung marked", ack.Buttons)
	}
}

func TestPressSetsTriageAndRoutesOnce(t *testing.T) {
	h := triageHarness(t)
	h.feed(t, textUpdate(1, 301, "Spanduk provokatif dekat pasar"))
	ack := h.outboxOf(t, tip.PurposeAck)[0]
	markSent(t, h, ack.ID, 900)
	for _, r := range h.outboxOf(t, tip.PurposeRelay) {
		markSent(t, h, r.ID, 500+r.ID)
	}
	// The reporter presses Gianyar twice (a retried update, a double tap).
	h.feed(t, pressUpdate(2, staffID, 900, "t1:r:gianyar"), pressUpdate(3, staffID, 900, "t1:r:gianyar"))

	tp, err := h.st.Tips.Get(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if tp.Triage.Region != "gianyar" || tp.Triage.RegionSource != tip.SetByButton {
		t.Errorf("got triage %+v, want Gianyar set by button", tp.Triage)
	}
	var routed, edits, answers int
	for _, m := range h.outbox(t) {
		switch {
		case m.Kind == tip.AnswerCallback:
			answers++
		case m.Target.ChatID == gianyarChat && m.Purpose == tip.PurposeRelay:
			routed++
		case m.EditOf != 0:
			edits++
			if !strings.Contains(m.Text, "Gianyar") {
				t.Errorf("got edit %q, want it to show Gianyar", m.Text)
			}
		}
	}
	if routed != 1 || answers != 2 {
		t.Errorf("got %d rows routed to Gianyar and %d answers, want 1 and 2", routed, answers)
	}
	// The Polda header and the reporter's card are edited; the second
	// press changes nothing.
	if edits != 2 {
		t.Errorf("got %d edits, want 2 (the Polda header, the card)", edits)
	}
	entries, err := h.st.Audit.AuditEntries(context.Background(), 10)
	if err != nil || len(entries) == 0 || entries[0].Action != "triage_set" {
		t.Errorf("got audit %+v (%v), want triage_set", entries, err)
	}
}

func TestPressByAStrangerChangesNothing(t *testing.T) {
	h := triageHarness(t)
	h.feed(t, textUpdate(1, 301, "Unggahan di Kuta"))
	h.feed(t, pressUpdate(2, 6000000001, 900, "t1:r:gianyar"))
	tp, _ := h.st.Tips.Get(context.Background(), 1)
	if tp.Triage.Region != "badung" {
		t.Errorf("got region %q, want badung unchanged", tp.Triage.Region)
	}
	answers := h.outboxOf(t, tip.PurposeNotice)
	if len(answers) != 1 || answers[0].Kind != tip.AnswerCallback || !strings.Contains(answers[0].Text, "Hanya pelapor") {
		t.Errorf("got %+v, want one refusal answered", answers)
	}
}

func TestStaleAndForeignButtonsAreAnswered(t *testing.T) {
	tests := []struct{ name, data string }{
		{"no such tip", "t99:r:badung"},
		{"region no longer offered", "t1:r:jembrana"},
		{"not a triage button", "xyz"},
		{"bad priority", "t1:p:sangat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := triageHarness(t)
			h.feed(t, textUpdate(1, 301, "Unggahan"))
			h.feed(t, pressUpdate(2, staffID, 900, tt.data))
			answers := h.outboxOf(t, tip.PurposeNotice)
			if len(answers) != 1 || !strings.Contains(answers[0].Text, "tidak berlaku") {
				t.Errorf("got %+v, want one answer saying the button no longer applies", answers)
			}
		})
	}
}

func TestPressByAnAdminIsAccepted(t *testing.T) {
	h := triageHarness(t)
	h.feed(t, textUpdate(1, 301, "Unggahan"))
	h.feed(t, pressUpdate(2, adminID, 900, "t1:p:darurat"))
	if tp, _ := h.st.Tips.Get(context.Background(), 1); tp.Triage.Priority != tip.PriorityUrgent {
		t.Errorf("got priority %q, want darurat set by the admin", tp.Triage.Priority)
	}
}

func TestReportCardCarriesTheButtons(t *testing.T) {
	h := triageHarness(t)
	h.feed(t, textUpdate(1, 301, "Unggahan"))
	h.feed(t, []byte(fmt.Sprintf(`{"update_id": 2, "message": {"message_id": 302,
		"from": {"id": %d, "is_bot": false, "first_name": "Rina"}, "chat": {"id": %d, "type": "private"},
		"date": 1770091300, "text": "/laporan 1", "entities": [{"type": "bot_command", "offset": 0, "length": 8}]}}`, staffID, staffID)))
	cards := h.outboxOf(t, tip.PurposeNotice)
	if len(cards) != 1 || cards[0].TipID != 1 || len(cards[0].Buttons) == 0 || !strings.Contains(cards[0].Text, "#1") {
		t.Errorf("got %+v, want tip #1's card with its buttons", cards)
	}
}

// outboxOf returns the rows with purpose p.
func (h *harness) outboxOf(t *testing.T, p tip.Purpose) []tip.OutboxMessage {
	t.Helper()
	var out []tip.OutboxMessage
	for _, m := range h.outbox(t) {
		if m.Purpose == p {
			out = append(out, m)
		}
	}
	return out
}

// markSent records row id as sent as message msgID.
func markSent(t *testing.T, h *harness, id, msgID int64) {
	t.Helper()
	if err := h.st.Outbox.MarkSent(context.Background(), id, []int64{msgID}, h.now); err != nil {
		t.Fatal(err)
	}
}

// Every button of the keyboard decodes to what it sets and fits
// Telegram's 64 bytes, for the largest tip number there can be.
func TestKeyboardButtonsRoundTrip(t *testing.T) {
	h := triageHarness(t)
	n := 0
	for _, row := range h.svc.keyboard(tip.Tip{ID: 1<<62 + 12345}) {
		for _, b := range row {
			n++
			p, ok := parsePress(b.Data)
			if !ok || p.tipID != 1<<62+12345 || len(b.Data) > tip.MaxCallbackData || p.data() != b.Data {
				t.Errorf("button %q: data %q decodes to %+v (%v), %d bytes", b.Text, b.Data, p, ok, len(b.Data))
			}
		}
	}
	if want := 3 + len(tip.Categories()) + len(tip.Priorities()); n != want {
		t.Errorf("got %d buttons, want %d (every region, category and priority)", n, want)
	}
}

// A tip merged into a backlog summary shares that message with other
// tips: a press edits its card and headers elsewhere, never the summary.
func TestPressDoesNotEditASummary(t *testing.T) {
	h := triageHarness(t)
	h.feed(t, textUpdate(1, 301, "Satu"), textUpdate(2, 302, "Dua"))
	var relays []int64
	for _, m := range h.outboxOf(t, tip.PurposeRelay) {
		relays = append(relays, m.ID)
	}
	if err := h.st.Outbox.MarkSentMany(context.Background(), relays, []int64{800}, h.now); err != nil {
		t.Fatal(err)
	}
	h.feed(t, pressUpdate(3, staffID, 900, "t1:c:hoaks"))
	for _, m := range h.outbox(t) {
		if m.EditOf != 0 {
			t.Errorf("got an edit of row %d (%q), want none of a summary", m.EditOf, m.Text)
		}
	}
}

// A tip made darurat while its messages wait jumps the queues with all
// of them.
func TestPressUrgentMakesWaitingRowsUrgent(t *testing.T) {
	h := triageHarness(t)
	h.feed(t, textUpdate(1, 301, "Ancaman di Kuta"))
	h.feed(t, pressUpdate(2, staffID, 900, "t1:p:darurat"))
	for _, m := range h.outboxOf(t, tip.PurposeRelay) {
		if !m.Urgent {
			t.Errorf("row %d to %v: got not urgent, want urgent", m.ID, m.Target)
		}
	}
}

// The press can be processed before the card's send is recorded: the
// card's edit is queued and waits for it.
func TestPressBeforeTheCardIsMarkedSent(t *testing.T) {
	h := triageHarness(t)
	h.feed(t, textUpdate(1, 301, "Spanduk"))
	h.feed(t, pressUpdate(2, staffID, 900, "t1:c:hoaks"))
	var cardEdits int
	ack := h.outboxOf(t, tip.PurposeAck)[0]
	for _, m := range h.outbox(t) {
		if m.EditOf == ack.ID {
			cardEdits++
		}
	}
	// The ack was still waiting: rewritten in place, no edit needed.
	if got, _ := h.st.Outbox.Get(context.Background(), ack.ID); !strings.Contains(got.Text, "Hoaks") || cardEdits != 0 {
		t.Errorf("got card %q and %d edits, want the waiting card rewritten to show Hoaks", got.Text, cardEdits)
	}
	// Leased (being sent): the edit is queued for after the send.
	if _, err := h.st.Outbox.LeaseMany(context.Background(), []int64{ack.ID}, "bot", h.now, h.now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	h.feed(t, pressUpdate(3, staffID, 900, "t1:p:penting"))
	for _, m := range h.outbox(t) {
		if m.EditOf == ack.ID && strings.Contains(m.Text, "Penting") {
			cardEdits++
		}
	}
	if cardEdits != 1 {
		t.Errorf("got %d edits of the card being sent, want 1", cardEdits)
	}
}

// A region without a police chat of its own is still a region: the
// header shows it, and the tip goes to the Polda chat only.
func TestRegionWithoutAChat(t *testing.T) {
	h := triageHarness(t)
	h.feed(t, textUpdate(1, 301, "Hoaks di Sanur"))
	rows := h.outboxOf(t, tip.PurposeRelay)
	if len(rows) != 1 || rows[0].Target != relayTarget || !strings.Contains(rows[0].Text, "Denpasar (otomatis)") {
		t.Errorf("got %d relay rows (%+v), want one to the Polda chat showing Denpasar", len(rows), rows)
	}
}
