package digest

import "context"

// RunResult is the outcome of one scheduled digest run.
type RunResult string

// The outcomes of a run.
const (
	// RunQueued: the slot's digest was recorded and its messages queued
	// (none for an empty period with TIPRELAY_DIGEST_SKIP_EMPTY).
	RunQueued RunResult = "queued"
	// RunSkipped: the slot was recorded before (by another process) or is
	// older than the last digest; nothing was queued.
	RunSkipped RunResult = "skipped"
	// RunFailed: composing or recording the digest failed.
	RunFailed RunResult = "failed"
)

// RunResults lists every outcome.
func RunResults() []RunResult { return []RunResult{RunQueued, RunSkipped, RunFailed} }

// Observer hears of every scheduled run, caught up ones included, for the
// metrics (internal/metrics implements it). It must not block.
type Observer interface {
	DigestRun(result RunResult)
}

// Observe makes s report every run to o. Call it before Run.
func (s *Scheduler) Observe(o Observer) { s.observer = o }

// observeRun reports the outcome of Fire, unless ctx ended it.
func (s *Scheduler) observeRun(ctx context.Context, fired bool, err error) {
	switch {
	case s.observer == nil || ctx.Err() != nil:
	case err != nil:
		s.observer.DigestRun(RunFailed)
	case fired:
		s.observer.DigestRun(RunQueued)
	default:
		s.observer.DigestRun(RunSkipped)
	}
}
