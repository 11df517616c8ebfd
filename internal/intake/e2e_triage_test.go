package intake_test

import (
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/gazetteer"
	"github.com/tiprelay/tiprelay/internal/intake"
	"github.com/tiprelay/tiprelay/internal/relay"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

var (
	polresBadung  = telegramtest.Chat{ID: -1003000000001, Type: "supergroup", Title: "Polres Badung"}
	polresGianyar = telegramtest.Chat{ID: -1003000000002, Type: "supergroup", Title: "Polres Gianyar"}
)

// withBali gives the bot the Bali gazetteer and police chats for Badung
// and Gianyar.
func withBali() botOption {
	return func(s *intake.Settings, _ *relay.Options) {
		s.Places = gazetteer.Bali()
		s.Regions = map[tip.RegionKey]tip.Target{"badung": {ChatID: polresBadung.ID}, "gianyar": {ChatID: polresGianyar.ID}}
	}
}

// TestTipsReachTheirRegion: a hashtag and a place name route a tip to its
// region's chat and the Polda chat, one message each.
func TestTipsReachTheirRegion(t *testing.T) {
	tests := []struct {
		name   string
		send   telegramtest.Message
		region telegramtest.Chat
		header string
	}{
		{"hashtag", telegramtest.Text("Hoaks surat suara #badung"), polresBadung, "Badung"},
		{"place name", telegramtest.Text("Kerumunan massa di Kuta malam ini"), polresBadung, "Badung (otomatis)"},
		{"place in a caption", telegramtest.Photo("Spanduk di Ubud"), polresGianyar, "Gianyar (otomatis)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := startBot(t, withBali())
			e.srv.AddChat(polresBadung)
			e.srv.AddChat(polresGianyar)
			e.srv.UserSends(staff, tt.send)
			for _, chat := range []int64{group.ID, tt.region.ID} {
				got := e.waitMessages(t, chat, 1)
				text := got[0].Text + got[0].Caption
				if len(got) != 1 || !strings.Contains(text, "Laporan #1") || !strings.Contains(text, tt.header) {
					t.Errorf("chat %d: got %d messages, the first %q; want tip #1 as one message showing %q", chat, len(got), text, tt.header)
				}
			}
		})
	}
}

// TestTriageByButtonEndToEnd: the reporter sets the region with one press
// on the acknowledgement; the press is answered, the tip goes to the
// region's chat, the Polda header and the card show the region. A
// stranger's press is refused and changes nothing.
func TestTriageByButtonEndToEnd(t *testing.T) {
	e := startBot(t, withBali())
	e.srv.AddChat(polresBadung)
	e.srv.AddChat(polresGianyar)
	e.srv.AddUser(outsider)
	e.srv.UserSends(staff, telegramtest.Text("Spanduk provokatif dekat pasar"))
	polda := e.waitMessages(t, group.ID, 1)[0]
	ack := e.waitMessages(t, staff.ID, 1)[0]
	if strings.Contains(polda.Text, "Gianyar") {
		t.Fatalf("got header %q, want no region yet", polda.Text)
	}

	b, ok := ack.Button("Gianyar")
	if !ok {
		t.Fatalf("got keyboard %+v, want a Gianyar button", ack.InlineKeyboard())
	}
	stranger := e.srv.ClickButton(outsider, ack, b.CallbackData)
	cb := e.srv.ClickButton(staff, ack, b.CallbackData)
	if err := e.srv.WaitTimeout(10*time.Second, func() bool {
		_, a := e.srv.Answer(stranger.ID)
		_, b := e.srv.Answer(cb.ID)
		return a && b
	}); err != nil {
		t.Fatalf("presses not answered: %v", err)
	}
	if a, _ := e.srv.Answer(stranger.ID); !strings.Contains(a.Text, "Hanya pelapor") {
		t.Errorf("got stranger's answer %q, want a refusal", a.Text)
	}
	routed := e.waitMessages(t, polresGianyar.ID, 1)
	if !strings.Contains(routed[0].Text, "Laporan #1") || !strings.Contains(routed[0].Text, "Gianyar") {
		t.Errorf("got %q in the Gianyar chat, want tip #1 with its region", routed[0].Text)
	}
	if err := e.srv.WaitTimeout(10*time.Second, func() bool {
		m, _ := e.srv.Message(group.ID, polda.MessageID)
		c, _ := e.srv.Message(staff.ID, ack.MessageID)
		return strings.Contains(m.Text, "Gianyar") && strings.Contains(c.Text, "Gianyar")
	}); err != nil {
		m, _ := e.srv.Message(group.ID, polda.MessageID)
		t.Errorf("the Polda header (%q) and the card were not edited to show Gianyar: %v", m.Text, err)
	}
	if n := len(e.srv.BotMessages(group.ID)); n != 1 {
		t.Errorf("got %d Polda messages, want 1 (edited, not sent again)", n)
	}
}
