package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// The backup, restore and export commands are driven through run with only
// TIPRELAY_DB_PATH (and TIPRELAY_FILES_DIR) set: none of them needs a token.

// mustTipsDB creates a database at path holding n tips, each with a relay
// row, and returns it open (closed when the test ends).
func mustTipsDB(t *testing.T, path string, n int) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for i := 1; i <= n; i++ {
		mustCreateTip(t, db, int64(i))
	}
	return db
}

// mustCreateTip stores a text tip for message id m with one relay row.
func mustCreateTip(t testing.TB, db *sqlite.DB, m int64) tip.Tip {
	t.Helper()
	stored, _, err := sqlite.NewTipStore(db).Create(context.Background(), textTip(m), relayRow)
	if err != nil {
		t.Fatal(err)
	}
	return stored
}

// textTip is a staff member's text tip, message m.
func textTip(m int64) tip.Tip {
	return tip.Tip{
		UpdateID: 1000 + m, Reporter: tip.Person{ID: 5123456789, FirstName: "Rina", Username: "rina"},
		ChatID: 5123456789, MessageIDs: []int64{m}, Text: "laporan nomor " + strconv.FormatInt(m, 10),
		Triage: tip.Triage{Priority: tip.PriorityNormal},
	}
}

// relayRow is the one relay row each test tip owes, in its transaction.
func relayRow(t tip.Tip) []tip.OutboxMessage {
	return []tip.OutboxMessage{{TipID: t.ID, Purpose: tip.PurposeRelay, Target: tip.Target{ChatID: -100}, Kind: tip.SendText, Text: t.Text}}
}

// runCmd runs tiprelay with args and env and returns stdout and the error.
func runCmd(t *testing.T, env []string, args ...string) (string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), args, envFromList(env), &stdout, &stderr)
	return stdout.String(), err
}

// copyStats returns the tips of the database file path, and how many
// tips lack their relay row (a copy torn between transactions).
func copyStats(t *testing.T, path string) (tips, lastTip, torn int64) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.QueryRow(`SELECT count(*), coalesce(max(id), 0),
		(SELECT count(*) FROM tips t WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.tip_id = t.id))
		FROM tips`).Scan(&tips, &lastTip, &torn)
	if err != nil {
		t.Fatal(err)
	}
	return tips, lastTip, torn
}

// TestBackupWhileWriting: `tiprelay backup FILE` while another connection
// pool (the bot) commits tips without pause: the copy passes
// integrity_check, holds every tip committed before the command began,
// and no transaction in part.
func TestBackupWhileWriting(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "data", "tiprelay.db")
	mustTipsDB(t, path, 0)
	holdSnapshot(t, path)
	bot, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer bot.Close()
	ctx, cancel := context.WithCancel(context.Background())
	committed := make(chan int64, 1)
	writerDone := make(chan error, 1)
	go func() {
		for m := int64(1000); ; m++ {
			stored, _, err := sqlite.NewTipStore(bot).Create(ctx, textTip(m), relayRow)
			if err != nil {
				writerDone <- err
				return
			}
			select {
			case <-committed: // keep only the latest
			default:
			}
			committed <- stored.ID
			if ctx.Err() != nil {
				writerDone <- nil
				return
			}
		}
	}()
	var before int64
	deadline := time.After(30 * time.Second)
	for before < 300 {
		select {
		case before = <-committed: // the latest tip committed before the backup began
		case err := <-writerDone:
			t.Fatalf("the writer stopped after tip #%d: %v", before, err)
		case <-deadline:
			t.Fatalf("only %d tips committed in 30 s", before)
		}
	}
	dest := filepath.Join(dir, "backup.db")
	out, err := runCmd(t, []string{"TIPRELAY_DB_PATH=" + path}, "backup", dest)
	cancel()
	if werr := <-writerDone; werr != nil && !errors.Is(werr, context.Canceled) {
		t.Errorf("writer: %v", werr)
	}
	if err != nil {
		t.Fatalf("backup: %v", err)
	}
	if _, err := sqlite.InspectCopy(context.Background(), dest, true); err != nil {
		t.Fatalf("the copy fails its check: %v", err)
	}
	tips, last, torn := copyStats(t, dest)
	if last < before || tips != last {
		t.Errorf("the copy holds %d tips up to #%d, want every tip up to at least #%d", tips, last, before)
	}
	if torn != 0 {
		t.Errorf("%d tips of the copy lack the relay row of their transaction", torn)
	}
	if !strings.Contains(out, "wrote "+dest) || !strings.Contains(out, " tips") {
		t.Errorf("got output %q, want the path, size and tips", out)
	}
}

// holdSnapshot keeps a read transaction open on the database at path
// until the test ends, as a long export would: SQLite cannot checkpoint
// the WAL past it, so every tip committed later is in the -wal file only
// and a copy of the database file alone would miss them.
func holdSnapshot(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRow("SELECT count(*) FROM tips").Scan(&n); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tx.Rollback(); db.Close() })
}

func TestBackupRefusals(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tiprelay.db")
	mustTipsDB(t, path, 2)
	existing := filepath.Join(dir, "existing.db")
	env := []string{"TIPRELAY_DB_PATH=" + path}
	tests := []struct {
		name    string
		env     []string
		args    []string
		wantErr string // "" for success
	}{
		{"an existing file", env, []string{"backup", existing}, "existing.db exists: use --force"},
		{"the database itself, even with --force", env, []string{"backup", path, "--force"}, "the database's own file"},
		{"its WAL", env, []string{"backup", "--force", path + "-wal"}, "the database's own file"},
		{"no file", env, []string{"backup"}, "takes one argument"},
		{"a missing directory", env, []string{"backup", filepath.Join(dir, "nope", "b.db")}, "does not exist"},
		{"no database", []string{"TIPRELAY_DB_PATH=" + filepath.Join(dir, "none", "x.db")}, []string{"backup", filepath.Join(dir, "b.db")}, "no database at"},
		{"an existing file with --force after it", env, []string{"backup", existing, "--force"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := os.WriteFile(existing, []byte("an older backup"), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := runCmd(t, tt.env, tt.args...)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if tips, _, _ := copyStats(t, existing); tips != 2 {
					t.Errorf("the replaced file holds %d tips, want 2", tips)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("got %v, want an error with %q", err, tt.wantErr)
			}
			if b, _ := os.ReadFile(existing); string(b) != "an older backup" {
				t.Errorf("%s was changed", existing)
			}
			if tips, _, _ := copyStats(t, path); tips != 2 {
				t.Errorf("the database now holds %d tips", tips)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "none")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("backup of a missing database created its directory (%v)", err)
	}
}

// mustFilesStore makes a files store with two evidence files.
func mustFilesStore(t *testing.T, dir string) []string {
	t.Helper()
	files := []string{
		filepath.Join("sha256", "ab", "cd", "abcd"+strings.Repeat("0", 60)),
		filepath.Join("sha256", "12", "34", "1234"+strings.Repeat("f", 60)),
	}
	for i, f := range files {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, bytes.Repeat([]byte{byte(i)}, 1000*(i+1)), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	return files
}

func TestBackupWithFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "data", "tiprelay.db")
	mustTipsDB(t, path, 1)
	env := []string{"TIPRELAY_DB_PATH=" + path}

	// Today the store may not exist yet: said, nothing copied.
	out, err := runCmd(t, env, "backup", filepath.Join(dir, "a.db"), "--with-files")
	if err != nil || !strings.Contains(out, "no files store at "+filepath.Join(dir, "data", "files")) {
		t.Fatalf("got %q, %v; want the missing store named", out, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a.db.files")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a.db.files made without a store (%v)", err)
	}

	// The default store, files/ beside the database.
	files := mustFilesStore(t, filepath.Join(dir, "data", "files"))
	dest := filepath.Join(dir, "b.db")
	out, err = runCmd(t, env, "backup", "--with-files", dest)
	if err != nil || !strings.Contains(out, "wrote "+dest+".files/: 2 files") {
		t.Fatalf("got %q, %v; want 2 files written", out, err)
	}
	for _, f := range files {
		a, errA := os.Stat(filepath.Join(dir, "data", "files", f))
		b, errB := os.Stat(filepath.Join(dest+".files", f))
		if errA != nil || errB != nil || !os.SameFile(a, b) {
			t.Errorf("%s: not a hard link in the copy (%v, %v)", f, errA, errB)
		}
	}

	// An existing FILE.files/ is refused before anything is written.
	again := filepath.Join(dir, "c.db")
	if err := os.Mkdir(again+".files", 0o750); err != nil {
		t.Fatal(err)
	}
	if _, err := runCmd(t, env, "backup", again, "--with-files"); err == nil || !strings.Contains(err.Error(), "c.db.files exists") {
		t.Errorf("got %v, want c.db.files refused", err)
	}
	if _, err := os.Stat(again); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("c.db was written although its files could not be (%v)", err)
	}

	// TIPRELAY_FILES_DIR elsewhere.
	other := filepath.Join(dir, "evidence")
	mustFilesStore(t, other)
	out, err = runCmd(t, append(env, "TIPRELAY_FILES_DIR="+other), "backup", filepath.Join(dir, "d.db"), "--with-files")
	if err != nil || !strings.Contains(out, "2 files") {
		t.Errorf("got %q, %v; want the configured store copied", out, err)
	}
}
