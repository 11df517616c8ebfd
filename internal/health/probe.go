package health

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// probeLimit bounds one probe of the database, however long the requests
// that wait for it are ready to wait: a probe outlives the request that
// started it, and later requests join it instead of starting another.
const probeLimit = 30 * time.Second

// prober runs the database's write probe for concurrent checks: at most
// one probe runs at a time, and its result is reused for every.
type prober struct {
	db    Database
	now   func() time.Time
	every time.Duration

	mu      sync.Mutex
	at      time.Time     // when the last probe ended
	err     error         // its result
	running chan struct{} // closed when the probe in flight ends; nil if none
}

// check returns the result of a probe that ended less than every ago, or
// of the one in flight or a new one, waiting for it at most timeout.
func (p *prober) check(ctx context.Context, timeout time.Duration) error {
	p.mu.Lock()
	if p.running == nil && !p.at.IsZero() && p.now().Sub(p.at) < p.every {
		err := p.err
		p.mu.Unlock()
		return err
	}
	if p.running == nil {
		p.running = make(chan struct{})
		go p.run(p.running)
	}
	running := p.running
	p.mu.Unlock()

	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case <-running:
		p.mu.Lock()
		defer p.mu.Unlock()
		return p.err
	case <-t.C:
		return fmt.Errorf("no write within %s: another writer holds the database's lock (another process?), or the disk is too slow", timeout)
	case <-ctx.Done():
		return fmt.Errorf("check cancelled: %w", ctx.Err())
	}
}

// run probes the database and records the result, then closes done.
func (p *prober) run(done chan struct{}) {
	ctx, cancel := context.WithTimeout(context.Background(), probeLimit)
	defer cancel()
	err := p.db.ProbeWrite(ctx)
	if err != nil {
		err = fmt.Errorf("not writable: %w", err)
	}
	p.mu.Lock()
	p.at, p.err, p.running = p.now(), err, nil
	p.mu.Unlock()
	close(done)
}
