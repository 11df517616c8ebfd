package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// ingestResult is what the ingest scenario measured; durations count from
// the first injection.
type ingestResult struct {
	Tips  int `json:"tips"`
	Users int `json:"users"`
	// Injected is how long the injection itself took.
	Injected time.Duration `json:"injected_ns"`
	// Stored is when getUpdates confirmed the last update, i.e. when the
	// bot had stored every raw update.
	Stored time.Duration `json:"stored_ns"`
	// Committed is when the bot's database first held tip number Tips,
	// as seen by polling it every few milliseconds.
	Committed time.Duration `json:"committed_ns"`
	// Acked is when the last of the tips 1..Tips was acknowledged.
	Acked time.Duration `json:"acked_ns"`
	// AckMessages is how many ack messages carried the acknowledgements,
	// and AcksAfterCommit how many of them were sent after the last tip
	// was committed.
	AckMessages     int   `json:"ack_messages"`
	AcksAfterCommit int   `json:"acks_after_commit"`
	PeakRSS         int64 `json:"peak_rss_bytes"`
	// CPU is the user and system time of the bot process over its life.
	CPU      time.Duration `json:"cpu_ns"`
	Warnings int           `json:"log_warnings"`
	Errors   int           `json:"log_errors"`
	// LogLines are the first warning and error lines of the bot.
	LogLines []string `json:"log_lines,omitempty"`
	// Load is what other processes on the machine used meanwhile.
	Load otherLoad `json:"other_load"`
	OK   bool      `json:"ok"`
}

// tipsPerSecond is the headline figure: tips committed and acknowledged
// per second.
func (r ingestResult) tipsPerSecond() float64 { return perSecond(r.Tips, r.Acked) }

// ingest runs the ingest scenario against the tiprelay binary.
func (b *bench) ingest(ctx context.Context) (ingestResult, error) {
	n := b.opts.tips
	res := ingestResult{Tips: n, Users: b.opts.users}
	r := newRig()
	defer r.close()
	users := staffUsers(b.opts.users)
	acks := newAckTracker(n)
	url := r.listen(acks.observe)
	dir, err := b.scratch("ingest")
	if err != nil {
		return res, err
	}
	dbPath := filepath.Join(dir, "data", "tiprelay.db")
	// The group (20/1m) falls behind at once and is relayed slowly in the
	// background. With -ingest-rates telegram, acks go out at the default
	// 1/1s per chat and 30/1s overall, batched; with off (the default) they
	// are unthrottled, as the echo bot's answers they are compared with.
	env := b.botEnv(url, dbPath, users)
	if b.opts.ingestRates == "off" {
		env = append(env, "TIPRELAY_CHAT_RATE=off", "TIPRELAY_GLOBAL_RATE=off")
	}
	if err := r.start(ctx, "tiprelay", b.bin, nil, env, dir); err != nil {
		return res, fmt.Errorf("ingest: %w", err)
	}

	// Opened now, while the bot idles, since opening checks the schema in
	// write transactions.
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return res, fmt.Errorf("ingest: %w", err)
	}
	defer db.Close()
	committed := watchTip(ctx, sqlite.NewTipStore(db), int64(n))

	msgs := tipMessages(n)
	b.progress("ingest: injecting %d tips from %d users with %d goroutines", n, len(users), b.opts.injectors)
	inj := injectAll(r.srv, users, msgs, b.opts.injectors)
	res.Injected = inj.End.Sub(inj.Start)
	last := r.srv.LastUpdateID()
	wctx, cancel := context.WithTimeout(ctx, b.opts.timeout)
	err = r.srv.WaitFor(wctx, func() bool { return r.srv.ConfirmedOffset() > last })
	cancel()
	if err != nil {
		return res, fmt.Errorf("ingest: updates not all stored after %v (%d still pending): %w%s",
			b.opts.timeout, r.srv.PendingUpdates(), err, r.child.logs())
	}
	res.Stored = time.Since(inj.Start)
	if err := await(ctx, r.child, acks.done, b.opts.timeout, acks.status); err != nil {
		return res, fmt.Errorf("ingest: %w", err)
	}
	res.Acked = acks.doneAt.Sub(inj.Start)
	if at, ok := <-committed; ok {
		res.Committed = at.Sub(inj.Start)
		res.AcksAfterCommit = acks.messagesAfter(at)
	}
	b.progress("ingest: %d tips acknowledged after %v", n, res.Acked.Round(time.Millisecond))

	if res.PeakRSS, err = r.child.peakRSS(); err != nil {
		return res, err
	}
	res.CPU, err = r.child.stop(stopTimeout)
	res.Warnings, res.Errors, res.LogLines = r.child.stderr.counts()
	acks.mu.Lock()
	res.AckMessages = acks.messages
	acks.mu.Unlock()
	if err != nil {
		return res, fmt.Errorf("ingest: %w", err)
	}
	if err := verifyTips(ctx, dbPath, inj.Sent, acks); err != nil {
		return res, fmt.Errorf("ingest: %w", err)
	}
	res.OK = true
	return res, nil
}

// watchTip polls store until tip number n exists and sends the time it
// was first seen; the channel is closed without a value if ctx ends or
// the store fails first.
func watchTip(ctx context.Context, store *sqlite.TipStore, n int64) <-chan time.Time {
	out := make(chan time.Time, 1)
	go func() {
		defer close(out)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			_, err := store.Get(ctx, n)
			if err == nil {
				out <- time.Now()
				return
			}
			if !errors.Is(err, tip.ErrNotFound) {
				return
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return out
}

// verifyTips checks in the database of a stopped bot that exactly one tip
// exists per injected message, numbered 1..len(sent), each acknowledged in
// the chat it came from.
func verifyTips(ctx context.Context, dbPath string, sent []injected, acks *ackTracker) error {
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	store := sqlite.NewTipStore(db)
	n := int64(len(sent))
	if _, err := store.Get(ctx, n); err != nil {
		return fmt.Errorf("tip #%d: %w", n, err)
	}
	if _, err := store.Get(ctx, n+1); !errors.Is(err, tip.ErrNotFound) {
		return fmt.Errorf("tip #%d: got %v, want not found: more tips than messages", n+1, err)
	}
	acks.mu.Lock()
	defer acks.mu.Unlock()
	var problems []string
	report := func(format string, args ...any) {
		if len(problems) < 5 {
			problems = append(problems, fmt.Sprintf(format, args...))
		} else if len(problems) == 5 {
			problems = append(problems, "…")
		}
	}
	owner := make([]int, n+1)
	for i, s := range sent {
		t, err := store.ByMessage(ctx, s.ChatID, s.MessageID)
		switch {
		case err != nil:
			report("message %d of chat %d: %v", s.MessageID, s.ChatID, err)
		case t.ID < 1 || t.ID > n:
			report("message %d of chat %d is tip #%d, outside 1..%d", s.MessageID, s.ChatID, t.ID, n)
		case owner[t.ID] != 0:
			report("tip #%d holds messages %d and %d", t.ID, owner[t.ID]-1, i)
		case t.ChatID != s.ChatID || acks.chatOf[t.ID] != s.ChatID:
			owner[t.ID] = i + 1
			report("tip #%d from chat %d (stored chat %d) was acknowledged in chat %d", t.ID, s.ChatID, t.ChatID, acks.chatOf[t.ID])
		default:
			owner[t.ID] = i + 1
		}
	}
	if acks.wrongChat > 0 {
		report("%d repeated acks went to another chat", acks.wrongChat)
	}
	if len(problems) > 0 {
		return fmt.Errorf("database check: %s", strings.Join(problems, "; "))
	}
	return nil
}

// perSecond returns n per d, 0 when d is not positive.
func perSecond(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}
