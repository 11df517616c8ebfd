package telegram_test

import (
	"slices"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// TestPollAsksForButtonPresses: getUpdates names callback_query in
// allowed_updates, so a press made after the first poll reaches the sink
// (Telegram filters updates when it creates them).
func TestPollAsksForButtonPresses(t *testing.T) {
	srv := telegramtest.NewServer(token)
	t.Cleanup(srv.Close)
	sent := srv.UserSends(staff, telegramtest.Text("hoaks"))
	sk := &sink{}
	runPoll(t, srv, sk, newLog(), nil)
	if err := srv.WaitTimeout(10*time.Second, func() bool { return sk.stored() == 1 }); err != nil {
		t.Fatalf("got %d updates stored, want the message: %v", sk.stored(), err)
	}
	if got := srv.AllowedUpdates(); !slices.Contains(got, "callback_query") {
		t.Fatalf("got allowed_updates %v, want callback_query in them", got)
	}
	srv.ClickButton(staff, sent, "t:1:r:badung")
	if err := srv.WaitTimeout(10*time.Second, func() bool { return sk.stored() == 2 }); err != nil {
		t.Fatalf("got %d updates stored, want the message and the press: %v", sk.stored(), err)
	}
}
