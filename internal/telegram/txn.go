package telegram

import (
	"context"
	"fmt"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// InTx runs fn in one database transaction. The Stores given to fn read and
// write inside it; savepoint runs a function so that its writes are undone
// if it returns an error or panics, while the transaction goes on. InTx
// commits when fn returns nil and rolls back otherwise.
type InTx func(ctx context.Context, fn func(st Stores, savepoint func(func() error) error) error) error

// txn is the work done inside one transaction: processing a batch of
// updates or flushing albums. It embeds the Service for settings and
// logging, and its st shadows the Service's stores with stores bound to the
// transaction. Wake-ups of the relay worker and album flusher are collected
// and sent after the commit, when the rows are visible.
type txn struct {
	*Service
	st         Stores
	savepoint  func(func() error) error
	dirty      bool // outbox rows were enqueued
	albumParts bool // album parts were stored
	alone      bool // the transaction processes one update (see process)
}

// inTx runs fn in a transaction when the stores support it (Stores.InTx),
// else with the plain stores, each call committing on its own.
func (s *Service) inTx(ctx context.Context, fn func(t *txn) error) error {
	var t *txn
	run := func(st Stores, savepoint func(func() error) error) error {
		t = &txn{Service: s, st: st, savepoint: savepoint}
		return fn(t)
	}
	var err error
	if s.st.InTx != nil {
		err = s.st.InTx(ctx, run)
	} else {
		err = run(s.st, func(f func() error) error { return f() })
	}
	if err != nil {
		return err
	}
	if t.dirty {
		s.notify()
	}
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
		if !s.alone {
			// The batch is retried update by update (drain), where
			// attempts count: counting here too would count one twice.
			return fmt.Errorf("update %d: %w", id, err)
		}
		s.failures[id]++
		if s.failures[id] < maxAttempts {
			return fmt.Errorf("update %d: %w", id, err)
		}
		s.log.Error("update failed repeatedly; giving up", "update_id", id, "err", err)
		status, detail = tip.UpdateFailed, err.Error()
	}
	delete(s.failures, id)
	if err := s.st.Updates.MarkProcessed(ctx, id, status, detail); err != nil {
		return fmt.Errorf("mark update %d processed: %w", id, err)
	}
	return nil
}
