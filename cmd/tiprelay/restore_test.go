package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tiprelay/tiprelay/internal/lockfile"
	"github.com/tiprelay/tiprelay/internal/sqlite"
)

// mustBackup writes a backup of a database of n tips (and, with files, a
// files store beside it) and returns its path.
func mustBackup(t *testing.T, n int, files bool) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "tiprelay.db")
	mustTipsDB(t, path, n)
	args := []string{"backup", filepath.Join(dir, "backup.db")}
	if files {
		mustFilesStore(t, filepath.Join(dir, "files"))
		args = append(args, "--with-files")
	}
	if _, err := runCmd(t, []string{"TIPRELAY_DB_PATH=" + path}, args...); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "backup.db")
}

// mustCrashedDB leaves at path the files of a bot killed with n tips in
// its WAL: the database file and its -wal, as a SIGKILL leaves them.
func mustCrashedDB(t *testing.T, path string, n int) {
	t.Helper()
	live := filepath.Join(t.TempDir(), "live.db")
	db := mustTipsDB(t, live, n)
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(live + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path+suffix, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	// The tips are in the WAL only: a restore that left the -wal behind
	// would lose them from the previous database.
	mainOnly := filepath.Join(t.TempDir(), "main.db")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mainOnly, b, 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := sql.Open("sqlite3", "file:"+mainOnly+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var tables int
	if err := c.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'tips'").Scan(&tables); err != nil || tables != 0 {
		t.Fatalf("the crashed database's file holds its tips table without its WAL (%v)", err)
	}
}

func TestRestore(t *testing.T) {
	notTiprelay := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(notTiprelay, []byte("SQLite format 3? no, a shopping list\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		backup    string
		botRuns   bool
		wantErr   string // "" for success
		wantTips  int64
		wantFiles bool
	}{
		{"a bot holds the lock", mustBackup(t, 3, false), true, "a bot is running on", 5, false},
		{"not a tiprelay file", notTiprelay, false, "not a tiprelay database", 5, false},
		{"a missing backup", filepath.Join(t.TempDir(), "none.db"), false, "no backup at", 5, false},
		{"a backup", mustBackup(t, 3, false), false, "", 3, false},
		{"a backup with files", mustBackup(t, 4, true), false, "", 4, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			path := filepath.Join(dir, "tiprelay.db")
			mustCrashedDB(t, path, 5)
			mustFilesStore(t, filepath.Join(dir, "files"))
			if tt.botRuns {
				lock, err := lockfile.Acquire(path + ".lock")
				if err != nil {
					t.Fatal(err)
				}
				defer lock.Release()
			}
			before := dirNames(t, dir)
			out, err := runCmd(t, []string{"TIPRELAY_DB_PATH=" + path}, "restore", tt.backup)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v, want an error with %q", err, tt.wantErr)
				}
				if got := dirNames(t, dir); !slices.Equal(got, before) {
					t.Errorf("directory holds %q, was %q", got, before)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if tips, _, _ := copyStats(t, path); tips != tt.wantTips {
				t.Errorf("the database holds %d tips, want %d", tips, tt.wantTips)
			}
			if tt.wantErr != "" {
				return
			}
			// The previous database is aside, whole: its WAL went with it.
			aside := onlyMatch(t, path+".before-restore-*[0-9]")
			if tips, _, _ := copyStats(t, aside); tips != 5 {
				t.Errorf("the previous database %s holds %d tips, want its 5 (with its WAL)", aside, tips)
			}
			if _, err := os.Stat(path + "-wal"); err == nil {
				if info, err := sqlite.InspectCopy(context.Background(), path, true); err != nil || info.Tips != tt.wantTips {
					t.Errorf("the restored database with the WAL beside it: %+v, %v", info, err)
				}
			}
			if !strings.HasPrefix(out, "restored "+tt.backup+" to "+path) || !strings.Contains(out, "the previous database is "+aside) {
				t.Errorf("got %q", out)
			}
			filesAside, _ := filepath.Glob(filepath.Join(dir, "files.before-restore-*"))
			if tt.wantFiles != (len(filesAside) == 1) {
				t.Errorf("files store set aside: %q, want %v", filesAside, tt.wantFiles)
			}
			if tt.wantFiles && !strings.Contains(out, "2 files to") {
				t.Errorf("got %q, want the files restored", out)
			}
			// The bot opens the restored database.
			db, err := sqlite.Open(context.Background(), path)
			if err != nil {
				t.Fatalf("open the restored database: %v", err)
			}
			db.Close()
		})
	}
}

// TestRestoreNewDatabase: on a new machine there is no database yet:
// restore creates it, with nothing set aside.
func TestRestoreNewDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "tiprelay.db")
	out, err := runCmd(t, []string{"TIPRELAY_DB_PATH=" + path}, "restore", mustBackup(t, 2, true))
	if err != nil {
		t.Fatal(err)
	}
	if tips, _, _ := copyStats(t, path); tips != 2 || strings.Contains(out, "previous") {
		t.Errorf("got %d tips and %q; want 2 and nothing set aside", tips, out)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "files", "sha256")); err != nil {
		t.Errorf("files store not restored: %v", err)
	}
}

// dirNames lists dir, without the bot's lock file (which restore, like
// the bot, leaves).
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".lock") {
			names = append(names, e.Name())
		}
	}
	return names
}

// onlyMatch returns the one file matching pattern.
func onlyMatch(t *testing.T, pattern string) string {
	t.Helper()
	m, err := filepath.Glob(pattern)
	if err != nil || len(m) != 1 {
		t.Fatalf("files matching %s: %q (%v), want one", pattern, m, err)
	}
	return m[0]
}
