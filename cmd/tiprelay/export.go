package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/tiprelay/tiprelay/internal/config"
	"github.com/tiprelay/tiprelay/internal/export"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// runExport implements `tiprelay export [--since D] [--format csv|json]`:
// every tip created since D (all by default), by number, to stdout as a
// JSON array or as CSV (see package export). The tips are read and
// written one at a time, from one snapshot of the database. It reads the
// database only and needs no token.
func runExport(ctx context.Context, args []string, getenv func(string) string, stdout, _ io.Writer) error {
	fset := flag.NewFlagSet("export", flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	since := fset.String("since", "", "only tips since: a duration (36h, 7d), a date (2026-11-29) or an RFC 3339 time; empty: all")
	format := fset.String("format", "json", "json or csv")
	cfg, err := config.LoadOffline(fset, args, getenv)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, "Usage: tiprelay export [--since D] [--format json|csv] [settings flags]")
		return err
	}
	if err != nil {
		return err
	}
	if fset.NArg() > 0 {
		return usageError(fmt.Sprintf("export takes no arguments, got %q (the output goes to stdout)", fset.Args()))
	}
	f, err := export.ParseFormat(*format)
	if err != nil {
		return usageError("--format: " + err.Error())
	}
	from, err := export.ParseSince(*since, time.Now(), cfg.Timezone)
	if err != nil {
		return usageError(err.Error())
	}
	db, err := openExisting(ctx, cfg.DBPath)
	if err != nil {
		return err
	}
	defer db.Close()
	out := bufio.NewWriterSize(stdout, 64<<10)
	w := export.NewWriter(out, f, cfg.Timezone)
	err = sqlite.NewExportStore(db).EachTip(ctx, from, func(t tip.Tip) error { return w.Write(t) })
	if err == nil {
		err = w.Close()
	}
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
