package config

import (
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadOffline: a command that never calls Telegram needs neither the
// token nor the relay chat, still rejects a malformed token, and creates
// nothing on disk.
func TestLoadOffline(t *testing.T) {
	tests := []struct {
		name    string
		extra   map[string]string
		wantErr string
	}{
		{"no token, no relay chat", map[string]string{"TIPRELAY_BOT_TOKEN": "", "TIPRELAY_RELAY_CHAT_ID": ""}, ""},
		{"a malformed token is still an error", map[string]string{"TIPRELAY_BOT_TOKEN": "not-a-token"}, "TIPRELAY_BOT_TOKEN"},
		{"other problems are still errors", map[string]string{"TIPRELAY_BOT_TOKEN": "", "TIPRELAY_LANG": "fr"}, "TIPRELAY_LANG"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := minimalEnv(t, tt.extra)
			fs := flag.NewFlagSet("export", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			_, err := LoadOffline(fs, nil, getenv(env))
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("got %v, want no error", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("got %v, want an error about %s", err, tt.wantErr)
			}
			if _, err := os.Stat(filepath.Dir(env["TIPRELAY_DB_PATH"])); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the database directory was created (%v); offline commands create nothing", err)
			}
		})
	}
}

// TestRejectedConfigurationCreatesNothing: a configuration with a problem
// does not leave the database directory behind.
func TestRejectedConfigurationCreatesNothing(t *testing.T) {
	env := minimalEnv(t, map[string]string{"TIPRELAY_LANG": "fr"})
	if _, err := Load(nil, getenv(env)); err == nil {
		t.Fatal("Load accepted TIPRELAY_LANG=fr")
	}
	if _, err := os.Stat(filepath.Dir(env["TIPRELAY_DB_PATH"])); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a rejected configuration created the database directory (%v)", err)
	}
}

// TestReadOnlyDatabaseIsRejected: an existing database the bot cannot
// write is one line at start, not a failure later.
func TestReadOnlyDatabaseIsRejected(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes read-only files")
	}
	env := minimalEnv(t, nil)
	path := env["TIPRELAY_DB_PATH"]
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, nil, 0o400); err != nil {
		t.Fatal(err)
	}
	_, err := Load(nil, getenv(env))
	if err == nil || !strings.Contains(err.Error(), "TIPRELAY_DB_PATH") || !strings.Contains(err.Error(), "not writable") {
		t.Errorf("got %v, want TIPRELAY_DB_PATH not writable", err)
	}
}

// TestUnreadableTokenFile: a token file the bot's user cannot read names
// the user and the fix (in a container this is a restart loop).
func TestUnreadableTokenFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file")
	}
	path := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(path, []byte(testToken), 0o000); err != nil {
		t.Fatal(err)
	}
	_, err := Load(nil, getenv(minimalEnv(t, map[string]string{"TIPRELAY_BOT_TOKEN": "", "TIPRELAY_BOT_TOKEN_FILE": path})))
	if err == nil || !strings.Contains(err.Error(), "may not read") || !strings.Contains(err.Error(), "uid") {
		t.Errorf("got %v, want the unreadable file named with the uid", err)
	}
}
