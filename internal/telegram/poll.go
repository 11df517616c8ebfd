package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Sink is where polled updates go (intake.Service implements it).
type Sink interface {
	// Offset returns the offset of the next getUpdates call: every update
	// before it is stored.
	Offset(ctx context.Context) (int64, error)
	// Ingest stores the updates fetched with offset and the offset that
	// confirms them, and returns once they are committed.
	Ingest(ctx context.Context, raws []json.RawMessage, offset int64) error
	// WebhookRemoved records that a webhook left on the bot token, at
	// url with pending updates waiting, was removed so that polling works.
	WebhookRemoved(ctx context.Context, url string, pending int) error
}

// PollOptions configure Poll.
type PollOptions struct {
	Log *slog.Logger
	// Now is the clock of the rate-limited log lines (default time.Now).
	Now func() time.Time
}

// Poll owns the update stream in long-polling mode until ctx is done: it
// removes a webhook left on the token, then fetches batches with
// getUpdates and hands each to sink.Ingest. Because the offset sent to
// Telegram is read back from the sink, Telegram confirms an update only
// after it is stored, and a crash at any point loses nothing.
//
// Every failure, of Telegram or of the sink, backs off from 100 ms to
// 30 s; the delay resets only after a whole round (fetch and store)
// succeeded, so a full disk retries slowly instead of after every good
// fetch. A damaged database (tip.ErrCorrupt from the sink) is not retried:
// Poll returns the error at once and never calls getUpdates again, so
// Telegram keeps the updates it sent since the last stored offset (for 24
// hours) for the repaired database. A rejected token returns
// ErrUnauthorized. Poll returns nil on cancellation.
func (c *Client) Poll(ctx context.Context, sink Sink, opt PollOptions) error {
	log, now := opt.Log, opt.Now
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if now == nil {
		now = time.Now
	}
	p := &polling{c: c, sink: sink, log: log, now: now}
	p.removeWebhook(ctx)
	return p.run(ctx)
}

// polling is the state of one Poll.
type polling struct {
	c         *Client
	sink      Sink
	log       *slog.Logger
	now       func() time.Time
	backoff   time.Duration
	conflicts rateLimitedLog
}

func (p *polling) run(ctx context.Context) error {
	for ctx.Err() == nil {
		err := p.round(ctx)
		switch {
		case ctx.Err() != nil:
			return nil
		case err == nil:
			p.backoff = 0
			continue
		case errors.Is(err, tip.ErrCorrupt), errors.Is(err, ErrUnauthorized):
			return err
		}
		var wait retryAfter
		errors.As(err, &wait)
		p.backoff = nextBackoff(p.backoff)
		if !sleep(ctx, max(time.Duration(wait), p.backoff)) {
			return nil
		}
	}
	return nil
}

// retryAfter is an error telling Poll how long Telegram asked it to wait.
type retryAfter time.Duration

func (r retryAfter) Error() string { return fmt.Sprintf("retry after %v", time.Duration(r)) }

// round reads the offset, fetches one batch and stores it. It returns nil
// when the round succeeded (also for an empty batch), and logs what went
// wrong otherwise.
func (p *polling) round(ctx context.Context) error {
	offset, err := p.sink.Offset(ctx)
	if err != nil {
		if ctx.Err() == nil && !errors.Is(err, tip.ErrCorrupt) {
			p.log.Error("read update offset failed; will retry", "err", err, "retry_in", nextBackoff(p.backoff))
		}
		return fmt.Errorf("read update offset: %w", err)
	}
	raws, err := p.c.poll.fetch(ctx, offset)
	if err != nil {
		return p.fetchFailed(ctx, err)
	}
	if len(raws) == 0 {
		return nil
	}
	if err := p.sink.Ingest(ctx, raws, offset); err != nil {
		// Nothing was confirmed: Telegram sends the same updates again.
		if ctx.Err() == nil && !errors.Is(err, tip.ErrCorrupt) {
			p.log.Error("store updates failed; will retry", "err", err, "retry_in", nextBackoff(p.backoff))
		}
		return err
	}
	return nil
}

// fetchFailed sorts out a failed getUpdates: a rejected token ends
// polling, a webhook is removed, another poller is logged once a minute,
// and everything else is logged and retried.
func (p *polling) fetchFailed(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return err
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		p.log.Warn("getUpdates failed; retrying", "err", err, "retry_in", nextBackoff(p.backoff))
		return err
	}
	switch apiErr.Code {
	case http.StatusUnauthorized, http.StatusNotFound:
		return ErrUnauthorized
	case http.StatusConflict:
		if webhookConflict(apiErr) {
			// A webhook set since start (or one start could not
			// remove): remove it and poll again at once.
			if p.removeWebhook(ctx) {
				return nil
			}
			return err
		}
		// Another poller: it lasts as long as the other side runs, so
		// one line a minute tells enough.
		if n, ok := p.conflicts.hit(p.now()); ok {
			p.log.Error("another process is polling with this bot token; only one bot may run per token",
				"err", err, "conflicts", n, "next_report_after", time.Minute)
		}
	}
	return fmt.Errorf("%w: %w", err, retryAfter(apiErr.RetryAfter))
}

// removeWebhook removes a webhook left on the bot's token (see
// Client.RemoveWebhook), logs what was removed and reports it to the sink.
// A failure is logged and left to the next 409. It reports whether a
// webhook was removed.
func (p *polling) removeWebhook(ctx context.Context) bool {
	hook, err := p.c.RemoveWebhook(ctx)
	if err != nil {
		if ctx.Err() == nil {
			p.log.Warn("could not check for a leftover webhook", "err", err)
		}
		return false
	}
	if hook == nil {
		return false
	}
	p.log.Warn("removed a webhook left on the bot token; updates now come by polling",
		"webhook_url", hook.URL, "pending_updates", hook.PendingUpdates, "webhook_last_error", hook.LastErrorMessage)
	if err := p.sink.WebhookRemoved(ctx, hook.URL, hook.PendingUpdates); err != nil {
		p.log.Error("record the removed webhook", "err", err)
	}
	return true
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

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
