package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tiprelay/tiprelay/internal/sqlite"
)

// TestDigestOffline: printing a digest reads the database only. It needs
// no bot token, and a missing database is an error naming the setting,
// not an empty database created and reported on.
func TestDigestOffline(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "data", "tiprelay.db")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"digest"}, envFromList([]string{"TIPRELAY_DB_PATH=" + missing}), &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "no database at") || !strings.Contains(err.Error(), "TIPRELAY_DB_PATH") {
		t.Errorf("missing database: got %v, want an error naming TIPRELAY_DB_PATH", err)
	}
	if _, err := os.Stat(filepath.Dir(missing)); !os.IsNotExist(err) {
		t.Errorf("printing a digest created %s (%v)", filepath.Dir(missing), err)
	}

	// A database the bot made: printed without a token.
	existing := filepath.Join(dir, "bot.db")
	db, err := sqlite.Open(context.Background(), existing)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	stdout.Reset()
	if err := run(context.Background(), []string{"digest"}, envFromList([]string{"TIPRELAY_DB_PATH=" + existing}), &stdout, &stderr); err != nil {
		t.Fatalf("digest without a token: %v", err)
	}
	if !strings.Contains(stdout.String(), "Tidak ada laporan") {
		t.Errorf("got %q, want the empty digest", stdout.String())
	}
	err = run(context.Background(), []string{"digest", "--send"}, envFromList([]string{"TIPRELAY_DB_PATH=" + existing}), &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "TIPRELAY_BOT_TOKEN") {
		t.Errorf("digest --send without a token: got %v, want the token required", err)
	}
}
