package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/tiprelay/tiprelay/internal/config"
	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/lockfile"
	"github.com/tiprelay/tiprelay/internal/relay"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// runBot runs the bot until ctx is done: the update loop, the relay worker
// and the digest scheduler over one SQLite database. On cancellation it
// stops polling, gives sends in flight cfg.ShutdownTimeout to finish,
// closes the database and returns nil.
func runBot(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	specs, err := digest.ParseSpecs(cfg.DigestCron)
	if err != nil {
		return config.Errors{&config.FieldError{Env: "TIPRELAY_DIGEST_CRON", Err: err}}
	}
	// One bot per database: a second one would poll the same updates and
	// pace its sends apart from the first. The lock comes before the
	// database is opened, so that a second bot never migrates it under the
	// first, and it is released after the database is closed.
	lock, err := acquireBotLock(ctx, botLockPath(cfg))
	if errors.Is(err, lockfile.ErrLocked) {
		return fmt.Errorf("another tiprelay bot is running on %s: %w", cfg.DBPath, err)
	}
	if err != nil {
		return err
	}
	defer lock.Release() //nolint:errcheck // the process ends next
	log.Info("starting tiprelay", "version", buildVersion(), "config", cfg)
	client, err := newClient(cfg, log)
	if err != nil {
		return err
	}
	db, err := openChecked(ctx, cfg, client, log)
	if err != nil {
		return err
	}
	defer func() {
		if err := db.Close(); err != nil && db.DamageErr() == nil {
			log.Error("close database", "err", err)
		}
	}()
	b := newBot(cfg, specs, db, client, log)
	stopHTTP, err := serveHTTP(b)
	if err != nil {
		return err
	}
	start, err := b.run(ctx)
	stopHTTP()
	if derr := db.DamageErr(); derr != nil {
		return stopDamaged(ctx, cfg, client, log, derr)
	}
	if errors.Is(err, telegram.ErrUnauthorized) {
		err = fmt.Errorf("%w: check TIPRELAY_BOT_TOKEN", err)
	}
	if err != nil {
		log.Error("tiprelay stopped", "err", err)
		return err
	}
	log.Info("tiprelay stopped", "shutdown", time.Since(start).Round(time.Millisecond))
	return nil
}

// openChecked opens the database and checks it for damage (see
// checkAtStart); a damaged one stops the bot with stopDamaged's error.
func openChecked(ctx context.Context, cfg config.Config, client *telegram.Client, log *slog.Logger) (*sqlite.DB, error) {
	db, err := sqlite.Open(ctx, cfg.DBPath)
	if errors.Is(err, tip.ErrCorrupt) {
		return nil, stopDamaged(ctx, cfg, client, log, err)
	}
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if err := checkAtStart(ctx, db, log); err != nil {
		db.Close()
		if errors.Is(err, tip.ErrCorrupt) {
			return nil, stopDamaged(ctx, cfg, client, log, err)
		}
		return nil, fmt.Errorf("check database: %w", err)
	}
	// The database is sound (or is being checked): a later damage is news.
	if err := os.Remove(damageMarker(cfg)); err != nil && !errors.Is(err, os.ErrNotExist) {
		log.Warn("could not remove the damage marker", "err", err)
	}
	return db, nil
}

// scheduledDigest composes the scheduled digests of a period: the digest
// for the digest chats and, unless cfg.RegionDigests is off, each region
// chat's digest of its region (see composeDigests). With
// cfg.DigestSkipEmpty an empty digest is left out (the run is still
// recorded by the scheduler, with every digest of the slot in one
// transaction).
func scheduledDigest(cfg config.Config, digests digestStore, texts text.Catalog) digest.Composer {
	return func(ctx context.Context, p digest.Period) ([]tip.OutboxMessage, int, error) {
		return composeDigests(ctx, cfg, digests, texts, p, cfg.DigestSkipEmpty)
	}
}

// botLockPath is the file a running bot keeps locked, next to its
// database.
func botLockPath(cfg config.Config) string { return cfg.DBPath + ".lock" }

// acquireBotLock takes the bot's lock. `tiprelay digest --send` tests the
// lock by taking it shared for an instant, so a refusal is retried for a
// second before it counts as another bot.
func acquireBotLock(ctx context.Context, path string) (*lockfile.Lock, error) {
	deadline := time.Now().Add(time.Second)
	for {
		lock, err := lockfile.Acquire(path)
		if !errors.Is(err, lockfile.ErrLocked) || time.Now().After(deadline) {
			return lock, err
		}
		select {
		case <-ctx.Done():
			return nil, err
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// newClient connects to the configured Bot API server.
func newClient(cfg config.Config, log *slog.Logger) (*telegram.Client, error) {
	return telegram.NewClient(telegram.ClientConfig{
		Token: cfg.BotToken, APIURL: cfg.APIURL, PollTimeout: cfg.PollTimeout,
		Log: log.With("component", "telegram"),
	})
}

// workerOptions turns the configuration into relay worker options.
func workerOptions(cfg config.Config, texts text.Catalog) relay.Options {
	return relay.Options{
		Limits: relay.Limits{
			Group:   relay.Limit{N: cfg.GroupRate.N, Per: cfg.GroupRate.Per},
			Private: relay.Limit{N: cfg.ChatRate.N, Per: cfg.ChatRate.Per},
			Global:  relay.Limit{N: cfg.GlobalRate.N, Per: cfg.GlobalRate.Per},
		},
		Coalesce: cfg.Coalesce,
		Texts:    texts,
		// Quiet hours (22:00-06:00) are local time.
		Location: cfg.Timezone,
		Admins:   cfg.AdminIDs,
		Grace:    cfg.ShutdownTimeout,
		// One bot per database: a restarted bot owns what its killed
		// predecessor leased.
		Owner: "bot",
	}
}
