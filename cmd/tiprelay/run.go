package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/tiprelay/tiprelay/internal/config"
)

// run executes one tiprelay command with explicit inputs, so tests can
// drive the whole program in-process.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	name := "run"
	switch {
	case len(args) > 0 && (args[0] == "--version" || args[0] == "-version"):
		name, args = "version", args[1:]
	case len(args) > 0 && (args[0] == "--help" || args[0] == "-help" || args[0] == "-h"):
		name, args = "help", args[1:]
	case len(args) > 0 && !strings.HasPrefix(args[0], "-"):
		name, args = args[0], args[1:]
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, args, getenv, stdout, stderr)
		}
	}
	return usageError(fmt.Sprintf("unknown command %q (want %s)", name, commandNames()))
}

// command is one sub-command: its name, the line `tiprelay help` shows,
// its own flags (besides the settings' flags, which every command that
// reads the configuration takes), and what it does.
type command struct {
	name    string
	summary string
	flags   string
	run     func(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error
}

// commands returns the sub-commands, in the order help lists them. It is a
// function so that no package state is shared.
func commands() []command {
	return []command{
		{"run", "start the bot (the default)", "", runRun},
		{"sandbox", "try the bot in a browser: the real bot on a built-in Telegram emulator with a demo world; no token, no network",
			"--listen 127.0.0.1:8080 (address of the web page)", runSandbox},
		{"digest", "print the digest of the last --since, or --send it to the digest chats (and region chats)",
			"--since 24h  --send  --timeout 5m (longest wait for delivery with --send)", runDigest},
		{"export", "print the tips to stdout as a JSON array or as CSV, with duplicate_of, reports, OCR text and file hashes (reads the database)",
			"--since D  --until T (36h, 7d, 2026-11-29; default all)  --format json|csv  --query Q (as /cari)", runExport},
		{"backup", "tiprelay backup FILE: write a consistent copy of the database, also while the bot runs",
			"--with-files (also the files store, to FILE.files/)  --force (replace FILE)", runBackup},
		{"restore", "tiprelay restore FILE: put a backup in place of the database (refused while a bot runs)",
			"", runRestore},
		{"health", "ask the running bot's GET /healthz on TIPRELAY_HTTP_LISTEN and print it; exit 0 when healthy, 1 otherwise (Docker's HEALTHCHECK)",
			"--timeout 5s", runHealth},
		{"version", "print the version (also --version)", "", runVersion},
		{"help", "print this help (also --help)", "", runHelp},
	}
}

// commandNames lists the commands for an error message.
func commandNames() string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return strings.Join(names, ", ")
}

// runRun starts the bot.
func runRun(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := config.Load(args, getenv)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, "Usage: tiprelay [run] [flags]\n\nSettings (flag, environment variable, default):")
		config.Usage(stdout)
		return err
	}
	if err != nil {
		return err
	}
	log, err := newLogger(stderr, cfg)
	if err != nil {
		return err
	}
	return runBot(ctx, cfg, log)
}

// runVersion prints the version.
func runVersion(_ context.Context, _ []string, _ func(string) string, stdout, _ io.Writer) error {
	fmt.Fprintln(stdout, "tiprelay", buildVersion())
	return nil
}

// runHelp prints the commands with their own flags, then the settings.
func runHelp(_ context.Context, _ []string, _ func(string) string, stdout, _ io.Writer) error {
	fmt.Fprintln(stdout, "Usage: tiprelay [command] [flags]")
	fmt.Fprintln(stdout, "\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(stdout, "  %-8s %s\n", c.name, c.summary)
		if c.flags != "" {
			fmt.Fprintf(stdout, "  %-8s flags: %s\n", "", c.flags)
		}
	}
	fmt.Fprintln(stdout)
	config.Usage(stdout)
	return nil
}

// readableDurations writes durations as Go prints them ("1.5s"), not as
// raw nanoseconds, which the JSON handler would.
func readableDurations(_ []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() == slog.KindDuration {
		return slog.String(a.Key, a.Value.Duration().String())
	}
	return a
}

// newLogger builds the process logger from the configured level and format.
func newLogger(w io.Writer, cfg config.Config) (*slog.Logger, error) {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel, ReplaceAttr: readableDurations}
	switch cfg.LogFormat {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json", "":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("unknown log format %q", cfg.LogFormat)
}
