package intake

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// photoUpdate is a private photo message from the staff member with the
// given caption.
func photoUpdate(updateID, messageID int64, caption string) []byte {
	return []byte(fmt.Sprintf(`{"update_id": %d, "message": {"message_id": %d,
		"from": {"id": %d, "is_bot": false, "first_name": "Rina"},
		"chat": {"id": %d, "first_name": "Rina", "type": "private"}, "date": 1770091200,
		"photo": [{"file_id": "AgAD1", "file_unique_id": "AQAD1", "file_size": 1000, "width": 90, "height": 90},
			{"file_id": "AgAD2", "file_unique_id": "AQAD2", "file_size": 90000, "width": 1280, "height": 960}],
		"caption": %q}}`, updateID, messageID, staffID, staffID, caption))
}

// TestOneMessageUnlessItDoesNotFit: the header rides on the tip's own
// message, but the staff member's text is never cut: past Telegram's
// 1,024 units of a caption or 4,096 of a text, the header goes first as a
// message of its own and the content is copied whole.
func TestOneMessageUnlessItDoesNotFit(t *testing.T) {
	tests := []struct {
		name      string
		raw       []byte
		wantKinds string
	}{
		{"short caption", photoUpdate(1, 301, "Tangkapan layar"), "copy"},
		{"caption just under the limit", photoUpdate(1, 301, strings.Repeat("a", 700)), "copy"},
		{"caption over the limit", photoUpdate(1, 301, strings.Repeat("a", 1000)), "send_text copy"},
		{"emoji count twice", photoUpdate(1, 301, strings.Repeat("😱", 450)), "send_text copy"},
		{"short text", textUpdate(1, 301, "Hoaks"), "send_text"},
		{"text over the limit", textUpdate(1, 301, strings.Repeat("b", 4000)), "send_text copy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil)
			h.feed(t, tt.raw)
			var kinds []string
			for _, m := range h.outboxOf(t, tip.PurposeRelay) {
				kinds = append(kinds, string(m.Kind))
				if m.Kind == tip.CopyMessages && m.Text != "" && !strings.Contains(m.Text, "Laporan #1") {
					t.Errorf("got caption %.60q, want the header", m.Text)
				}
			}
			if got := strings.Join(kinds, " "); got != tt.wantKinds {
				t.Errorf("got relay rows %q, want %q", got, tt.wantKinds)
			}
		})
	}
}

// TestUrgentTipsAreUrgentRows: every relay row of a darurat tip jumps its
// chat's queue and is never merged.
func TestUrgentTipsAreUrgentRows(t *testing.T) {
	h := newHarness(t, nil)
	h.feed(t, textUpdate(1, 301, "Ancaman bom #darurat"), textUpdate(2, 302, "Biasa saja"))
	for _, m := range h.outboxOf(t, tip.PurposeRelay) {
		urgent := m.TipID == 1
		if m.Urgent != urgent || (urgent && m.Coalesce) {
			t.Errorf("tip #%d: got urgent %v coalesce %v, want urgent %v and never merged when urgent", m.TipID, m.Urgent, m.Coalesce, urgent)
		}
	}
}

// TestForwardsCopiedOrNative: a forwarded post is copied under the header
// that links its origin (one message), or, with TIPRELAY_RELAY_FORWARDS=
// native, follows the header as Telegram's own forward.
func TestForwardsCopiedOrNative(t *testing.T) {
	for _, tt := range []struct {
		name   string
		native bool
		want   string
	}{{"copy", false, "send_text"}, {"native", true, "send_text forward"}} {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil)
			h.svc.set.NativeForwards = tt.native
			h.feed(t, fixture(t, "forward_channel_public.json"))
			var kinds []string
			for _, m := range h.outboxOf(t, tip.PurposeRelay) {
				kinds = append(kinds, string(m.Kind))
			}
			if got := strings.Join(kinds, " "); got != tt.want {
				t.Errorf("got relay rows %q, want %q", got, tt.want)
			}
		})
	}
}
