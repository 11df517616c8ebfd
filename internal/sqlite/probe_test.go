package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// mustOpenReadOnly opens the database at path through SQLite's read-only
// mode (mode=ro): SQLite itself refuses every write, which holds for root
// too, unlike the file's mode bits.
func mustOpenReadOnly(tb testing.TB, path string) *DB {
	tb.Helper()
	dmg := newDamage()
	sqldb := sql.OpenDB(connector{dsn: dsn(path) + "&mode=ro", drv: &sqlite3.SQLiteDriver{ConnectHook: connectHook}, damage: dmg})
	db := &DB{sql: sqldb, now: time.Now, stmts: newStmtCache(sqldb), writes: &sync.Mutex{}, group: &writeGroup{}, damage: dmg}
	tb.Cleanup(func() { db.Close() })
	return db
}

// mustMigratedFile returns the path of a closed, migrated database.
func mustMigratedFile(tb testing.TB) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "tiprelay.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := db.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

func TestProbeWrite(t *testing.T) {
	tests := []struct {
		name        string
		open        func(t *testing.T) *DB
		wantErr     string
		wantCorrupt bool
	}{
		{name: "writable", open: func(t *testing.T) *DB { return mustOpen(t) }},
		{name: "opened read-only", open: func(t *testing.T) *DB { return mustOpenReadOnly(t, mustMigratedFile(t)) },
			wantErr: "readonly database"},
		{name: "damaged", open: func(t *testing.T) *DB {
			db := mustOpenPath(t, mustDamagedFile(t, false))
			db.QuickCheck(context.Background()) //nolint:errcheck // finds the damage
			return db
		}, wantErr: "damaged", wantCorrupt: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := tt.open(t)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			err := db.ProbeWrite(ctx)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("got %v, want nil", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("got %v, want an error naming %q", err, tt.wantErr)
			case errors.Is(err, tip.ErrCorrupt) != tt.wantCorrupt:
				t.Errorf("got %v, want it to match tip.ErrCorrupt: %v", err, tt.wantCorrupt)
			}
			if err != nil {
				return
			}
			var at int64
			if err := db.sql.QueryRowContext(ctx, "SELECT value FROM state WHERE key = ?", probeKey).Scan(&at); err != nil {
				t.Fatal(err)
			}
			if want := millis(db.Now()); at != want {
				t.Errorf("got probe time %d, want %d (committed)", at, want)
			}
		})
	}
}

// TestPendingByChat: groups one by one, private chats together as 0,
// sent and failed rows left out, the busiest chats first.
func TestPendingByChat(t *testing.T) {
	db := mustOpen(t)
	s := NewOutboxStore(db)
	ctx := context.Background()
	rows := mustEnqueue(t, s, text(-100, 0, "a"), text(-100, 7, "b"), text(-100, 0, "c"), text(-200, 0, "d"),
		text(11, 0, "e"), text(12, 0, "f"), text(-300, 0, "sent"), text(-400, 0, "failed"))
	if err := s.MarkSent(ctx, rows[6].ID, []int64{1}, testNow); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkFailed(ctx, rows[7].ID, "gone"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		limit int
		want  map[int64]int
	}{
		{"all", 10, map[int64]int{-100: 3, -200: 1, 0: 2}},
		{"the busiest", 2, map[int64]int{-100: 3, 0: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.PendingByChat(ctx, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for chat, n := range tt.want {
				if got[chat] != n {
					t.Errorf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
	// The count reads the index of pending rows, not the whole outbox.
	plan, err := db.sql.QueryContext(ctx, "EXPLAIN QUERY PLAN "+pendingByChatQuery, 10)
	if err != nil {
		t.Fatal(err)
	}
	defer plan.Close()
	var steps []string
	for plan.Next() {
		var id, parent, unused int
		var detail string
		if err := plan.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		steps = append(steps, detail)
	}
	if got := strings.Join(steps, "; "); !strings.Contains(got, "COVERING INDEX") {
		t.Errorf("got plan %q, want a covering index of pending rows", got)
	}
}
