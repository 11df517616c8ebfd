package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// maxAttempts is how often an update whose processing hits a storage error
// is retried before it is marked failed, so that one update can never stall
// the stream for good.
const maxAttempts = 5

// poll is the owned update loop: fetch a batch, commit the raw updates and
// the next offset in one transaction, and wake the processor. Because the
// offset sent to Telegram is read back from SQLite, Telegram confirms an
// update only after it is stored, and a crash at any point loses nothing.
// Processing runs beside polling (see processLoop), so the next batch is
// fetched while the last one is turned into tips.
//
// Every failure, of Telegram or of storage, backs off from 100 ms to 30 s;
// the delay resets only after a whole round (fetch and store) succeeded,
// so a full disk retries slowly instead of after every good fetch. A
// damaged database (tip.ErrCorrupt) is not retried: poll returns the error
// at once and never calls getUpdates again, so Telegram keeps the updates
// it sent since the last stored offset (for 24 hours) for the repaired
// database.
func (s *Service) poll(ctx context.Context) error {
	var backoff time.Duration
	pause := func(d time.Duration) bool {
		backoff = nextBackoff(backoff)
		if d < backoff {
			d = backoff
		}
		return sleep(ctx, d)
	}
	var conflicts rateLimitedLog
	for ctx.Err() == nil {
		offset, err := s.st.Updates.Offset(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			if errors.Is(err, tip.ErrCorrupt) {
				return fmt.Errorf("read update offset: %w", err)
			}
			s.log.Error("read update offset failed; will retry", "err", err, "retry_in", nextBackoff(backoff))
			if !pause(0) {
				return nil
			}
			continue
		}
		raws, err := s.client.poll.fetch(ctx, offset)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			var apiErr *APIError
			if errors.As(err, &apiErr) {
				switch apiErr.Code {
				case http.StatusUnauthorized, http.StatusNotFound:
					return ErrUnauthorized
				case http.StatusConflict:
					if webhookConflict(apiErr) {
						// A webhook set since start (or one start could
						// not remove): remove it and poll again.
						if s.removeLeftoverWebhook(ctx) {
							continue
						}
						break
					}
					// Another poller: it lasts as long as the other side
					// runs, so one line a minute tells enough.
					if n, ok := conflicts.hit(s.set.Now()); ok {
						s.log.Error("another process is polling with this bot token; only one bot may run per token",
							"err", err, "conflicts", n, "next_report_after", time.Minute)
					}
				}
				if !pause(apiErr.RetryAfter) {
					return nil
				}
				continue
			}
			s.log.Warn("getUpdates failed; retrying", "err", err, "retry_in", nextBackoff(backoff))
			if !pause(0) {
				return nil
			}
			continue
		}
		if len(raws) == 0 {
			backoff = 0 // a whole round: nothing to store
			continue
		}
		batch, next := s.rawBatch(raws, offset)
		if len(batch) == 0 {
			// Only updates without a readable update_id: nothing can be
			// confirmed until a later update arrives, so do not spin.
			if !pause(0) {
				return nil
			}
			continue
		}
		if err := s.st.Updates.SaveBatch(ctx, batch, next); err != nil {
			// Nothing was confirmed: Telegram sends the same updates again.
			if ctx.Err() != nil {
				return nil
			}
			if errors.Is(err, tip.ErrCorrupt) {
				return fmt.Errorf("store updates: %w", err)
			}
			s.log.Error("store updates failed; will retry", "err", err, "retry_in", nextBackoff(backoff))
			if !pause(0) {
				return nil
			}
			continue
		}
		backoff = 0
		s.batches.Add(1)
		s.kick()
	}
	return nil
}

// webhookConflict reports whether a 409 answer to getUpdates means that a
// webhook is set ("can't use getUpdates method while webhook is active"),
// not that another process polls ("terminated by other getUpdates
// request").
func webhookConflict(e *APIError) bool {
	return containsFold(e.Description, "webhook")
}

// rateLimitedLog counts a repeated condition and says when to log it: the
// first time, then at most once a minute.
type rateLimitedLog struct {
	last time.Time
	n    int
}

// hit counts one occurrence at now. It reports true when it is to be
// logged, with the occurrences since the last logged one (this included).
func (r *rateLimitedLog) hit(now time.Time) (int, bool) {
	r.n++
	if !r.last.IsZero() && now.Sub(r.last) < time.Minute {
		return 0, false
	}
	n := r.n
	r.last, r.n = now, 0
	return n, true
}

// nextBackoff doubles a retry delay, from 100 ms up to 30 s.
func nextBackoff(d time.Duration) time.Duration {
	return min(max(d*2, 100*time.Millisecond), 30*time.Second)
}

// kick wakes the processor; it never blocks.
func (s *Service) kick() {
	select {
	case s.stored <- struct{}{}:
	default:
	}
}

// processLoop processes stored updates whenever poll stored some, and at
// start (updates stored before a crash), until ctx is done. A storage
// error backs off (100 ms to 30 s) until a round processes everything; a
// damaged database (tip.ErrCorrupt) ends it.
func (s *Service) processLoop(ctx context.Context) {
	var backoff time.Duration
	for ctx.Err() == nil {
		seen := s.batches.Load()
		if err := s.processStored(ctx); err != nil && ctx.Err() == nil {
			if errors.Is(err, tip.ErrCorrupt) {
				// Not temporary: the database refuses every later call
				// too, so poll stops at its next one and Run returns.
				return
			}
			backoff = nextBackoff(backoff)
			s.log.Error("processing stored updates failed; will retry", "err", err, "retry_in", backoff)
			if !sleep(ctx, backoff) {
				return
			}
			continue
		}
		backoff = 0
		// Every batch stored before seen is processed now. If that ends a
		// busy spell, the acknowledgements held back for it may go.
		if s.caughtUp.Swap(seen) != seen && !s.Busy() {
			s.notify()
		}
		select {
		case <-ctx.Done():
		case <-s.stored:
		}
	}
}

// ingest stores a fetched batch and the next offset, then processes what
// is stored; poll does the same in two goroutines. Tests use it to feed
// updates synchronously.
func (s *Service) ingest(ctx context.Context, batch []tip.RawUpdate, next int64) error {
	if err := s.st.Updates.SaveBatch(ctx, batch, next); err != nil {
		return fmt.Errorf("store updates: %w", err)
	}
	return s.processStored(ctx)
}

// rawBatch extracts each update's id on its own, so one odd update never
// spoils the batch, and computes the next offset. It decodes the updates
// for the processor on the way (see preparsed).
func (s *Service) rawBatch(raws []json.RawMessage, offset int64) ([]tip.RawUpdate, int64) {
	now := s.set.Now()
	batch := make([]tip.RawUpdate, 0, len(raws))
	next := offset
	for _, raw := range raws {
		id, upd, decoded := updateID(raw)
		if id == 0 {
			s.log.Error("update without a readable update_id skipped", "bytes", len(raw))
			continue
		}
		if decoded {
			s.preparsed.put(upd)
		}
		batch = append(batch, tip.RawUpdate{ID: id, Raw: raw, ReceivedAt: now, Status: tip.UpdateReceived})
		next = max(next, id+1)
	}
	return batch, next
}

// processStored processes every stored, unprocessed update, up to 100 in
// one transaction (one commit). If a transaction fails, its updates are
// processed one by one instead, so one bad update cannot hold back the
// others.
func (s *Service) processStored(ctx context.Context) error {
	for {
		pending, err := s.st.Updates.Unprocessed(ctx, 100)
		if err != nil {
			return fmt.Errorf("list unprocessed updates: %w", err)
		}
		if len(pending) == 0 {
			return nil
		}
		err = s.inTx(ctx, func(t *txn) error {
			for _, u := range pending {
				if err := t.process(ctx, u.ID, u.Raw); err != nil {
					return err
				}
			}
			return nil
		})
		if err == nil {
			continue
		}
		if ctx.Err() != nil || errors.Is(err, tip.ErrCorrupt) {
			return err
		}
		s.log.Warn("processing a batch failed; processing its updates one by one", "err", err)
		if err := s.drain(ctx); err != nil {
			return err
		}
	}
}

// drain processes every stored update not yet processed, oldest first, each
// in its own transaction. It stops at the first storage error (the update
// stays pending and is retried); a panic or an undecodable update is
// recorded on the update and does not stop it.
func (s *Service) drain(ctx context.Context) error {
	for {
		pending, err := s.st.Updates.Unprocessed(ctx, 100)
		if err != nil {
			return fmt.Errorf("list unprocessed updates: %w", err)
		}
		if len(pending) == 0 {
			return nil
		}
		for _, u := range pending {
			if err := s.inTx(ctx, func(t *txn) error { t.alone = true; return t.process(ctx, u.ID, u.Raw) }); err != nil {
				return err
			}
		}
	}
}

// processSafely runs handle inside a savepoint and turns a panic into a
// failed update; with Stores.InTx set, the update's partial writes are
// undone.
func (s *txn) processSafely(ctx context.Context, id int64, raw []byte) (status tip.UpdateStatus, detail string, err error) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("panic while processing update", "update_id", id, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			status, detail, err = tip.UpdateFailed, fmt.Sprintf("panic: %v", r), nil
		}
	}()
	err = s.savepoint(func() error {
		var herr error
		status, detail, herr = s.handle(ctx, tip.RawUpdate{ID: id, Raw: raw})
		return herr
	})
	return status, detail, err
}
