package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/config"
	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/lockfile"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// TestBotLockWaitsOutABriefHolder: a lock held for a moment (as digest
// --send holds it while testing it) does not stop a bot from starting;
// one held for longer does.
func TestBotLockWaitsOutABriefHolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tiprelay.db.lock")
	brief, err := lockfile.Acquire(path)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(200 * time.Millisecond) // the brief holder, not a wait for work
		brief.Release()
	}()
	lock, err := acquireBotLock(context.Background(), path)
	if err != nil {
		t.Fatalf("got %v, want the lock once the brief holder let go", err)
	}
	if _, err := acquireBotLock(context.Background(), path); !errors.Is(err, lockfile.ErrLocked) {
		t.Errorf("got %v while a bot holds the lock, want ErrLocked", err)
	}
	lock.Release()
}

// TestScheduledDigestOfAnEmptyPeriod: an empty period gives the «no tips»
// digest, or nothing with TIPRELAY_DIGEST_SKIP_EMPTY.
func TestScheduledDigestOfAnEmptyPeriod(t *testing.T) {
	for _, skip := range []bool{false, true} {
		t.Run(fmt.Sprintf("skip empty %v", skip), func(t *testing.T) {
			db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "tiprelay.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			cfg := config.Config{Timezone: time.UTC, DigestChats: []tip.Target{{ChatID: -100}}, DigestSkipEmpty: skip}
			compose := scheduledDigest(cfg, sqlite.NewDigestStore(db), text.For(text.Indonesian))
			msgs, tips, err := compose(context.Background(), digest.Last(time.Now(), time.Hour))
			if err != nil || tips != 0 {
				t.Fatalf("got %d tips, %v; want 0, nil", tips, err)
			}
			if got := len(msgs) > 0; got == skip {
				t.Errorf("got %d messages with skip-empty %v", len(msgs), skip)
			}
		})
	}
}

// The relay's quiet hours are local time: the worker gets the configured
// time zone, not the host's (UTC in a container).
func TestWorkerOptionsUseTheConfiguredZone(t *testing.T) {
	wita, err := time.LoadLocation("Asia/Makassar")
	if err != nil {
		t.Fatal(err)
	}
	opt := workerOptions(config.Config{Timezone: wita}, text.For(text.Indonesian))
	if opt.Location != wita {
		t.Errorf("got location %v, want Asia/Makassar", opt.Location)
	}
}
