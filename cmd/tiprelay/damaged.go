package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/tiprelay/tiprelay/internal/config"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// syncCheckLimit is the largest database checked before the bot starts.
// PRAGMA quick_check reads the whole file at about 200 MB/s (5 s for
// 1 GB, see BenchmarkQuickCheck), so a larger one is checked in the
// background while the bot works, and its damage stops the bot then.
const syncCheckLimit = 128 << 20

// damagedError is how the bot stops on a damaged database: its text is the
// one line the operator reads (main prints it and exits 1).
type damagedError struct{ err error }

func (e damagedError) Error() string {
	cause := e.err
	var ce *sqlite.CorruptError
	if errors.As(e.err, &ce) {
		cause = ce // drop the call path: the damage is what matters
	}
	return fmt.Sprintf("%v: restore a backup or run sqlite3 .recover; see README \"When the database is damaged\"", cause)
}

func (e damagedError) Unwrap() error { return e.err }

// checkAtStart runs PRAGMA quick_check on db: at once when the file is up
// to syncCheckLimit, returning the damage it finds; otherwise in the
// background, where damage fires db.Damaged() (runBot's watch stops the
// bot). It returns other errors of the check only when it ran at once.
func checkAtStart(ctx context.Context, db *sqlite.DB, log *slog.Logger) error {
	size, err := db.Size(ctx)
	if err != nil {
		return err
	}
	check := func() error {
		start := time.Now()
		err := db.QuickCheck(ctx)
		if err == nil {
			log.Info("database check passed", "size_mb", size>>20, "took", time.Since(start).Round(time.Millisecond).String())
		}
		return err
	}
	if size <= syncCheckLimit {
		return check()
	}
	log.Info("checking the database in the background", "size_mb", size>>20)
	go func() {
		if err := check(); err != nil && !errors.Is(err, tip.ErrCorrupt) && ctx.Err() == nil {
			log.Warn("database check could not run", "err", err)
		}
	}()
	return nil
}

// realertAfter is how long a supervisor may restart the bot on the same
// damaged database before the admins are told again.
const realertAfter = 6 * time.Hour

// damageMarker is the file beside the database that records when the
// admins were told of its damage. A supervisor restarts the bot, which
// refuses the file again: the marker keeps that loop from messaging the
// admins at every restart. A start that finds the database sound removes
// it.
func damageMarker(cfg config.Config) string { return cfg.DBPath + ".damaged" }

// toldRecently reports whether the marker says the admins were told less
// than realertAfter ago.
func toldRecently(cfg config.Config, now time.Time) bool {
	fi, err := os.Stat(damageMarker(cfg))
	return err == nil && now.Sub(fi.ModTime()) < realertAfter
}

// stopDamaged tells the admins directly (not through the outbox, which is
// in the damaged file) that the database at cfg.DBPath is damaged and what
// to do, within 10 seconds, unless they were told within realertAfter, and
// returns the error the bot stops with.
func stopDamaged(ctx context.Context, cfg config.Config, client *telegram.Client, log *slog.Logger, err error) error {
	if toldRecently(cfg, time.Now()) {
		log.Info("the admins were already told that the database is damaged", "marker", damageMarker(cfg))
	} else if len(cfg.AdminIDs) > 0 {
		reason := err.Error()
		var ce *sqlite.CorruptError
		if errors.As(err, &ce) {
			reason = ce.Err.Error()
		}
		msg := text.For(text.Lang(cfg.Lang)).DatabaseDamaged(cfg.DBPath, reason)
		if aerr := client.AlertAdmins(context.WithoutCancel(ctx), cfg.AdminIDs, msg); aerr != nil {
			log.Warn("could not tell the admins that the database is damaged", "err", aerr)
		} else if werr := os.WriteFile(damageMarker(cfg), []byte(reason+"\n"), 0o600); werr != nil {
			log.Warn("could not write the damage marker", "err", werr)
		}
	}
	return damagedError{err}
}
