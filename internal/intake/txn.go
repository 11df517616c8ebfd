package intake

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// txn is the work done inside one transaction: processing a batch of
// updates or flushing an album. It reaches the database only through tx,
// whose stores are bound to the transaction, and the service only for its
// settings and caches: the service itself holds no store, so nothing done
// here can escape the transaction. Wake-ups of the relay worker and the
// album flusher are collected and sent after the commit, when the rows are
// visible.
type txn struct {
	svc        *Service
	set        *Settings
	log        *slog.Logger
	tx         tip.Tx
	dirty      bool // outbox rows were enqueued
	albumParts bool // album parts were stored
	alone      bool // the transaction processes one update (see process)
	// created are the tips created, reported after the commit.
	created []tip.Tip
	// members are the memberships checked for the updates of the
	// transaction before it began (see Service.memberships).
	members map[memberKey]verdict
}

// errNotChecked is the verdict on a membership no check was made for.
var errNotChecked = errors.New("membership not checked")

// member returns the verdict on user's membership of chat.
func (s *txn) member(chat, user int64) verdict {
	if v, ok := s.members[memberKey{chat, user}]; ok {
		return v
	}
	return verdict{err: errNotChecked}
}

// inTx runs fn in one transaction and, once it committed, wakes whoever
// has new work.
func (s *Service) inTx(ctx context.Context, fn func(t *txn) error) error {
	var t *txn
	err := s.db.InTx(ctx, func(tx tip.Tx) error {
		t = &txn{svc: s, set: &s.set, log: s.log, tx: tx}
		return fn(t)
	})
	if err != nil {
		return err
	}
	if t.dirty {
		s.notify()
	}
	s.observeTips(t.created)
	if t.albumParts {
		select {
		case s.albums <- struct{}{}:
		default:
		}
	}
	return nil
}

// process handles one stored update inside the transaction and records its
// outcome. A panic or an undecodable update is recorded on the update; a
// storage error is returned so the caller can retry, until the update has
// failed maxAttempts times in a transaction of its own, when it is
// recorded as failed.
func (s *txn) process(ctx context.Context, id int64, raw []byte) error {
	status, detail, err := s.processSafely(ctx, id, raw)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if !s.alone || errors.Is(err, tip.ErrCorrupt) {
			// The batch is retried update by update (drain), where
			// attempts count: counting here too would count one twice.
			// A damaged database is no fault of the update's.
			return fmt.Errorf("update %d: %w", id, err)
		}
		s.svc.failures[id]++
		if s.svc.failures[id] < maxAttempts {
			return fmt.Errorf("update %d: %w", id, err)
		}
		s.log.Error("update failed repeatedly; giving up", "update_id", id, "err", err)
		status, detail = tip.UpdateFailed, err.Error()
	}
	delete(s.svc.failures, id)
	if err := s.tx.Updates().MarkProcessed(ctx, id, status, detail); err != nil {
		return fmt.Errorf("mark update %d processed: %w", id, err)
	}
	return nil
}
