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
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
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
// and what it does.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error
}

// commands returns the sub-commands, in the order help lists them. It is a
// function so that no package state is shared.
func commands() []command {
	return []command{
		{"run", "start the bot (the default)", runRun},
		{"digest", "print the digest of the last --since (24h), or --send it to the digest chats", runDigest},
		{"version", "print the version", runVersion},
		{"help", "print this help", runHelp},
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
	fmt.Fprintln(stdout, "tiprelay", version)
	return nil
}

// runHelp prints the commands and the settings.
func runHelp(_ context.Context, _ []string, _ func(string) string, stdout, _ io.Writer) error {
	fmt.Fprintln(stdout, "Usage: tiprelay [command] [flags]")
	fmt.Fprintln(stdout)
	for _, c := range commands() {
		fmt.Fprintf(stdout, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(stdout, "\nSettings (flag, environment variable, default):")
	config.Usage(stdout)
	return nil
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
