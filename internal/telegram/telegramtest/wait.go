package telegramtest

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrClosed is returned by WaitFor when the server is closed first.
var ErrClosed = errors.New("telegramtest: server closed")

// WaitFor blocks until cond returns true, re-evaluating it after every state
// change of the server (a request answered, an update queued or confirmed,
// a message stored). cond is called without the server lock held, so it may
// call any Server method. WaitFor returns an error wrapping ctx.Err() when
// ctx ends first, or ErrClosed when the server is closed.
func (s *Server) WaitFor(ctx context.Context, cond func() bool) error {
	checks := 0
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		checks++
		if cond() {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("telegramtest: condition still false after %d checks: %w", checks, ctx.Err())
		case <-s.done:
			return ErrClosed
		}
	}
}

// WaitTimeout is WaitFor with a deadline d from now.
func (s *Server) WaitTimeout(d time.Duration, cond func() bool) error {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return s.WaitFor(ctx, cond)
}
