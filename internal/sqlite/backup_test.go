package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// startWriter creates tips on its own connection pool to path (as the bot
// would, from another process) until the test ends, each with its two
// relay rows in the same transaction. It returns a channel that gets the
// number of every tip once its transaction has committed.
func startWriter(t *testing.T, path string) <-chan int64 {
	t.Helper()
	db := mustOpenPath(t, path)
	ctx, cancel := context.WithCancel(context.Background())
	committed := make(chan int64, 1<<16)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(committed) // a writer that stops ends the waits on it
		s := NewTipStore(db)
		for i := int64(1); ctx.Err() == nil; i++ {
			stored, _, err := s.Create(ctx, sampleTip(777, i), relayCompose(tip.Target{ChatID: -100}))
			if err != nil {
				if ctx.Err() == nil {
					t.Errorf("writer: %v", err)
				}
				return
			}
			select {
			case committed <- stored.ID:
			default:
			}
		}
	}()
	t.Cleanup(func() { cancel(); <-done })
	return committed
}

// TestVacuumIntoWhileWriting: a copy made while another connection pool
// commits tips passes integrity_check, holds every tip committed before
// it began, and only whole transactions (each tip with its relay rows).
func TestVacuumIntoWhileWriting(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tiprelay.db")
	db := mustOpenPath(t, path)
	// A read transaction held open (a long export) keeps SQLite from
	// checkpointing the WAL past it: every tip below is in the -wal file
	// only, which a copy of the database file would miss.
	reader, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	snap, err := reader.Begin() // deferred: a read transaction from its first read
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Rollback()
	var n int
	if err := snap.QueryRow("SELECT count(*) FROM tips").Scan(&n); err != nil {
		t.Fatal(err)
	}
	committed := startWriter(t, path)
	var before int64
	deadline := time.After(30 * time.Second)
	for before < 200 {
		select {
		case id, ok := <-committed: // the latest tip committed before the copy began
			if !ok {
				t.Fatalf("the writer stopped after tip #%d", before)
			}
			before = id
		case <-deadline:
			t.Fatalf("only %d tips committed in 30 s", before)
		}
	}
	dest := filepath.Join(t.TempDir(), "backup.db")
	if err := db.VacuumInto(ctx, dest); err != nil {
		t.Fatal(err)
	}

	info, err := InspectCopy(ctx, dest, true)
	if err != nil {
		t.Fatalf("InspectCopy of the copy: %v", err)
	}
	if info.LastTip < before || info.Tips != info.LastTip {
		t.Errorf("copy holds %d tips, last #%d; want every tip up to at least #%d", info.Tips, info.LastTip, before)
	}
	cp, err := sql.Open("sqlite3", "file:"+dest+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	var torn int
	if err := cp.QueryRow(`SELECT count(*) FROM tips t
		WHERE (SELECT count(*) FROM outbox o WHERE o.tip_id = t.id) <> 2`).Scan(&torn); err != nil {
		t.Fatal(err)
	}
	if torn != 0 {
		t.Errorf("%d tips of the copy lack relay rows of their transaction", torn)
	}
}

func TestVacuumIntoRefusesAnExistingFile(t *testing.T) {
	db := mustOpen(t)
	dest := filepath.Join(t.TempDir(), "backup.db")
	if err := os.WriteFile(dest, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := db.VacuumInto(context.Background(), dest); err == nil {
		t.Error("VacuumInto over a non-empty file succeeded, want an error")
	}
	if b, _ := os.ReadFile(dest); string(b) != "keep me" {
		t.Errorf("the file now holds %q", b)
	}
}

// mustCopy returns a copy of a database with three tips, after change
// ran on it (a plain connection, no migrations).
func mustCopy(t *testing.T, change string) string {
	t.Helper()
	ctx := context.Background()
	db := mustOpen(t)
	for i := int64(1); i <= 3; i++ {
		if _, _, err := NewTipStore(db).Create(ctx, sampleTip(5, i), nil); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(t.TempDir(), "copy.db")
	if err := db.VacuumInto(ctx, dest); err != nil {
		t.Fatal(err)
	}
	if change != "" {
		mustExec(t, dest, change)
	}
	return dest
}

// mustExec runs query on the database file path.
func mustExec(t *testing.T, path, query string) {
	t.Helper()
	c, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Exec(query); err != nil {
		t.Fatal(err)
	}
}

func TestInspectCopy(t *testing.T) {
	names, err := migrationNames()
	if err != nil {
		t.Fatal(err)
	}
	last := names[len(names)-1]
	textFile := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(textFile, []byte("these are not the tips you are looking for\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "other.db")
	mustExec(t, other, "CREATE TABLE schema_migrations (version INTEGER, dirty INTEGER); CREATE TABLE users (id INTEGER)")
	plain := filepath.Join(t.TempDir(), "plain.db")
	mustExec(t, plain, "CREATE TABLE notes (id INTEGER)")
	tests := []struct {
		name        string
		path        string
		wantTips    int64
		wantPending int
		wantErr     error
	}{
		{"a copy of this version", mustCopy(t, ""), 3, 0, nil},
		{"a copy of an older version", mustCopy(t, "DELETE FROM schema_migrations WHERE name = '"+last+"'"), 3, 1, nil},
		{"a copy of a newer version", mustCopy(t, "INSERT INTO schema_migrations VALUES ('9999_future.sql', 0)"), 0, 0, tip.ErrSchemaTooNew},
		{"another program's schema_migrations", other, 0, 0, ErrNotTiprelay},
		{"an SQLite file without schema_migrations", plain, 0, 0, ErrNotTiprelay},
		{"a text file", textFile, 0, 0, ErrNotTiprelay},
		{"damaged pages", mustDamagedFile(t, false), 0, 0, tip.ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := InspectCopy(context.Background(), tt.path, true)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("got error %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if info.Tips != tt.wantTips || info.LastTip != tt.wantTips || info.Pending != tt.wantPending {
				t.Errorf("got %d tips (last #%d), %d pending migrations; want %d, %d", info.Tips, info.LastTip, info.Pending, tt.wantTips, tt.wantPending)
			}
		})
	}
}
