package intake_test

import (
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/intake"
	"github.com/tiprelay/tiprelay/internal/relay"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// TestFloodFromOneStaffMember: a staff member forwards 100 items in quick
// succession while Telegram's limits are enforced (scaled: one message per
// 100 ms to a private chat). Every item becomes a tip, and the
// acknowledgements are merged so that they stay within the chat's limit:
// no 429, and far fewer than 100 acknowledgement messages.
func TestFloodFromOneStaffMember(t *testing.T) {
	private := relay.Limit{N: 1, Per: 100 * time.Millisecond}
	e := startBot(t, func(_ *intake.Settings, o *relay.Options) {
		o.Limits = relay.Limits{Private: private, Group: relay.Limit{N: 20, Per: time.Second}, Global: relay.Limit{N: 30, Per: 100 * time.Millisecond}}
	})
	e.srv.SetRateLimits(telegramtest.RateLimits{
		PrivatePerWindow: 1, PrivateWindow: 100 * time.Millisecond,
		GroupPerWindow: 20, GroupWindow: time.Second,
		Global: 30, GlobalWindow: 100 * time.Millisecond,
	})
	// Ten bursts of ten, each taken by the bot before the next one, so
	// that acknowledgements are due while more tips keep arriving.
	for burst := range 10 {
		for i := range 10 {
			n := burst*10 + i
			e.srv.UserSends(staff, telegramtest.ForwardedFromChannel(channel, int64(5000+n), telegramtest.Text("provokasi "+strconv.Itoa(n))))
		}
		if err := e.srv.WaitTimeout(10*time.Second, func() bool { return e.srv.PendingUpdates() == 0 }); err != nil {
			t.Fatalf("burst %d not taken: %v", burst, err)
		}
	}
	acked := map[int]bool{}
	number := regexp.MustCompile(`#(\d+)(?:-#(\d+))?`)
	err := e.srv.WaitTimeout(30*time.Second, func() bool {
		for _, m := range e.srv.BotMessages(staff.ID) {
			for _, g := range number.FindAllStringSubmatch(m.Text, -1) {
				lo, _ := strconv.Atoi(g[1])
				hi := lo
				if g[2] != "" {
					hi, _ = strconv.Atoi(g[2])
				}
				for n := lo; n <= hi; n++ {
					acked[n] = true
				}
			}
		}
		return len(acked) >= 100
	})
	if err != nil {
		t.Fatalf("got %d of 100 tips acknowledged: %v", len(acked), err)
	}
	for n := 1; n <= 100; n++ {
		if !acked[n] {
			t.Errorf("tip #%d was not acknowledged", n)
		}
	}
	acks := len(e.srv.BotMessages(staff.ID))
	if acks >= 50 {
		t.Errorf("got %d acknowledgement messages for 100 tips, want them merged", acks)
	}
	if v := e.srv.RateLimitViolations(); v != 0 {
		t.Errorf("got %d rate-limit violations, want 0", v)
	}
	t.Logf("100 tips acknowledged in %d messages", acks)
}

// TestQuietTipIsAcknowledgedAtOnce: outside a burst an ack does not wait
// for the hold meant for floods; with an hour's hold, an ack held by
// mistake would never arrive in time. (TestBusyUntilProcessed checks the
// wake-up that releases acks when intake catches up.)
func TestQuietTipIsAcknowledgedAtOnce(t *testing.T) {
	e := startBot(t, withAckHold(time.Hour))
	e.srv.UserSends(staff, telegramtest.Text("hoaks https://contoh.id/1"))
	e.waitMessages(t, staff.ID, 1)
	e.srv.UserSends(staff, telegramtest.Text("hoaks https://contoh.id/2"))
	e.waitMessages(t, staff.ID, 2)
}
