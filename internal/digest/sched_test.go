package digest

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// runStore is an in-memory tip.DigestStore for scheduler tests: it keeps
// runs and the messages recorded with them.
type runStore struct {
	tip.DigestStore // the read methods are not used by the scheduler
	mu              sync.Mutex
	runs            []tip.DigestRun
	msgs            []tip.OutboxMessage
}

func (s *runStore) LastRun(context.Context) (tip.DigestRun, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var last tip.DigestRun
	for _, r := range s.runs {
		if r.To.After(last.To) {
			last = r
		}
	}
	return last, len(s.runs) > 0, nil
}

func (s *runStore) RecordRun(_ context.Context, run tip.DigestRun, msgs []tip.OutboxMessage) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.runs {
		if r.Slot == run.Slot {
			return false, nil
		}
	}
	s.runs = append(s.runs, run)
	s.msgs = append(s.msgs, msgs...)
	return true, nil
}

func (s *runStore) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.runs)
}

var wita = mustLoc("Asia/Makassar")

func mustLoc(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// at returns a WITA wall-clock time on 2026-11-dd.
func at(day, hour, minute int) time.Time {
	return time.Date(2026, 11, day, hour, minute, 0, 0, wita)
}

func newTestScheduler(t *testing.T, store *runStore, raw ...string) *Scheduler {
	t.Helper()
	specs, err := ParseSpecs(raw)
	if err != nil {
		t.Fatal(err)
	}
	targets := []tip.Target{{ChatID: -1001}, {ChatID: -1002, ThreadID: 7}}
	compose := func(_ context.Context, p Period) ([]tip.OutboxMessage, int, error) {
		var msgs []tip.OutboxMessage
		for _, tg := range targets {
			msgs = append(msgs, tip.OutboxMessage{Purpose: tip.PurposeDigest, Target: tg, Kind: tip.SendText,
				Text: p.From.In(wita).Format("02 15:04") + "–" + p.To.In(wita).Format("02 15:04")})
		}
		return msgs, 0, nil
	}
	return NewScheduler(specs, wita, store, compose, nil, slog.New(slog.DiscardHandler), nil)
}

func TestParseSpecs(t *testing.T) {
	tests := []struct {
		name    string
		raw     []string
		wantErr bool
	}{
		{"daily", []string{"0 7 * * *"}, false},
		{"two and a descriptor", []string{"0 7 * * *", "@every 6h"}, false},
		{"bad field count", []string{"0 7 * *"}, true},
		{"out of range", []string{"0 25 * * *"}, true},
		{"time zone in spec", []string{"CRON_TZ=UTC 0 7 * * *"}, true},
		{"none", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ParseSpecs(tt.raw); (err != nil) != tt.wantErr {
				t.Errorf("got error %v, want error %v", err, tt.wantErr)
			}
		})
	}
}

func TestSpecRunsInWITA(t *testing.T) {
	specs, _ := ParseSpecs([]string{"0 7 * * *"})
	s := specs[0]
	// 22:59 UTC on the 23rd is 06:59 WITA on the 24th.
	got := s.Next(time.Date(2026, 11, 23, 22, 59, 0, 0, time.UTC), wita)
	if want := at(24, 7, 0); !got.Equal(want) {
		t.Errorf("got next %v, want %v", got, want)
	}
	if got, want := s.Prev(at(24, 6, 59), wita), at(23, 7, 0); !got.Equal(want) {
		t.Errorf("got prev %v, want %v", got, want)
	}
	if got, want := s.Prev(at(24, 7, 0), wita), at(24, 7, 0); !got.Equal(want) {
		t.Errorf("got prev %v at the slot itself, want the slot", got)
	}
}

func TestFireOncePerSlot(t *testing.T) {
	store := &runStore{}
	s := newTestScheduler(t, store, "0 7 * * *")
	ctx := context.Background()
	// cron calls the job a moment after 07:00 WITA.
	created, err := s.Fire(ctx, s.specs[0], at(24, 7, 0).Add(300*time.Millisecond))
	if err != nil || !created {
		t.Fatalf("got %v, %v; want the first digest created", created, err)
	}
	if len(store.msgs) != 2 || store.msgs[0].Text != "23 07:00–24 07:00" {
		t.Fatalf("got %+v, want one message per chat covering the 24 hours before the slot", store.msgs)
	}
	if created, _ := s.Fire(ctx, s.specs[0], at(24, 7, 1)); created {
		t.Error("got the slot sent twice")
	}
	if created, _ := s.Fire(ctx, s.specs[0], at(25, 7, 0)); !created || store.msgs[2].Text != "24 07:00–25 07:00" {
		t.Errorf("got %+v, want the next day to start where the last digest ended", store.msgs[2:])
	}
}

func TestCatchUpAfterDowntime(t *testing.T) {
	tests := []struct {
		name      string
		specs     []string
		lastTo    time.Time // zero: no digest yet
		now       time.Time
		wantTexts []string
	}{
		{"no history, nothing to catch up", []string{"0 7 * * *"}, time.Time{}, at(24, 9, 0), nil},
		{"down over one slot", []string{"0 7 * * *"}, at(23, 7, 0), at(24, 9, 0), []string{"23 07:00–24 07:00"}},
		{"down for three days sends one digest", []string{"0 7 * * *"}, at(21, 7, 0), at(24, 9, 0), []string{"21 07:00–24 07:00"}},
		{"nothing missed", []string{"0 7 * * *"}, at(24, 7, 0), at(24, 9, 0), nil},
		{"two schedules in order", []string{"0 7 * * *", "0 19 * * *"}, at(23, 7, 0), at(24, 9, 0), []string{"23 07:00–23 19:00", "23 19:00–24 07:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := &runStore{}
			if !tt.lastTo.IsZero() {
				store.runs = append(store.runs, tip.DigestRun{Slot: "old", From: tt.lastTo.Add(-24 * time.Hour), To: tt.lastTo})
			}
			s := newTestScheduler(t, store, tt.specs...)
			ctx := context.Background()
			if err := s.CatchUp(ctx, tt.now); err != nil {
				t.Fatal(err)
			}
			// A restart right after sends nothing more.
			if err := s.CatchUp(ctx, tt.now.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			var got []string
			for i, m := range store.msgs {
				if i%2 == 0 {
					got = append(got, m.Text)
				}
			}
			if len(got) != len(tt.wantTexts) {
				t.Fatalf("got digests %q, want %q", got, tt.wantTexts)
			}
			for i := range got {
				if got[i] != tt.wantTexts[i] {
					t.Errorf("got digests %q, want %q", got, tt.wantTexts)
				}
			}
		})
	}
}

func TestRunFiresOnSchedule(t *testing.T) {
	store := &runStore{}
	s := newTestScheduler(t, store, "@every 1s")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	deadline := time.Now().Add(5 * time.Second)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for store.count() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no digest within 5s of an @every 1s schedule")
		}
		<-tick.C
	}
	cancel()
	<-done
}

// TestRunRecoversFromAPanic: a digest job that panics is recovered by
// cron's Recover wrapper and the schedule goes on.
func TestRunRecoversFromAPanic(t *testing.T) {
	store := &runStore{}
	specs, err := ParseSpecs([]string{"@every 1s"})
	if err != nil {
		t.Fatal(err)
	}
	var calls sync.Mutex
	n := 0
	compose := func(context.Context, Period) ([]tip.OutboxMessage, int, error) {
		calls.Lock()
		defer calls.Unlock()
		n++
		if n == 1 {
			panic("digest bug")
		}
		return nil, 0, nil
	}
	s := NewScheduler(specs, wita, store, compose, nil, slog.New(slog.DiscardHandler), nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	deadline := time.Now().Add(8 * time.Second)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for store.count() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no digest after the panicking one")
		}
		<-tick.C
	}
	cancel()
	<-done
}
