package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/lockfile"
)

// TestDigestSendTakesOverWhenTheBotStops: `digest --send` leaves the
// sending to a running bot (here, a held lock that sends nothing), and
// sends the digest itself once the bot has stopped without delivering it.
func TestDigestSendTakesOverWhenTheBotStops(t *testing.T) {
	srv, group, _ := digestWorld(t)
	dbPath := seedTips(t, t.TempDir(), 3, time.Now())
	bot, err := lockfile.Acquire(dbPath + ".lock")
	if err != nil {
		t.Fatal(err)
	}
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(context.Background(), []string{"digest", "--send", "--since", "1h"}, envFromList(digestEnv(srv, dbPath)), &bytes.Buffer{}, &stderr)
	}()
	deadline := time.Now().Add(10 * time.Second)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for !strings.Contains(stderr.String(), "a bot is running on this database") {
		if time.Now().After(deadline) {
			t.Fatalf("no hand-over to the bot within 10s:\n%s", stderr.String())
		}
		<-tick.C
	}
	if got := len(srv.BotMessages(group.ID)); got != 0 {
		t.Fatalf("got %d messages sent while the bot runs, want none from the command", got)
	}
	bot.Release()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("digest --send: %v\n%s", err, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("digest --send did not finish after the bot stopped\n%s", stderr.String())
	}
	if !strings.Contains(stderr.String(), "the bot stopped before it delivered the digest") {
		t.Errorf("got no word of the take-over in\n%s", stderr.String())
	}
	if msgs := srv.BotMessages(group.ID); len(msgs) == 0 || !strings.Contains(msgs[0].Text, "3") {
		t.Errorf("got %d messages in the group, want the digest of 3 tips", len(msgs))
	}
}
