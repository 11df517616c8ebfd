package intake

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Search tests: tips are fed through the service (so they are indexed and
// relayed as in production), then /cari is fed from a private chat or a
// police group, and the answer read from the outbox.

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
	kind := `"type": "private"`
	if chat != user {
		kind = `"type": "supergroup", "title": "Polisi"`
	}
	name := strings.Fields(text)[0]
	return []byte(fmt.Sprintf(`{"update_id": %d, "message": {"message_id": %d,
		"from": {"id": %d, "is_bot": false, "first_name": "X"}, "chat": {"id": %d, %s},
		"date": 1770091300, "text": %q, "entities": [{"type": "bot_command", "offset": 0, "length": %d}]}}`,
		updateID, 900+updateID, user, chat, kind, text, len(name)))
}

// answerTo returns the text of the one answer queued to chat.
func answerTo(t *testing.T, h *harness, chat int64) string {
	t.Helper()
	var got []string
	for _, m := range h.outboxOf(t, tip.PurposeNotice) {
		if m.Target.ChatID == chat {
			got = append(got, m.Text)
		}
	}
	if len(got) != 1 {
		t.Fatalf("chat %d got %d answers %q, want 1", chat, len(got), got)
	}
	return got[0]
}

// numbers returns the #N found in an answer, in order.
func numbers(answer string) []string {
	var out []string
	for _, line := range strings.Split(answer, "\n") {
		if n, ok := strings.CutPrefix(line, "<b>#"); ok {
			out = append(out, n[:strings.Index(n, "<")])
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
		{"staff in private", staffID, staffID, "/cari hoaks", []string{"3", "2", "1"}, "3 laporan"},
		{"admin in private", adminID, adminID, "/cari hoaks", []string{"3", "2", "1"}, "3 laporan"},
		{"outsider in private", 4242, 4242, "/cari hoaks", nil, "hanya untuk petugas"},
		{"officer in private (not staff)", officerID, officerID, "/cari hoaks", nil, "hanya untuk petugas"},
		{"member of the Polda chat sees all", relayTarget.ChatID, officerID, "/cari hoaks", []string{"3", "2", "1"}, "3 laporan"},
		{"member of a Polres chat sees its region", badungChat, officerID, "/cari hoaks", []string{"1"}, "di grup ini"},
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
			got := answerTo(t, h, tt.chat)
			if !strings.Contains(got, tt.answer) {
				t.Errorf("got %q, want it to contain %q", got, tt.answer)
			}
			if n := numbers(got); strings.Join(n, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got tips %v, want %v in %q", n, tt.want, got)
			}
			refused := tt.want == nil && strings.Contains(tt.answer, "hanya untuk")
			entries, err := h.st.Audit.AuditEntries(context.Background(), 50)
			if err != nil {
				t.Fatal(err)
			}
			audited := false
			for _, e := range entries {
				audited = audited || (e.Action == "search_refused" && e.ActorID == tt.user)
			}
			if audited != refused {
				t.Errorf("search_refused audited %v, want %v", audited, refused)
			}
		})
	}
}

// TestSearchAnswerLines: each found tip is a line with its number, time,
// region and the start of its text, and only its answer is queued.
func TestSearchAnswerLines(t *testing.T) {
	h := searchHarness(t, nil)
	h.feed(t, commandIn(10, staffID, staffID, "/cari surat"))
	got := answerTo(t, h, staffID)
	if want := "<b>#1</b> · 03-02-26 12:00 · Badung · Hoaks surat suara tercoblos #badung"; !strings.Contains(got, want) {
		t.Errorf("got %q, want the line %q", got, want)
	}
}

// TestSearchListsTwentyNewest: at most 20 tips are listed, newest first,
// and the rest counted.
func TestSearchListsTwentyNewest(t *testing.T) {
	h := searchHarness(t, nil)
	for i := int64(4); i <= 25; i++ {
		h.feed(t, textUpdate(i, 300+i, fmt.Sprintf("hoaks nomor %d", i)))
	}
	h.feed(t, commandIn(100, staffID, staffID, "/cari hoaks"))
	got := answerTo(t, h, staffID)
	var want []string
	for i := 25; i > 5; i-- {
		want = append(want, fmt.Sprint(i))
	}
	if n := numbers(got); strings.Join(n, ",") != strings.Join(want, ",") {
		t.Errorf("got tips %v, want %v", n, want)
	}
	if !strings.Contains(got, "25 laporan") || !strings.Contains(got, "… dan 5 lainnya") {
		t.Errorf("got %q, want the total 25 and «… dan 5 lainnya»", got)
	}
}

// TestSearchMembershipUnknown: when membership cannot be checked, the
// officer is told to try again, and nothing is listed.
func TestSearchMembershipUnknown(t *testing.T) {
	h := searchHarness(t, nil)
	h.svc.members = newMemberCache(nil, memberTTL, h.svc.set.Now)
	h.feed(t, commandIn(10, badungChat, officerID, "/cari hoaks"))
	if got := answerTo(t, h, badungChat); !strings.Contains(got, "belum dapat diperiksa") || len(numbers(got)) != 0 {
		t.Errorf("got %q, want «belum dapat diperiksa» and no tips", got)
	}
}
