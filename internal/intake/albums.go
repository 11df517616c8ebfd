package intake

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/tiprelay/tiprelay/internal/botapi"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// Telegram sends the messages of an album as separate updates and never
// says how many there are. tiprelay stores each part and turns the album
// into one tip once no part has arrived for the album window. Parts live in
// SQLite, so an album interrupted by a restart still becomes a tip.

func (s *txn) addAlbumPart(ctx context.Context, m *botapi.Message) error {
	err := s.tx.Albums().PutAlbumPart(ctx, tip.AlbumPart{Draft: m.Draft, ReceivedAt: s.set.Now()})
	if err != nil {
		return fmt.Errorf("store album part: %w", err)
	}
	s.albumParts = true
	return nil
}

// flushAlbums turns every album whose last part arrived at least the album
// window before now into a tip. It returns when the next waiting album will
// be due, or the zero time when none waits. An album that fails (a storage
// error, or a panic while composing it) is logged and left for the next
// flush; it does not hold back the albums after it.
func (s *Service) flushAlbums(ctx context.Context, now time.Time) (time.Time, error) {
	pending, err := s.db.Albums().PendingAlbums(ctx)
	if err != nil {
		return time.Time{}, fmt.Errorf("list albums: %w", err)
	}
	var next time.Time
	var failed error
	for _, a := range pending {
		due := a.LastPartAt.Add(s.set.AlbumWindow)
		if due.After(now) {
			if next.IsZero() || due.Before(next) {
				next = due
			}
			continue
		}
		if err := s.flushAlbum(ctx, a); err != nil {
			if ctx.Err() != nil || errors.Is(err, tip.ErrCorrupt) {
				return time.Time{}, err
			}
			s.log.Error("album not turned into a tip; will retry", "chat", a.ChatID, "media_group_id", a.MediaGroupID, "err", err)
			failed = err
		}
	}
	return next, failed
}

// flushAlbum turns album a into one tip, reading its parts in the same
// transaction, so that a part stored meanwhile is not left behind. A panic
// becomes an error and the transaction is rolled back.
func (s *Service) flushAlbum(ctx context.Context, a tip.AlbumKey) (err error) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("panic while turning an album into a tip", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return s.inTx(ctx, func(t *txn) error {
		parts, err := t.tx.Albums().AlbumParts(ctx, a.ChatID, a.MediaGroupID)
		if err != nil {
			return fmt.Errorf("load album parts: %w", err)
		}
		if len(parts) == 0 {
			return nil
		}
		drafts := make([]tip.Tip, len(parts))
		for i, p := range parts {
			drafts[i] = p.Draft
		}
		_, err = t.createTip(ctx, tip.MergeAlbum(drafts))
		return err
	})
}

// runAlbums flushes albums when they become due until ctx is done. A
// failed flush is retried after 1 s, doubling up to a minute until a flush
// succeeds, so that a full disk does not log a line every second; a
// damaged database (tip.ErrCorrupt) ends it, as the whole service stops.
func (s *Service) runAlbums(ctx context.Context) {
	var backoff time.Duration
	for ctx.Err() == nil {
		wait := time.Minute
		next, err := s.flushAlbums(ctx, s.set.Now())
		switch {
		case err != nil:
			if ctx.Err() != nil || errors.Is(err, tip.ErrCorrupt) {
				return
			}
			backoff = min(max(2*backoff, time.Second), time.Minute)
			wait = backoff
			s.log.Error("album flush failed; will retry", "err", err, "retry_in", wait)
		case !next.IsZero():
			backoff = 0
			wait = max(next.Sub(s.set.Now()), time.Millisecond)
		default:
			backoff = 0
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
		case <-s.albums:
		case <-t.C:
		}
		t.Stop()
	}
}
