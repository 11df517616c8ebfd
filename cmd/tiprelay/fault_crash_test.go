package main

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestFaultCrashRestart sends a burst of 200 tips from 20 staff members
// while SIGKILLing the bot at random moments and restarting it on the same
// database, then lets it finish and stops it with SIGTERM. Nothing the
// staff sent may be lost or split: every message is in exactly one tip, one
// tip per item, every tip acknowledged and relayed, every tip acknowledged
// stored. A kill may cost at most one duplicate in the group, and every
// duplicate anywhere must straddle a kill: a repeat within one process's
// life is a bug, not bad luck.
func TestFaultCrashRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the built binary for tens of seconds")
	}
	const (
		nItems    = 200
		minKills  = 5
		albumEach = 25 // every 25th item is an album
	)
	seed := faultSeed(t)
	injectRNG := rand.New(rand.NewPCG(seed, 1))
	killRNG := rand.New(rand.NewPCG(seed, 2))

	bin := faultBinary(t, "")
	w := newFaultWorld(t, 20)
	p, dbPath := w.newBot(t, bin,
		"TIPRELAY_GROUP_RATE=30/1s", "TIPRELAY_CHAT_RATE=4/1s", "TIPRELAY_GLOBAL_RATE=100/1s")
	began := time.Now()
	p.start()

	// The staff send from one goroutine, in a seeded order, with gaps of
	// up to 60ms: the pacing of the burst, not a wait for work.
	sent := make(chan []sentItem, 1)
	go func() {
		items := make([]sentItem, 0, nItems)
		for n := range nItems {
			u := w.staff[injectRNG.IntN(len(w.staff))]
			album := n%albumEach == albumEach-1
			items = append(items, w.sendRandom(injectRNG, u, n+1, album))
			time.Sleep(time.Duration(injectRNG.IntN(60)) * time.Millisecond)
		}
		sent <- items
	}()

	// Meanwhile kill the bot every 150ms-1.2s and restart it at once, until
	// the burst is over and it was killed at least minKills times.
	var items []sentItem
	for items == nil || p.kills < minKills {
		timer := time.NewTimer(time.Duration(150+killRNG.IntN(1050)) * time.Millisecond)
		select {
		case items = <-sent:
			timer.Stop()
		case <-timer.C:
			p.kill()
			p.start()
		}
	}
	burst := time.Since(began)

	w.waitDelivered(t, dbPath, items, 60*time.Second)
	db := openSQL(t, dbPath)
	w.stopWhenQuiet(t, p, db)
	total := time.Since(began)
	if failed := failedOutbox(t, db); len(failed) > 0 {
		t.Errorf("got %d outbox rows given up on, want none:\n%v", len(failed), failed)
	}

	rep := w.checkDelivery(t, dbPath, items)
	albums := 0
	for _, it := range items {
		if len(it.msgIDs) > 1 {
			albums++
		}
	}
	t.Logf("crash: %d items (%d albums) from %d staff; %d kills, %d starts; burst %v, total %v",
		len(items), albums, len(w.staff), p.kills, p.starts, burst.Round(time.Millisecond), total.Round(time.Millisecond))
	t.Logf("crash: %v", rep)
	dups := w.duplicates(p.killed)
	t.Logf("crash: duplicates: %d in the group, %d acks; %d explained by a kill, %d not",
		dups.group, dups.acks, len(dups.explained), len(dups.unexplained))
	for _, d := range dups.explained {
		t.Logf("crash: duplicate across a kill: %s", d)
	}
	if dups.group > p.kills {
		t.Errorf("got %d duplicates in the group after %d kills, want at most one per kill", dups.group, p.kills)
	}
	for _, d := range dups.unexplained {
		t.Errorf("duplicate with no kill in between: %s", d)
	}
}
