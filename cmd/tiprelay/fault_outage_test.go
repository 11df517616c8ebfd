package main

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestFaultOutage breaks the Bot API for "two minutes", scaled down to
// five seconds of 502 answers to every method, getUpdates included, while
// a burst of tips arrives: some before the outage (the bot is relaying
// them when it starts), most during it. Once Telegram answers again every
// tip must be stored, relayed and acknowledged, none twice, and the bot
// must not have hammered the API while it was down.
func TestFaultOutage(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the built binary for tens of seconds")
	}
	const (
		outage = 5 * time.Second // two minutes, scaled by 1/24
		before = 10
		during = 30
	)
	seed := faultSeed(t)
	rng := rand.New(rand.NewPCG(seed, 3))
	bin := faultBinary(t, "")
	w := newFaultWorld(t, 8)
	p, dbPath := w.newBot(t, bin,
		"TIPRELAY_GROUP_RATE=40/1s", "TIPRELAY_CHAT_RATE=5/1s", "TIPRELAY_GLOBAL_RATE=60/1s")
	began := time.Now()
	p.start()

	var items []sentItem
	for n := range before {
		items = append(items, w.sendRandom(rng, w.staff[n%len(w.staff)], n+1, n == 4))
	}
	// Start the outage once the bot is relaying, so that it hits sends in
	// flight and queued rows, not an idle bot.
	if err := w.srv.WaitTimeout(20*time.Second, func() bool { return len(w.srv.BotMessages(w.group.ID)) > 0 }); err != nil {
		t.Fatalf("nothing relayed before the outage: %v", err)
	}
	outageStart := time.Now()
	w.srv.Outage(outage, 502)
	for n := before; n < before+during; n++ {
		items = append(items, w.sendRandom(rng, w.staff[rng.IntN(len(w.staff))], n+1, n%10 == 7))
		// The tips trickle in over most of the outage: pacing the burst,
		// not waiting for work.
		time.Sleep(outage * 3 / 4 / during)
	}
	outageEnd := outageStart.Add(outage)

	w.waitDelivered(t, dbPath, items, 45*time.Second)
	recovered := time.Since(outageEnd)
	db := openSQL(t, dbPath)
	w.stopWhenQuiet(t, p, db)
	if failed := failedOutbox(t, db); len(failed) > 0 {
		t.Errorf("got %d outbox rows given up on, want none:\n%v", len(failed), failed)
	}

	var refused, polls int
	for _, c := range w.srv.Calls() {
		if c.Time.Before(outageStart) || c.Time.After(outageEnd) {
			continue
		}
		refused++
		if c.Method == "getUpdates" {
			polls++
		}
	}
	rep := w.checkDelivery(t, dbPath, items)
	dups := w.duplicates(nil)
	t.Logf("outage: %v of 502s; %d items (%d before, %d during); %d calls refused during it (%d getUpdates); all delivered %v after it ended; total %v",
		outage, len(items), before, during, refused, polls, recovered.Round(time.Millisecond), time.Since(began).Round(time.Millisecond))
	t.Logf("outage: %v; duplicates: %d in the group, %d acks", rep, dups.group, dups.acks)
	for _, d := range dups.unexplained {
		t.Errorf("duplicate without a crash: %s", d)
	}
	// Backoff, not a busy loop: each of the 9 targets and the poller retry
	// a handful of times in five seconds.
	if refused > 300 {
		t.Errorf("got %d calls during a %v outage, want the bot to back off", refused, outage)
	}
}
