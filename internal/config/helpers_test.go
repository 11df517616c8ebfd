package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testToken has the shape of a BotFather token.
const testToken = "123456789:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQr"

// getenv returns a getenv function reading m.
func getenv(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// minimalEnv returns the required settings plus a database in a temp dir,
// overridden by extra (an empty value deletes a key).
func minimalEnv(tb testing.TB, extra map[string]string) map[string]string {
	tb.Helper()
	m := map[string]string{
		"TIPRELAY_BOT_TOKEN":     testToken,
		"TIPRELAY_RELAY_CHAT_ID": "-1001234567890",
		"TIPRELAY_DB_PATH":       filepath.Join(tb.TempDir(), "data", "tiprelay.db"),
	}
	for k, v := range extra {
		if v == "" {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	return m
}

// MustLoad calls Load and fails the test on an error.
func MustLoad(tb testing.TB, args []string, env map[string]string) Config {
	tb.Helper()
	c, err := Load(args, getenv(env))
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return c
}

// MustWriteFile writes content to name in a temp dir and returns the path.
func MustWriteFile(tb testing.TB, name, content string) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// MustErrors calls Load, requires Errors and returns its lines.
func MustErrors(tb testing.TB, args []string, env map[string]string) []string {
	tb.Helper()
	_, err := Load(args, getenv(env))
	var errs Errors
	if !errors.As(err, &errs) {
		tb.Fatalf("Load error = %v (%T), want config.Errors", err, err)
	}
	return strings.Split(err.Error(), "\n")
}
