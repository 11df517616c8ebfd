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
// the next offset in one transaction, then process what is stored. Because
// the offset sent to Telegram is read back from SQLite, Telegram confirms an
// update only after it is stored, and a crash at any point loses nothing.
func (s *Service) poll(ctx context.Context) error {
	var backoff time.Duration
	pause := func(d time.Duration) bool {
		backoff = min(max(backoff*2, 100*time.Millisecond), 30*time.Second)
		if d < backoff {
			d = backoff
		}
		return sleep(ctx, d)
	}
	for ctx.Err() == nil {
		if err := s.Drain(ctx); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			s.log.Error("processing stored updates failed; will retry", "err", err)
			if !pause(0) {
				return nil
			}
			continue
		}
		offset, err := s.st.Updates.Offset(ctx)
		if err != nil {
			s.log.Error("read update offset", "err", err)
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
					s.log.Error("another getUpdates consumer or a webhook is active for this bot", "err", err)
				}
				if !pause(apiErr.RetryAfter) {
					return nil
				}
				continue
			}
			s.log.Warn("getUpdates failed; retrying", "err", err)
			if !pause(0) {
				return nil
			}
			continue
		}
		backoff = 0
		if len(raws) == 0 {
			continue
		}
		batch, next := s.rawBatch(raws, offset)
		if err := s.ingest(ctx, batch, next); err != nil {
			// Whatever was not stored was not confirmed: Telegram sends it
			// again. Stored updates are processed by the next Drain.
			if ctx.Err() != nil {
				return nil
			}
			s.log.Error("ingest updates", "err", err)
			if !pause(0) {
				return nil
			}
		}
	}
	return nil
}

// rawBatch extracts each update's id on its own, so one odd update never
// spoils the batch, and computes the next offset.
func (s *Service) rawBatch(raws []json.RawMessage, offset int64) ([]tip.RawUpdate, int64) {
	now := s.set.Now()
	batch := make([]tip.RawUpdate, 0, len(raws))
	next := offset
	for _, raw := range raws {
		var head struct {
			UpdateID int64 `json:"update_id"`
		}
		if err := json.Unmarshal(raw, &head); err != nil || head.UpdateID == 0 {
			s.log.Error("update without a readable update_id skipped", "err", err, "bytes", len(raw))
			continue
		}
		batch = append(batch, tip.RawUpdate{ID: head.UpdateID, Raw: raw, ReceivedAt: now, Status: tip.UpdateReceived})
		next = max(next, head.UpdateID+1)
	}
	return batch, next
}

// ingest stores a fetched batch and the next offset, and processes it, all
// in one transaction: one commit for the whole batch. If that fails, the
// batch is stored on its own and its updates processed one by one, so one
// bad update cannot hold back the others.
func (s *Service) ingest(ctx context.Context, batch []tip.RawUpdate, next int64) error {
	err := s.inTx(ctx, func(t *txn) error {
		if err := t.st.Updates.SaveBatch(ctx, batch, next); err != nil {
			return fmt.Errorf("store updates: %w", err)
		}
		return t.drain(ctx)
	})
	if err == nil || ctx.Err() != nil {
		return err
	}
	s.log.Warn("processing the batch failed; storing it and processing updates one by one", "err", err)
	if err := s.st.Updates.SaveBatch(ctx, batch, next); err != nil {
		return fmt.Errorf("store updates: %w", err)
	}
	return s.Drain(ctx)
}

// drain processes the stored, unprocessed updates inside the transaction.
func (s *txn) drain(ctx context.Context) error {
	for {
		pending, err := s.st.Updates.Unprocessed(ctx, 100)
		if err != nil {
			return fmt.Errorf("list unprocessed updates: %w", err)
		}
		if len(pending) == 0 {
			return nil
		}
		for _, u := range pending {
			if err := s.process(ctx, u.ID, u.Raw); err != nil {
				return err
			}
		}
	}
}

// Drain processes every stored update not yet processed, oldest first, each
// in its own transaction. It stops at the first storage error (the update
// stays pending and is retried); a panic or an undecodable update is
// recorded on the update and does not stop it.
func (s *Service) Drain(ctx context.Context) error {
	for {
		pending, err := s.st.Updates.Unprocessed(ctx, 100)
		if err != nil {
			return fmt.Errorf("list unprocessed updates: %w", err)
		}
		if len(pending) == 0 {
			return nil
		}
		for _, u := range pending {
			if err := s.inTx(ctx, func(t *txn) error { return t.process(ctx, u.ID, u.Raw) }); err != nil {
				return err
			}
		}
	}
}

// processSafely runs handle inside a savepoint and turns a panic into a
// failed update whose partial writes are undone.
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
