package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"log/slog"
	"os"
	"regexp"
	"slices"
	"time"

	"github.com/tiprelay/tiprelay/internal/config"
	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/lockfile"
	"github.com/tiprelay/tiprelay/internal/relay"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// runDigest implements `tiprelay digest [--since 24h] [--send]`: it prints
// the digest of the last --since, or with --send queues it for the digest
// chats, and the region digests for the region chats (unless
// TIPRELAY_REGION_DIGESTS is off), and delivers them, returning once
// Telegram accepted every message.
// When a bot runs on the same database, the bot delivers the queued
// messages, so that its pacing covers them; otherwise the command sends
// them itself. Rows are leased before sending, so even a bot starting
// meanwhile never sends a message twice.
func runDigest(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("digest", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	since := fs.Duration("since", 24*time.Hour, "length of the period ending now")
	send := fs.Bool("send", false, "send to the digest chats instead of printing")
	timeout := fs.Duration("timeout", 5*time.Minute, "longest wait for delivery with --send")
	// Printing reads the database only: it needs no token.
	cfg, err := config.LoadOffline(fs, args, getenv)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, "Usage: tiprelay digest [--since 24h] [--send] [--timeout 5m] [settings flags]")
		return err
	}
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError(fmt.Sprintf("digest takes no arguments, got %q", fs.Args()))
	}
	if *since <= 0 {
		return usageError("--since must be positive")
	}
	if *send {
		if err := cfg.CheckOnline(); err != nil {
			return err
		}
	}
	log, err := newLogger(stderr, cfg)
	if err != nil {
		return err
	}
	db, err := openExisting(ctx, cfg.DBPath)
	if err != nil {
		return err
	}
	defer db.Close()
	texts := text.For(text.Lang(cfg.Lang))
	store, period := sqlite.NewDigestStore(db), digest.Last(time.Now(), *since)
	if *send {
		msgs, _, err := composeDigests(ctx, cfg, store, texts, period, false)
		if err != nil {
			return err
		}
		return sendDigest(ctx, cfg, db, texts, msgs, *timeout, log)
	}
	d, err := digestLayout(cfg).Build(ctx, store, period, cfg.Timezone)
	if err != nil {
		return fmt.Errorf("build digest: %w", err)
	}
	for _, m := range digest.Render(d, texts) {
		fmt.Fprintln(stdout, plainText(m))
		fmt.Fprintln(stdout)
	}
	return nil
}

// digestStore reads what the digests and the region digests summarise.
type digestStore interface {
	digest.Store
	digest.RegionStore
}

var _ digestStore = (*sqlite.DigestStore)(nil)

// composeDigests builds the outbox rows of the digests of p: the digest of
// every tip for cfg.DigestChats, then, unless cfg.RegionDigests is off,
// the digest of each region that has a chat (cfg.Regions, in gazetteer
// order) for that chat. With skipEmpty a digest without tips is left out.
// It returns the number of tips of the whole digest.
func composeDigests(ctx context.Context, cfg config.Config, store digestStore, texts text.Catalog, p digest.Period, skipEmpty bool) ([]tip.OutboxMessage, int, error) {
	layout := digestLayout(cfg)
	d, err := layout.Build(ctx, store, p, cfg.Timezone)
	if err != nil {
		return nil, 0, fmt.Errorf("build digest: %w", err)
	}
	var msgs []tip.OutboxMessage
	if !d.Empty() || !skipEmpty {
		msgs = digest.Messages(d, texts, cfg.DigestChats, true)
	}
	if !cfg.RegionDigests {
		return msgs, d.Total, nil
	}
	for _, key := range regionChatKeys(cfg) {
		chat := cfg.Regions[key]
		rd, err := layout.BuildRegion(ctx, store, layout.Region(key), chat, p, cfg.Timezone)
		if err != nil {
			return nil, 0, fmt.Errorf("build region digest: %w", err)
		}
		if !rd.Empty() || !skipEmpty {
			msgs = append(msgs, digest.Messages(rd, texts, []tip.Target{chat}, true)...)
		}
	}
	return msgs, d.Total, nil
}

// digestLayout orders and names the digests' regions as the gazetteer
// does and their categories as cfg.Categories.
func digestLayout(cfg config.Config) digest.Layout {
	l := digest.Layout{Categories: cfg.Categories}
	if g := cfg.Gazetteer; g != nil {
		for _, k := range g.Keys() {
			r, _ := g.Region(k)
			l.Regions = append(l.Regions, digest.Region{Key: k, Name: r.Short, Unit: r.Unit})
		}
	}
	return l
}

// regionChatKeys returns the regions that have a chat: in gazetteer
// order, then any others by key.
func regionChatKeys(cfg config.Config) []tip.RegionKey {
	var keys []tip.RegionKey
	if g := cfg.Gazetteer; g != nil {
		for _, k := range g.Keys() {
			if _, ok := cfg.Regions[k]; ok {
				keys = append(keys, k)
			}
		}
	}
	var rest []tip.RegionKey
	for k := range cfg.Regions {
		if !slices.Contains(keys, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(keys, rest...)
}

// sendDigest queues msgs and waits until all of them were delivered, one
// failed, or timeout passed. A running bot delivers them (it looks for rows
// written by other processes every few seconds); without one, or if the bot
// stops meanwhile, sendDigest runs a relay worker of its own.
func sendDigest(ctx context.Context, cfg config.Config, db *sqlite.DB, texts text.Catalog, msgs []tip.OutboxMessage, timeout time.Duration, log *slog.Logger) error {
	d := &digestSend{cfg: cfg, texts: texts, log: log, outbox: sqlite.NewOutboxStore(db)}
	run := make([]byte, 6)
	rand.Read(run)
	d.keys = make([]string, len(msgs))
	for i := range msgs {
		d.keys[i] = fmt.Sprintf("digest:cli:%s:%d", hex.EncodeToString(run), i)
		msgs[i].DedupeKey = d.keys[i]
	}
	if err := d.outbox.Enqueue(ctx, msgs...); err != nil {
		return fmt.Errorf("queue digest: %w", err)
	}
	// The deadline ends the wait (and the worker); the checks below use
	// the parent context, so that the deadline is reported as such.
	wctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	defer d.stop()
	if err := d.sendIfNoBot(wctx); err != nil {
		return fmt.Errorf("start sending: %w", err)
	}
	if d.worker == nil {
		d.handedOver = true
		log.Info("a bot is running on this database: it delivers the digest", "messages", len(msgs))
	}
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		// The bot may stop before it has delivered the digest.
		if err := d.sendIfNoBot(wctx); err != nil {
			return fmt.Errorf("start sending: %w", err)
		}
		sent, err := d.sent(ctx)
		if err != nil {
			return err
		}
		if sent == len(d.keys) {
			log.Info("digest delivered", "messages", sent)
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("digest not sent: %w", ctx.Err())
		case <-wctx.Done():
			if ctx.Err() != nil {
				return fmt.Errorf("digest not sent: %w", ctx.Err())
			}
			return fmt.Errorf("digest not delivered within %s (%d of %d messages sent); it stays queued and the bot delivers it when it runs", timeout, sent, len(d.keys))
		case <-tick.C:
		}
	}
}

// digestSend is one `digest --send`: the rows it queued, and the relay
// worker it runs when no bot delivers them.
type digestSend struct {
	cfg        config.Config
	texts      text.Catalog
	log        *slog.Logger
	outbox     *sqlite.OutboxStore
	keys       []string      // dedupe keys of the queued rows
	worker     chan struct{} // closed when the own worker stopped; nil if none runs
	cancel     context.CancelFunc
	handedOver bool // a bot was running when the rows were queued
}

// sendIfNoBot starts the command's own worker until ctx ends, unless one
// runs already or a bot runs on the database.
func (d *digestSend) sendIfNoBot(ctx context.Context) error {
	if d.worker != nil {
		return nil
	}
	botRuns, err := lockfile.Held(botLockPath(d.cfg))
	if err != nil || botRuns {
		return err
	}
	client, err := newClient(d.cfg, d.log)
	if err != nil {
		return err
	}
	opts := workerOptions(d.cfg, d.texts)
	opts.Owner = fmt.Sprintf("digest-cli-%d", os.Getpid())
	w := relay.New(d.outbox, client.Sender(), d.log.With("component", "relay"), opts)
	ctx, d.cancel = context.WithCancel(ctx)
	d.worker = make(chan struct{})
	go func(done chan struct{}) { w.Run(ctx); close(done) }(d.worker)
	if d.handedOver {
		d.log.Warn("the bot stopped before it delivered the digest; sending it from here")
	}
	return nil
}

// sent returns how many of the queued rows were delivered, or an error
// when Telegram refused one.
func (d *digestSend) sent(ctx context.Context) (int, error) {
	sent := 0
	for _, k := range d.keys {
		m, err := d.outbox.ByDedupeKey(ctx, k)
		if err != nil {
			return 0, fmt.Errorf("check digest delivery: %w", err)
		}
		switch m.Status {
		case tip.OutboxSent:
			sent++
		case tip.OutboxFailed:
			return 0, fmt.Errorf("digest message to %s refused by Telegram: %s", m.Target, m.LastError)
		}
	}
	return sent, nil
}

// stop stops the command's own worker, if it runs, and waits for it.
func (d *digestSend) stop() {
	if d.worker != nil {
		d.cancel()
		<-d.worker
	}
}

var tags = regexp.MustCompile(`<[^>]*>`)

// plainText turns a Telegram HTML message into terminal text.
func plainText(s string) string { return html.UnescapeString(tags.ReplaceAllString(s, "")) }
