package main

import (
	"math/rand/v2"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// TestFaultRateLimitStorm turns on Telegram-like flood control in the
// emulator, with windows scaled down and matching the bot's
// TIPRELAY_*_RATE settings, answers the group's first send with a 429 and
// retry_after, and sends a burst of tips. Nothing may be lost, the bot must
// wait out retry_after, and after that one 429 it must pace itself so well
// that Telegram never has to refuse it again.
func TestFaultRateLimitStorm(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the built binary for tens of seconds")
	}
	const (
		retryAfter = 2 // seconds, in the injected 429
		nItems     = 40
	)
	limits := telegramtest.RateLimits{
		GroupPerWindow: 10, GroupWindow: time.Second, // Telegram: 20 a minute
		PrivatePerWindow: 1, PrivateWindow: 250 * time.Millisecond, // Telegram: 1 a second
		Global: 30, GlobalWindow: time.Second,
	}
	seed := faultSeed(t)
	rng := rand.New(rand.NewPCG(seed, 4))
	bin := faultBinary(t, "")
	w := newFaultWorld(t, 4)
	w.srv.SetRateLimits(limits)
	var injected atomic.Bool
	group := strconv.FormatInt(w.group.ID, 10)
	w.srv.SetFaultFunc(func(method string, params map[string]string) *telegramtest.Fault {
		switch method {
		case "sendMessage", "copyMessage", "copyMessages", "forwardMessage", "forwardMessages":
			if params["chat_id"] == group && injected.CompareAndSwap(false, true) {
				f := telegramtest.TooManyRequests(retryAfter)
				return &f
			}
		}
		return nil
	})
	p, dbPath := w.newBot(t, bin,
		"TIPRELAY_GROUP_RATE=10/1s", "TIPRELAY_CHAT_RATE=1/250ms", "TIPRELAY_GLOBAL_RATE=30/1s")
	began := time.Now()
	p.start()

	var items []sentItem
	for n := range nItems {
		// Albums of at most three photos: the group allows ten a window.
		items = append(items, w.sendRandom(rng, w.staff[rng.IntN(len(w.staff))], n+1, n%15 == 14))
	}
	w.waitDelivered(t, dbPath, items, 50*time.Second)
	db := openSQL(t, dbPath)
	w.stopWhenQuiet(t, p, db)
	if failed := failedOutbox(t, db); len(failed) > 0 {
		t.Errorf("got %d outbox rows given up on, want none:\n%v", len(failed), failed)
	}

	calls := w.srv.Calls()
	var first429 *telegramtest.Call
	var n429 int
	for i, c := range calls {
		if c.Status != 429 {
			continue
		}
		n429++
		if first429 == nil {
			first429 = &calls[i]
		} else {
			t.Errorf("got another 429 after the injected one: %s to %s at %s: %s",
				c.Method, c.Params["chat_id"], c.Time.Format("15:04:05.000"), c.Description)
		}
	}
	if v := w.srv.RateLimitViolations(); v != 0 {
		t.Errorf("got %d sends refused by the emulator's flood control, want 0", v)
	}
	if first429 == nil || first429.Params["chat_id"] != group {
		t.Fatalf("the injected 429 never happened (first 429: %+v)", first429)
	}
	// Nothing goes to the group until retry_after has passed since the bot
	// got the 429.
	waitUntil := first429.Time.Add(first429.Duration + retryAfter*time.Second - 50*time.Millisecond)
	var next time.Time
	for _, c := range calls {
		if c.Time.After(first429.Time) && c.Params["chat_id"] == group && c.Method != "getChat" {
			next = c.Time
			break
		}
	}
	if next.Before(waitUntil) {
		t.Errorf("got the next send to the group %v after the 429, want at least retry_after=%ds",
			next.Sub(first429.Time).Round(time.Millisecond), retryAfter)
	}
	// ... and not much later: the worker must wake up for the retry, not
	// sleep its idle period (5s) because another chat had a message due.
	if late := waitUntil.Add(2 * time.Second); next.After(late) {
		t.Errorf("got the next send to the group %v after the 429, want it within 2s of retry_after=%ds",
			next.Sub(first429.Time).Round(time.Millisecond), retryAfter)
	}

	rep := w.checkDelivery(t, dbPath, items)
	dups := w.duplicates(nil)
	t.Logf("429: %d items; %d 429s (1 injected, %d from flood control); next group send %v after the 429; total %v",
		len(items), n429, w.srv.RateLimitViolations(), next.Sub(first429.Time).Round(time.Millisecond), time.Since(began).Round(time.Millisecond))
	t.Logf("429: %v; duplicates: %d in the group, %d acks", rep, dups.group, dups.acks)
	for _, d := range dups.unexplained {
		t.Errorf("duplicate without a crash: %s", d)
	}
}
