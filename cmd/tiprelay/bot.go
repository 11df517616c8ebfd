package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/tiprelay/tiprelay/internal/config"
	"github.com/tiprelay/tiprelay/internal/relay"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram"
	"github.com/tiprelay/tiprelay/internal/text"
)

// runBot runs the bot until ctx is done: the update loop and the relay
// worker over one SQLite database. On cancellation it stops polling, gives
// sends in flight cfg.ShutdownTimeout to finish, closes the database and
// returns nil.
func runBot(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	log.Info("starting tiprelay", "version", version, "config", cfg)
	db, err := sqlite.Open(ctx, cfg.DBPath)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer func() {
		if err := db.Close(); err != nil {
			log.Error("close database", "err", err)
		}
	}()
	client, err := telegram.NewClient(telegram.ClientConfig{
		Token: cfg.BotToken, APIURL: cfg.APIURL, PollTimeout: cfg.PollTimeout,
		Log: log.With("component", "telegram"),
	})
	if err != nil {
		return err
	}
	st := stores(db)
	texts := text.For(text.Lang(cfg.Lang))
	worker := relay.New(st.Outbox, client.Sender(), log.With("component", "relay"), relay.Options{
		Limits: relay.Limits{
			Group:   relay.Limit{N: cfg.GroupRate.N, Per: cfg.GroupRate.Per},
			Private: relay.Limit{N: cfg.ChatRate.N, Per: cfg.ChatRate.Per},
			Global:  relay.Limit{N: cfg.GlobalRate.N, Per: cfg.GlobalRate.Per},
		},
		Coalesce: cfg.Coalesce,
		Texts:    texts,
		Admins:   cfg.AdminIDs,
		Grace:    cfg.ShutdownTimeout,
	})
	svc := telegram.NewService(client, st, telegram.Settings{
		Relay:       cfg.RelayChat,
		StaffIDs:    cfg.StaffIDs,
		AdminIDs:    cfg.AdminIDs,
		Location:    cfg.Timezone,
		Texts:       texts,
		AlbumWindow: cfg.AlbumWindow,
	}, log.With("component", "intake"), worker.Notify)

	// The worker starts before Telegram is known to be reachable: tips
	// stored before a restart are delivered as soon as it answers.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workerDone := make(chan error, 1)
	go func() { workerDone <- worker.Run(ctx) }()

	err = svc.Start(ctx)
	if err == nil {
		err = svc.Run(ctx)
	}
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	cancel()
	start := time.Now()
	if werr := <-workerDone; werr != nil && err == nil {
		err = werr
	}
	if err != nil {
		log.Error("tiprelay stopped", "err", err)
		return err
	}
	log.Info("tiprelay stopped", "shutdown", time.Since(start).Round(time.Millisecond))
	return nil
}

// stores builds the service's stores on db, with InTx running work in one
// transaction on stores bound to it.
func stores(db *sqlite.DB) telegram.Stores {
	st := telegram.Stores{
		Updates: sqlite.NewUpdateStore(db),
		Tips:    sqlite.NewTipStore(db),
		Albums:  sqlite.NewAlbumStore(db),
		Outbox:  sqlite.NewOutboxStore(db),
		Staff:   sqlite.NewStaffStore(db),
		Audit:   sqlite.NewAuditLog(db),
	}
	st = faultInject(st)
	st.InTx = func(ctx context.Context, fn func(telegram.Stores, func(func() error) error) error) error {
		return db.Update(ctx, func(tx *sqlite.DB) error {
			return fn(stores(tx), func(f func() error) error { return tx.Savepoint(ctx, f) })
		})
	}
	return st
}
