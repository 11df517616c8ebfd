package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/config"
	"github.com/tiprelay/tiprelay/internal/export"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// exportUsage is the help of `tiprelay export --help`.
const exportUsage = `Usage: tiprelay export [--since D] [--until T] [--format json|csv] [--query Q] [settings flags]

Prints the tips to stdout, by number, as a JSON array or as CSV (UTF-8 with
a byte order mark and CRLF line ends: Excel opens it), with their triage,
police status, duplicate_of (the tip a repeat repeats), reports (an
original's report count), ocr_text (the text read from its screenshots)
and files (each attachment's kind, file_unique_id, SHA-256, size, MIME type
and download status).

  --since D    only tips that came at or after D: a duration back from now
               (36h, 90m, 7d), a date (2026-11-29: its midnight) or an
               RFC 3339 time (2026-11-29T08:00:00+08:00); default: all
  --until T    only tips that came before T, same forms; a date counts to
               the end of that day (--since 2026-11-29 --until 2026-11-29
               is that one day); default: no end
  --format F   json (default) or csv
  --query Q    only tips matching every word of Q, as /cari finds them
               (text, captions, links, origins, text read from
               screenshots; "a quoted phrase" matches exactly)

It reads the database and needs no token; --query first brings the search
index up to date, as /cari does.`

// runExport implements `tiprelay export [--since D] [--until T]
// [--format csv|json] [--query Q]`: the tips created in [D, T) (all by
// default) and matching Q (see tip.ParseSearch), by number, to stdout as
// a JSON array or as CSV (see package export). The tips are read and
// written one at a time, from one snapshot of the database. It reads the
// database only (a query first brings the search index up to date) and
// needs no token.
func runExport(ctx context.Context, args []string, getenv func(string) string, stdout, _ io.Writer) error {
	fset := flag.NewFlagSet("export", flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	since := fset.String("since", "", "only tips since: a duration (36h, 7d), a date (2026-11-29) or an RFC 3339 time; empty: all")
	until := fset.String("until", "", "only tips before: a duration (36h, 7d), a date (2026-11-29, up to its end) or an RFC 3339 time; empty: no end")
	format := fset.String("format", "json", "json or csv")
	query := fset.String("query", "", "only tips matching these search words, as /cari finds them")
	cfg, err := config.LoadOffline(fset, args, getenv)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, exportUsage)
		return err
	}
	if err != nil {
		return err
	}
	if fset.NArg() > 0 {
		return usageError(fmt.Sprintf("export takes no arguments, got %q (the output goes to stdout; quote a --query of several words)", fset.Args()))
	}
	f, err := export.ParseFormat(*format)
	if err != nil {
		return usageError("--format: " + err.Error())
	}
	now := time.Now()
	var filter tip.ExportFilter
	if filter.Since, err = export.ParseSince(*since, now, cfg.Timezone); err != nil {
		return usageError(err.Error())
	}
	if filter.Until, err = export.ParseUntil(*until, now, cfg.Timezone); err != nil {
		return usageError(err.Error())
	}
	if !filter.Since.IsZero() && !filter.Until.IsZero() && !filter.Since.Before(filter.Until) {
		return usageError(fmt.Sprintf("--until (%s) must be after --since (%s)",
			filter.Until.In(cfg.Timezone).Format(time.RFC3339), filter.Since.In(cfg.Timezone).Format(time.RFC3339)))
	}
	if strings.TrimSpace(*query) != "" {
		if filter.Terms = tip.ParseSearch(*query); len(filter.Terms) == 0 {
			return usageError(fmt.Sprintf("--query %q: no word to search for (letters or digits)", *query))
		}
	}
	db, err := openExisting(ctx, cfg.DBPath)
	if err != nil {
		return err
	}
	defer db.Close()
	out := bufio.NewWriterSize(stdout, 64<<10)
	w := export.NewWriter(out, f, cfg.Timezone)
	err = sqlite.NewExportStore(db).EachTip(ctx, filter, w.Write)
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
