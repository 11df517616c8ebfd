package intake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// maxAttempts is how often an update whose processing hits a storage error
// is retried before it is marked failed, so that one update can never stall
// the stream for good.
const maxAttempts = 5

// Offset returns the offset of the next getUpdates call: every update
// before it is stored.
func (s *Service) Offset(ctx context.Context) (int64, error) {
	return s.db.Updates().Offset(ctx)
}

// Ingest is the entry point of updates. It stores raws, fetched with
// offset, and the offset that confirms them in one transaction, and wakes
// the processor (Run); it returns once they are committed, so a caller
// confirms to Telegram only what is stored. Each update's id is read on
// its own, so one odd update never spoils the batch; one without a
// readable update_id is logged and skipped. An error matching
// tip.ErrCorrupt means the database is damaged: nothing more can be
// stored.
func (s *Service) Ingest(ctx context.Context, raws []json.RawMessage, offset int64) error {
	batch, next := s.rawBatch(raws, offset)
	if len(batch) == 0 {
		if len(raws) > 0 {
			return errNoUpdateID
		}
		return nil
	}
	if err := s.db.Updates().SaveBatch(ctx, batch, next); err != nil {
		return fmt.Errorf("store updates: %w", err)
	}
	s.batches.Add(1)
	s.observeUpdates(len(batch))
	s.kick()
	return nil
}

// errNoUpdateID is Ingest's answer to a batch of updates none of which has
// a readable update_id: nothing can be confirmed until a later update
// arrives, so the caller should not ask again at once.
var errNoUpdateID = errors.New("no update in the batch has a readable update_id")

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

// processLoop processes stored updates whenever Ingest stored some, and
// at start (updates stored before a crash), until ctx is done. A storage
// error backs off (100 ms to 30 s) until a round processes everything; a
// damaged database (tip.ErrCorrupt) ends it with that error.
func (s *Service) processLoop(ctx context.Context) error {
	var backoff time.Duration
	for ctx.Err() == nil {
		seen := s.batches.Load()
		if err := s.processStored(ctx); err != nil && ctx.Err() == nil {
			if errors.Is(err, tip.ErrCorrupt) {
				// Not temporary: the database refuses every later call
				// too.
				return err
			}
			backoff = nextBackoff(backoff)
			s.log.Error("processing stored updates failed; will retry", "err", err, "retry_in", backoff)
			if !sleep(ctx, backoff) {
				return nil
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
	return nil
}

// ingest stores a batch and the next offset, then processes what is
// stored; Ingest and Run do the same in two goroutines. Tests use it to
// feed updates synchronously.
func (s *Service) ingest(ctx context.Context, batch []tip.RawUpdate, next int64) error {
	if err := s.db.Updates().SaveBatch(ctx, batch, next); err != nil {
		return fmt.Errorf("store updates: %w", err)
	}
	return s.processStored(ctx)
}

// rawBatch extracts each update's id on its own, so one odd update never
// spoils the batch, and computes the next offset.
func (s *Service) rawBatch(raws []json.RawMessage, offset int64) ([]tip.RawUpdate, int64) {
	now := s.set.Now()
	batch := make([]tip.RawUpdate, 0, len(raws))
	next := offset
	for _, raw := range raws {
		id := updateID(raw)
		if id == 0 {
			s.log.Error("update without a readable update_id skipped", "bytes", len(raw))
			continue
		}
		batch = append(batch, tip.RawUpdate{ID: id, Raw: raw, ReceivedAt: now, Status: tip.UpdateReceived})
		next = max(next, id+1)
	}
	return batch, next
}

// updateID returns the update_id of raw, or 0 when raw is not a JSON
// object with an integer update_id. The processor decodes the rest.
func updateID(raw json.RawMessage) int64 {
	var head struct {
		UpdateID int64 `json:"update_id"`
	}
	if json.Unmarshal(raw, &head) != nil {
		return 0
	}
	return head.UpdateID
}

// processStored processes every stored, unprocessed update, up to 100 in
// one transaction (one commit). If a transaction fails, its updates are
// processed one by one instead, so one bad update cannot hold back the
// others.
func (s *Service) processStored(ctx context.Context) error {
	return s.eachPending(ctx, func(pending []tip.RawUpdate) error {
		members := s.memberships(ctx, pending) // never inside the transaction
		err := s.inTx(ctx, func(t *txn) error {
			t.members = members
			for _, u := range pending {
				if err := t.process(ctx, u.ID, u.Raw); err != nil {
					return err
				}
			}
			return nil
		})
		if err == nil || ctx.Err() != nil || errors.Is(err, tip.ErrCorrupt) {
			return err
		}
		s.log.Warn("processing a batch failed; processing its updates one by one", "err", err)
		return s.drain(ctx)
	})
}

// drain processes every stored update not yet processed, oldest first, each
// in its own transaction. It stops at the first storage error (the update
// stays pending and is retried); a panic or an undecodable update is
// recorded on the update and does not stop it.
func (s *Service) drain(ctx context.Context) error {
	return s.eachPending(ctx, func(pending []tip.RawUpdate) error {
		for _, u := range pending {
			members := s.memberships(ctx, []tip.RawUpdate{u})
			if err := s.inTx(ctx, func(t *txn) error {
				t.alone, t.members = true, members
				return t.process(ctx, u.ID, u.Raw)
			}); err != nil {
				return err
			}
		}
		return nil
	})
}

// eachPending calls fn with the stored updates not yet processed, up to
// 100 at a time, oldest first, until none is left or fn fails.
func (s *Service) eachPending(ctx context.Context, fn func(pending []tip.RawUpdate) error) error {
	for {
		pending, err := s.db.Updates().Unprocessed(ctx, 100)
		if err != nil {
			return fmt.Errorf("list unprocessed updates: %w", err)
		}
		if len(pending) == 0 {
			return nil
		}
		if err := fn(pending); err != nil {
			return err
		}
	}
}

// processSafely runs handle inside a savepoint and turns a panic into a
// failed update whose partial writes are undone.
func (s *txn) processSafely(ctx context.Context, id int64, raw []byte) (status tip.UpdateStatus, detail string, err error) {
	created := len(s.created)
	defer func() {
		if r := recover(); r != nil {
			s.created = s.created[:created] // undone with the savepoint
			s.log.Error("panic while processing update", "update_id", id, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			status, detail, err = tip.UpdateFailed, fmt.Sprintf("panic: %v", r), nil
		}
	}()
	err = s.tx.Savepoint(ctx, func() error {
		var herr error
		status, detail, herr = s.handle(ctx, tip.RawUpdate{ID: id, Raw: raw})
		return herr
	})
	if err != nil {
		s.created = s.created[:created] // undone with the savepoint
	}
	return status, detail, err
}
