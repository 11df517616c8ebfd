package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/config"
)

// TestHelpAndVersion: help lists every command once with its own flags
// and the settings under one heading; --version and --help work like the
// commands.
func TestHelpAndVersion(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"help"}, func(string) string { return "" }, &out, &out); err != nil {
		t.Fatal(err)
	}
	help := out.String()
	for _, c := range commands() {
		if strings.Count(help, "\n  "+c.name+" ") != 1 {
			t.Errorf("help lists %q %d times, want once:\n%s", c.name, strings.Count(help, "\n  "+c.name+" "), help)
		}
	}
	if !strings.Contains(help, "--since 24h") || strings.Count(help, "Settings") != 1 {
		t.Errorf("help lacks the digest's flags or repeats its settings heading:\n%s", help)
	}
	for _, args := range [][]string{{"--version"}, {"version"}} {
		out.Reset()
		if err := run(context.Background(), args, func(string) string { return "" }, &out, &out); err != nil || !strings.HasPrefix(out.String(), "tiprelay ") {
			t.Errorf("%v: got %q, %v", args, out.String(), err)
		}
	}
	out.Reset()
	if err := run(context.Background(), []string{"--help"}, func(string) string { return "" }, &out, &out); err != nil || out.String() != help {
		t.Errorf("--help: got %v and a different text", err)
	}
}

// TestLogDurationsAreReadable: durations in JSON logs read "1.5s", not
// nanoseconds.
func TestLogDurationsAreReadable(t *testing.T) {
	var out bytes.Buffer
	log, err := newLogger(&out, config.Config{LogFormat: "json", LogLevel: slog.LevelInfo})
	if err != nil {
		t.Fatal(err)
	}
	log.Info("x", "retry_in", 1500*time.Millisecond)
	var rec map[string]any
	if err := json.Unmarshal(out.Bytes(), &rec); err != nil {
		t.Fatal(err)
	}
	if got := rec["retry_in"]; got != "1.5s" {
		t.Errorf("got retry_in %v, want \"1.5s\"", got)
	}
}
