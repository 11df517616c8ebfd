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
	cmd := "run"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "run":
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
	case "digest":
		return runDigest(ctx, args, getenv, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "tiprelay", version)
		return nil
	case "help":
		fmt.Fprintln(stdout, "Usage: tiprelay [run|digest|version] [flags]\n\n  run      start the bot (the default)\n  digest   print the digest of the last --since (24h), or --send it to the digest chats\n  version  print the version\n\nSettings (flag, environment variable, default):")
		config.Usage(stdout)
		return nil
	default:
		return usageError(fmt.Sprintf("unknown command %q (want run, digest, version or help)", cmd))
	}
}

// newLogger builds the process logger from the configured level and format.
func newLogger(w io.Writer, cfg config.Config) (*slog.Logger, error) {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	switch cfg.LogFormat {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json", "":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("unknown log format %q", cfg.LogFormat)
}
