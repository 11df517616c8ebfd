package intake

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// Search tests: tips are fed through the service (so they are indexed and
// relayed as in production), then /cari is fed from a private chat or a
// police group, and the answer read from the outbox; page buttons are
// pressed on the answer once it is marked sent.

const officerID = 7000000002

// searchMembers is a membership source: user is a member of the chats
// listed for them.
type searchMembers map[int64][]int64

func (m searchMembers) IsMember(_ context.Context, chat, user int64) (bool, error) {
	for _, c := range m[user] {
		if c == chat {
			return true, nil
		}
	}
	return false, nil
}

// searchHarness is a triage harness with tips #1 (Badung), #2 (Gianyar)
// and #3 (no region), all saying "hoaks", and members answered by m.
func searchHarness(t *testing.T, m searchMembers) *harness {
	t.Helper()
	h := triageHarness(t)
	h.svc.members = newMemberCache(m, memberTTL, h.svc.set.Now)
	h.feed(t, textUpdate(1, 301, "Hoaks surat suara tercoblos #badung"))
	h.feed(t, textUpdate(2, 302, "Hoaks banjir bandang #gianyar"))
	h.feed(t, textUpdate(3, 303, "Hoaks pemilu ditunda"))
	return h
}

// commandIn is /cari (or any command text) sent by user in chat: private
// when chat equals user, else a supergroup.
func commandIn(updateID, chat, user int64, text string) []byte {
	name := strings.Fields(text)[0]
	return []byte(fmt.Sprintf(`{"update_id": %d, "message": {"message_id": %d,
		"from": {"id": %d, "is_bot": false, "first_name": "X"}, "chat": {"id": %d, %s},
		"date": 1770091300, "text": %q, "entities": [{"type": "bot_command", "offset": 0, "length": %d}]}}`,
		updateID, 900+updateID, user, chat, chatKind(chat, user), text, len(name)))
}

// searchPress is a press by user on a button with data on message
// messageID of chat: private when chat equals user, else a supergroup.
func searchPress(updateID, chat, user, messageID int64, data string) []byte {
	return []byte(fmt.Sprintf(`{"update_id": %d, "callback_query": {"id": "cb%d",
		"from": {"id": %d, "is_bot": false, "first_name": "X"},
		"message": {"message_id": %d, "from": {"id": 7912345678, "is_bot": true, "first_name": "Bot"},
			"chat": {"id": %d, %s}, "date": 1770091300, "text": "hasil"},
		"chat_instance": "1", "data": %q}}`, updateID, updateID, user, messageID, chat, chatKind(chat, user), data))
}

func chatKind(chat, user int64) string {
	if chat == user {
		return `"type": "private", "first_name": "X"`
	}
	return `"type": "supergroup", "title": "Polisi"`
}

// answerTo returns the text of the one answer queued to chat.
func answerTo(t *testing.T, h *harness, chat int64) string {
	t.Helper()
	return resultsIn(t, h, chat).Text
}

// resultsIn returns the one message (not an edit) queued to chat as a
// notice: the answer to /cari there.
func resultsIn(t *testing.T, h *harness, chat int64) tip.OutboxMessage {
	t.Helper()
	var got []tip.OutboxMessage
	for _, m := range h.outboxOf(t, tip.PurposeNotice) {
		if m.Target.ChatID == chat && m.Kind == tip.SendText {
			got = append(got, m)
		}
	}
	if len(got) != 1 {
		t.Fatalf("chat %d got %d answers %+v, want 1", chat, len(got), got)
	}
	return got[0]
}

// replyText returns the text of the reply to update updateID.
func replyText(t *testing.T, h *harness, updateID int64) string {
	t.Helper()
	for _, m := range h.outboxOf(t, tip.PurposeNotice) {
		if m.DedupeKey == fmt.Sprintf("reply:%d", updateID) {
			return m.Text
		}
	}
	t.Fatalf("no reply to update %d", updateID)
	return ""
}

// editsOf returns the edits queued of outbox row id, oldest first.
func editsOf(t *testing.T, h *harness, id int64) []tip.OutboxMessage {
	t.Helper()
	var out []tip.OutboxMessage
	for _, m := range h.outbox(t) {
		if m.EditOf == id {
			out = append(out, m)
		}
	}
	return out
}

// pressAnswer returns the answer queued to the press of update updateID.
func pressAnswer(t *testing.T, h *harness, updateID int64) string {
	t.Helper()
	for _, m := range h.outbox(t) {
		if m.Kind == tip.AnswerCallback && m.CallbackID == fmt.Sprintf("cb%d", updateID) {
			return m.Text
		}
	}
	t.Fatalf("press %d not answered", updateID)
	return ""
}

var numberRE = regexp.MustCompile(`<b>#(\d+)</b>`)

// numbers returns the tip numbers listed in an answer, in order.
func numbers(answer string) []string {
	var out []string
	for _, m := range numberRE.FindAllStringSubmatch(answer, -1) {
		out = append(out, m[1])
	}
	return out
}

// buttons returns the texts and data of a row's buttons, "text=data".
func buttons(m tip.OutboxMessage) []string {
	var out []string
	for _, row := range m.Buttons {
		for _, b := range row {
			out = append(out, b.Text+"="+b.Data)
		}
	}
	return out
}

func TestSearchAccess(t *testing.T) {
	members := searchMembers{officerID: {badungChat, relayTarget.ChatID}}
	tests := []struct {
		name       string
		chat, user int64
		text       string
		want       []string // tip numbers, newest first; nil for a refusal
		answer     string   // a part of the answer
	}{
		{"staff in private", staffID, staffID, "/cari hoaks", []string{"3", "2", "1"}, "3 laporan · halaman 1 dari 1"},
		{"admin in private", adminID, adminID, "/cari hoaks", []string{"3", "2", "1"}, "3 laporan"},
		{"outsider in private", 4242, 4242, "/cari hoaks", nil, "hanya untuk petugas"},
		{"officer in private (not staff)", officerID, officerID, "/cari hoaks", nil, "hanya untuk petugas"},
		{"member of the Polda chat sees all", relayTarget.ChatID, officerID, "/cari hoaks", []string{"3", "2", "1"}, "3 laporan"},
		{"member of a Polres chat sees its region", badungChat, officerID, "/cari hoaks", []string{"1"}, "1 laporan di grup ini"},
		{"non-member of a Polres chat", gianyarChat, officerID, "/cari hoaks", nil, "hanya untuk petugas"},
		{"stranger in the Polda chat", relayTarget.ChatID, 4242, "/cari hoaks", nil, "hanya untuk petugas"},
		{"addressed in another group", -1005555, officerID, "/cari@tiprelay_bot hoaks", nil, "hanya untuk petugas"},
		{"without words", staffID, staffID, "/cari", nil, "Format: <code>/cari"},
		{"punctuation only", badungChat, officerID, "/cari ?!", nil, "Format: <code>/cari"},
		{"no match", staffID, staffID, "/cari gempa", nil, "Tidak ada laporan yang cocok dengan «gempa»"},
		{"no match in a group", badungChat, officerID, "/cari banjir", nil, "Tidak ada laporan di grup ini"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := searchHarness(t, members)
			h.feed(t, commandIn(10, tt.chat, tt.user, tt.text))
			got := resultsIn(t, h, tt.chat)
			if !strings.Contains(got.Text, tt.answer) {
				t.Errorf("got %q, want it to contain %q", got.Text, tt.answer)
			}
			if n := numbers(got.Text); strings.Join(n, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got tips %v, want %v in %q", n, tt.want, got.Text)
			}
			if len(got.Buttons) != 0 {
				t.Errorf("got buttons %v on a single page", buttons(got))
			}
			refused := tt.want == nil && strings.Contains(tt.answer, "hanya untuk")
			if audited := h.auditedSearchRefused(t, tt.user); audited != refused {
				t.Errorf("search_refused audited %v, want %v", audited, refused)
			}
		})
	}
}

// auditedSearchRefused reports whether a refused search by user was
// audited.
func (h *harness) auditedSearchRefused(t *testing.T, user int64) bool {
	t.Helper()
	entries, err := h.st.Audit.AuditEntries(context.Background(), 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Action == "search_refused" && e.ActorID == user {
			return true
		}
	}
	return false
}

// TestSearchAnswerLines: each found tip is one line with its number, the
// date and time in the configured zone, its category, its status or
// «belum ada status», a link to its message (in a police chat that
// chat's copy, in private the Polda chat's), and the start of its text.
func TestSearchAnswerLines(t *testing.T) {
	members := searchMembers{officerID: {badungChat}}
	h := searchHarness(t, members)
	h.feed(t, textUpdate(4, 304, "Spanduk #provokasi di Kuta & <Legian> #badung"))
	sent := map[int64]int64{relayTarget.ChatID: 700, badungChat: 701}
	for _, m := range h.outboxOf(t, tip.PurposeRelay) {
		if m.TipID == 4 {
			markSent(t, h, m.ID, sent[m.Target.ChatID])
		}
	}
	err := sqlite.NewStatusStore(h.db).SetStatus(context.Background(), tip.StatusChange{TipID: 4, To: tip.StatusFollowUp,
		ChatID: badungChat, Unit: "Polres Badung", Officer: tip.Person{ID: officerID}, At: h.now})
	if err != nil {
		t.Fatal(err)
	}
	h.feed(t, commandIn(10, staffID, staffID, "/cari spanduk"))
	got := answerTo(t, h, staffID)
	want := `<b>#4</b> · 03/02 12:00 · Provokasi · 🔎 Ditindaklanjuti · <a href="https://t.me/c/9876543210/12/700">🔗 pesan</a> · ` +
		`Spanduk #provokasi di Kuta &amp; &lt;Legian&gt; #badung`
	if !strings.Contains(got, "\n"+want+"\n") {
		t.Errorf("got %q, want the line %q", got, want)
	}
	h.feed(t, commandIn(11, badungChat, officerID, "/cari spanduk"))
	if got, want := answerTo(t, h, badungChat), `<b>#4</b> · 03/02 12:00 · Provokasi · 🔎 Ditindaklanjuti · <a href="https://t.me/c/3000000001/701">`; !strings.Contains(got, want) {
		t.Errorf("in the Badung chat got %q, want the line %q…", got, want)
	}
	// No message yet (the relay waits): no link; no category, no status.
	h.feed(t, commandIn(12, staffID, staffID, "/cari banjir"))
	answer := replyText(t, h, 12)
	if want := "\n<b>#2</b> · 03/02 12:00 · tanpa kategori · ⏳ belum ada status · Hoaks banjir bandang #gianyar\n"; !strings.Contains(answer, want) {
		t.Errorf("got %q, want the line %q", answer, want)
	}
}

// TestSearchPages: 25 matches are listed 10 a page, newest first; the
// first page has only «Lebih banyak ›», a middle page both buttons, the
// last only «‹ Sebelumnya»; a press edits the results message in place
// and is answered; a page past the last is answered and not shown; every
// button's data fits Telegram's 64 bytes.
func TestSearchPages(t *testing.T) {
	h := searchHarness(t, nil)
	for i := int64(4); i <= 25; i++ {
		h.feed(t, textUpdate(i, 300+i, fmt.Sprintf("hoaks nomor %d", i)))
	}
	h.feed(t, commandIn(100, staffID, staffID, "/cari hoaks"))
	results := resultsIn(t, h, staffID)
	markSent(t, h, results.ID, 9001)
	want := func(from, to int) string {
		var n []string
		for i := from; i >= to; i-- {
			n = append(n, fmt.Sprint(i))
		}
		return strings.Join(n, ",")
	}
	if got := strings.Join(numbers(results.Text), ","); got != want(25, 16) {
		t.Errorf("page 1: got %s, want %s", got, want(25, 16))
	}
	if !strings.Contains(results.Text, "25 laporan · halaman 1 dari 3") {
		t.Errorf("page 1: got %q, want «25 laporan · halaman 1 dari 3»", results.Text)
	}
	if got := strings.Join(buttons(results), " | "); got != "Lebih banyak ›=q1:2" {
		t.Errorf("page 1 buttons: got %s, want «Lebih banyak ›» to page 2", got)
	}
	pages := []struct {
		data    string
		numbers string
		header  string
		buttons string
	}{
		{"q1:2", want(15, 6), "halaman 2 dari 3", "‹ Sebelumnya=q1:1 | Lebih banyak ›=q1:3"},
		{"q1:3", want(5, 1), "halaman 3 dari 3", "‹ Sebelumnya=q1:2"},
		{"q1:1", want(25, 16), "halaman 1 dari 3", "Lebih banyak ›=q1:2"},
	}
	for i, p := range pages {
		id := int64(200 + i)
		h.feed(t, searchPress(id, staffID, staffID, 9001, p.data))
		edits := editsOf(t, h, results.ID)
		if len(edits) != i+1 {
			t.Fatalf("%s: %d edits of the results message, want %d", p.data, len(edits), i+1)
		}
		e := edits[i]
		if e.Kind != tip.EditText || e.Target != results.Target {
			t.Errorf("%s: got a %s to %v, want an edit of the results message", p.data, e.Kind, e.Target)
		}
		if got := strings.Join(numbers(e.Text), ","); got != p.numbers {
			t.Errorf("%s: got %s, want %s", p.data, got, p.numbers)
		}
		if !strings.Contains(e.Text, p.header) {
			t.Errorf("%s: got %q, want %q", p.data, e.Text, p.header)
		}
		if got := strings.Join(buttons(e), " | "); got != p.buttons {
			t.Errorf("%s: buttons %s, want %s", p.data, got, p.buttons)
		}
		if got := pressAnswer(t, h, id); !strings.Contains(got, "Halaman") {
			t.Errorf("%s: answered %q, want the page shown", p.data, got)
		}
	}
	h.feed(t, searchPress(300, staffID, staffID, 9001, "q1:4"))
	if got := pressAnswer(t, h, 300); !strings.Contains(got, "Halaman 4 tidak ada") || !strings.Contains(got, "3 halaman") {
		t.Errorf("page 4: answered %q, want «Halaman 4 tidak ada … 3 halaman»", got)
	}
	stale := []struct {
		name    string
		message int64
		data    string
	}{
		{"page 0", 9001, "q1:0"},
		{"negative page", 9001, "q1:-1"},
		{"not a number", 9001, "q1:x"},
		{"unknown search", 9001, "q2:2"},
		{"absurd page", 9001, "q1:10000000"},
		{"another message", 9999, "q1:2"},
	}
	for i, tt := range stale {
		id := int64(301 + i)
		h.feed(t, searchPress(id, staffID, staffID, tt.message, tt.data))
		if got := pressAnswer(t, h, id); !strings.Contains(got, "tidak berlaku") {
			t.Errorf("%s: answered %q, want the button stale", tt.name, got)
		}
	}
	if n := len(editsOf(t, h, results.ID)); n != len(pages) {
		t.Errorf("%d edits, want %d: a refused or empty page edits nothing", n, len(pages))
	}
	for _, id := range []int64{1, 1 << 62} {
		for _, page := range []int{2, tip.MaxSearchCount} {
			if d := searchData(id, page); len(d) > tip.MaxCallbackData {
				t.Errorf("callback data %q is %d bytes, over %d", d, len(d), tip.MaxCallbackData)
			} else if gotID, gotPage, ok := parseSearchPress(d); !ok || gotID != id || gotPage != page {
				t.Errorf("%q parses as %d, %d, %v", d, gotID, gotPage, ok)
			}
		}
	}
}

// TestSearchPressAccess: a page button works for whoever may search
// where the results are: staff and admins in private, members of the
// police chat; anyone else is refused (audited) and nothing is edited.
func TestSearchPressAccess(t *testing.T) {
	const dynamic, officer2 = 4343, 7000000003
	members := searchMembers{officerID: {relayTarget.ChatID}, officer2: {relayTarget.ChatID}}
	tests := []struct {
		name        string
		chat, asker int64 // where /cari was asked, and by whom
		presser     int64
		setup       func(t *testing.T, h *harness)
		accept      bool
		answer      string
	}{
		{"staff", staffID, staffID, staffID, nil, true, "Halaman 2 dari 3"},
		{"admin", adminID, adminID, adminID, nil, true, "Halaman 2 dari 3"},
		{"member of the police chat", relayTarget.ChatID, officerID, officerID, nil, true, "Halaman 2 dari 3"},
		{"another member of the police chat", relayTarget.ChatID, officerID, officer2, nil, true, "Halaman 2 dari 3"},
		{"non-member of the police chat", relayTarget.ChatID, officerID, 4242, nil, false, "hanya untuk petugas"},
		{"membership unknown", relayTarget.ChatID, officerID, officer2, func(t *testing.T, h *harness) {
			h.svc.members = newMemberCache(nil, memberTTL, h.svc.set.Now)
		}, false, "belum dapat diperiksa"},
		{"outsider in private", 4242, staffID, 4242, nil, false, "hanya untuk petugas"},
		{"staff removed since", dynamic, dynamic, dynamic, func(t *testing.T, h *harness) {
			if _, err := sqlite.NewStaffStore(h.db).RemoveStaff(context.Background(), dynamic, adminID, h.now); err != nil {
				t.Fatal(err)
			}
		}, false, "hanya untuk petugas"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := searchHarness(t, members)
			if _, err := sqlite.NewStaffStore(h.db).AddStaff(context.Background(), dynamic, adminID, h.now); err != nil {
				t.Fatal(err)
			}
			for i := int64(4); i <= 25; i++ {
				h.feed(t, textUpdate(i, 300+i, fmt.Sprintf("hoaks nomor %d", i)))
			}
			askIn := tt.chat
			if tt.chat == 4242 { // the outsider forges a press of the staff's search
				askIn = staffID
			}
			h.feed(t, commandIn(100, askIn, tt.asker, "/cari hoaks"))
			results := resultsIn(t, h, askIn)
			markSent(t, h, results.ID, 9001)
			if tt.setup != nil {
				tt.setup(t, h)
			}
			h.feed(t, searchPress(200, tt.chat, tt.presser, 9001, "q1:2"))
			if got := pressAnswer(t, h, 200); !strings.Contains(got, tt.answer) {
				t.Errorf("answered %q, want %q", got, tt.answer)
			}
			if edited := len(editsOf(t, h, results.ID)) == 1; edited != tt.accept {
				t.Errorf("results edited: %v, want %v", edited, tt.accept)
			}
			refused := !tt.accept && strings.Contains(tt.answer, "hanya untuk")
			if audited := h.auditedSearchRefused(t, tt.presser); audited != refused {
				t.Errorf("search_refused audited %v, want %v", audited, refused)
			}
		})
	}
}

// linkUpdate is a private text message from the staff member: text
// followed by link, marked as a url entity (ASCII text only).
func linkUpdate(updateID, messageID int64, text, link string) []byte {
	return []byte(fmt.Sprintf(`{"update_id": %d, "message": {"message_id": %d,
		"from": {"id": %d, "is_bot": false, "first_name": "Rina"},
		"chat": {"id": %d, "first_name": "Rina", "type": "private"},
		"date": 1770091200, "text": %q, "entities": [{"type": "url", "offset": %d, "length": %d}]}}`,
		updateID, messageID, staffID, staffID, text+link, len(text), len(link)))
}

// TestSearchRepeatLine: a tip folded into an earlier one is listed as
// «🔁 ulang dari #N», linked to the original's message.
func TestSearchRepeatLine(t *testing.T) {
	h := searchHarness(t, nil)
	h.svc.set.DuplicateWindow = 168 * time.Hour
	h.feed(t, linkUpdate(4, 304, "Akun penyebar hoaks ", "https://fb.com/akun.hoaks/posts/1"))
	for _, m := range h.outboxOf(t, tip.PurposeRelay) {
		if m.TipID == 4 && m.Target == relayTarget {
			markSent(t, h, m.ID, 800)
		}
	}
	h.feed(t, linkUpdate(5, 305, "ini lagi ", "https://www.fb.com/akun.hoaks/posts/1?fbclid=abc"))
	repeat, err := h.st.Tips.Get(context.Background(), 5)
	if err != nil || repeat.DuplicateOf != 4 {
		t.Fatalf("tip #5 repeats %d (%v), want #4", repeat.DuplicateOf, err)
	}
	h.feed(t, commandIn(10, staffID, staffID, "/cari akun.hoaks"))
	got := replyText(t, h, 10)
	want := `<b>#5</b> · 03/02 12:00 · 🔁 ulang dari #4 · <a href="https://t.me/c/9876543210/12/800">🔗 pesan</a> · ini lagi`
	if !strings.Contains(got, want) || !strings.Contains(got, "<b>#4</b> · 03/02 12:00 · tanpa kategori · ⏳ belum ada status · <a href=") {
		t.Errorf("got %q, want the repeat's line %q and the original's", got, want)
	}
}

// TestSearchScreenshotText: the text read from a screenshot is found at
// once, and a tip without a caption shows it as its snippet.
func TestSearchScreenshotText(t *testing.T) {
	h := searchHarness(t, nil)
	h.feed(t, photoUpdate(4, 304, ""))
	if _, err := h.db.IndexSearch(context.Background(), 100); err != nil {
		t.Fatal(err)
	}
	err := h.db.InTx(context.Background(), func(x tip.Tx) error {
		return x.Images().SaveAnalysis(context.Background(), tip.ImageAnalysis{AttachmentID: 1, Read: true, Text: "TPS 17 DITUTUP"}, h.now)
	})
	if err != nil {
		t.Fatal(err)
	}
	h.feed(t, commandIn(10, staffID, staffID, "/cari ditutup"))
	if got := answerTo(t, h, staffID); !strings.Contains(got, "<b>#4</b> · 03/02 12:00 · tanpa kategori · ⏳ belum ada status · 📷 TPS 17 DITUTUP") {
		t.Errorf("got %q, want #4 with the text read from its screenshot", got)
	}
}
