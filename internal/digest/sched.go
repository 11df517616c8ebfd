package digest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Spec is one parsed digest schedule, a standard five-field cron spec
// ("0 7 * * *") or a descriptor ("@daily", "@every 6h").
type Spec struct {
	Raw   string
	sched cron.Schedule
}

// ParseSpecs parses digest schedules; the error names every bad spec.
func ParseSpecs(raw []string) ([]Spec, error) {
	var specs []Spec
	var errs []error
	for _, r := range raw {
		r = strings.TrimSpace(r)
		if strings.HasPrefix(r, "TZ=") || strings.HasPrefix(r, "CRON_TZ=") {
			errs = append(errs, fmt.Errorf("cron spec %q: set the time zone with TIPRELAY_TIMEZONE instead", r))
			continue
		}
		s, err := cron.ParseStandard(r)
		if err != nil {
			errs = append(errs, fmt.Errorf("cron spec %q: %w", r, err))
			continue
		}
		specs = append(specs, Spec{Raw: r, sched: s})
	}
	if len(raw) == 0 {
		errs = append(errs, errors.New("no cron spec given"))
	}
	return specs, errors.Join(errs...)
}

// Next returns the first scheduled time after t, in loc.
func (s Spec) Next(t time.Time, loc *time.Location) time.Time {
	return s.sched.Next(t.In(loc))
}

// Prev returns the latest scheduled time not after t, looking back at
// most 32 days; the zero time if there is none. It searches the nearest
// look-back first, so frequent schedules stay cheap.
func (s Spec) Prev(t time.Time, loc *time.Location) time.Time {
	for _, back := range []time.Duration{time.Hour, 48 * time.Hour, 32 * 24 * time.Hour} {
		var prev time.Time
		for next := s.Next(t.Add(-back), loc); !next.IsZero() && !next.After(t); next = s.Next(next, loc) {
			prev = next
		}
		if !prev.IsZero() {
			return prev
		}
	}
	return time.Time{}
}

// Composer builds the outbox messages of the digest of a period and
// returns how many tips it covers. Empty periods may yield no messages.
type Composer func(ctx context.Context, p Period) (msgs []tip.OutboxMessage, tips int, err error)

// Scheduler sends digests on schedule. Every run is recorded per slot in
// the store together with its messages, so a restart never sends a slot
// twice, and a slot missed while the bot was down is sent once at start.
type Scheduler struct {
	specs   []Spec
	loc     *time.Location
	store   tip.DigestStore
	compose Composer
	notify  func()
	log     *slog.Logger
	now     func() time.Time
	// observer hears of every run (see Observe); nil for none.
	observer Observer
}

// NewScheduler returns a scheduler; notify is called after a digest was
// queued, now is the clock (time.Now when nil).
func NewScheduler(specs []Spec, loc *time.Location, store tip.DigestStore, compose Composer, notify func(), log *slog.Logger, now func() time.Time) *Scheduler {
	if now == nil {
		now = time.Now
	}
	if notify == nil {
		notify = func() {}
	}
	return &Scheduler{specs: specs, loc: loc, store: store, compose: compose, notify: notify, log: log, now: now}
}

// Slot is the key a run is recorded under.
func Slot(spec Spec, at time.Time) string {
	return spec.Raw + "@" + at.UTC().Format(time.RFC3339)
}

// Fire sends the digest of spec's slot due at t: the latest scheduled time
// not after t. The period runs from the end of the last digest (or 24
// hours before the slot when there is none) to the slot. It returns false
// when the slot was recorded before or is older than the last digest.
func (s *Scheduler) Fire(ctx context.Context, spec Spec, t time.Time) (fired bool, err error) {
	defer func() { s.observeRun(ctx, fired, err) }()
	slot := spec.Prev(t, s.loc)
	if slot.IsZero() {
		return false, nil
	}
	from := slot.Add(-24 * time.Hour)
	last, ok, err := s.store.LastRun(ctx)
	if err != nil {
		return false, fmt.Errorf("read last digest: %w", err)
	}
	if ok {
		if !last.To.Before(slot) {
			return false, nil
		}
		from = last.To
	}
	p := Period{From: from, To: slot}
	msgs, tips, err := s.compose(ctx, p)
	if err != nil {
		return false, fmt.Errorf("compose digest: %w", err)
	}
	run := tip.DigestRun{Slot: Slot(spec, slot), From: p.From, To: p.To, Tips: tips, CreatedAt: s.now()}
	created, err := s.store.RecordRun(ctx, run, msgs)
	if err != nil {
		return false, fmt.Errorf("record digest: %w", err)
	}
	if created {
		s.log.Info("digest queued", "slot", run.Slot, "from", p.From, "to", p.To, "tips", tips, "messages", len(msgs))
		s.notify()
	}
	return created, nil
}

// CatchUp sends, once, the slots missed while the bot was down: for each
// spec, its latest slot not after now, when that slot is later than the
// end of the last recorded digest. A database without any digest has
// nothing to catch up.
func (s *Scheduler) CatchUp(ctx context.Context, now time.Time) error {
	last, ok, err := s.store.LastRun(ctx)
	if err != nil || !ok {
		return err
	}
	type missed struct {
		spec Spec
		at   time.Time
	}
	var due []missed
	for _, spec := range s.specs {
		if at := spec.Prev(now, s.loc); at.After(last.To) {
			due = append(due, missed{spec, at})
		}
	}
	slices.SortFunc(due, func(a, b missed) int { return a.at.Compare(b.at) })
	for _, m := range due {
		s.log.Info("catching up a digest missed while stopped", "slot", Slot(m.spec, m.at))
		if _, err := s.Fire(ctx, m.spec, m.at); err != nil {
			return err
		}
	}
	return nil
}

// Run catches up missed slots, then fires every spec on schedule in the
// scheduler's time zone until ctx is done. Jobs run one at a time per spec
// (SkipIfStillRunning) and a panic in one is recovered and logged.
func (s *Scheduler) Run(ctx context.Context) error {
	if err := s.CatchUp(ctx, s.now()); err != nil {
		s.log.Error("digest catch-up failed", "err", err)
	}
	logger := cronLogger{s.log}
	// SkipIfStillRunning goes outside Recover: a panic passing through it
	// would keep its token, and every later run would be skipped.
	c := cron.New(cron.WithLocation(s.loc), cron.WithLogger(logger),
		cron.WithChain(cron.SkipIfStillRunning(logger), cron.Recover(logger)))
	for _, spec := range s.specs {
		c.Schedule(spec.sched, cron.FuncJob(func() {
			if _, err := s.Fire(ctx, spec, s.now()); err != nil && ctx.Err() == nil {
				s.log.Error("digest failed", "spec", spec.Raw, "err", err)
			}
		}))
	}
	c.Start()
	for _, e := range c.Entries() {
		s.log.Info("digest scheduled", "next", e.Next.In(s.loc).Format("2006-01-02 15:04 MST"))
	}
	<-ctx.Done()
	<-c.Stop().Done()
	return nil
}

// cronLogger adapts slog to cron's logger.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}
