package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestOpenRecordsMigrations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "dir", "tiprelay.db")
	db := mustOpenPath(t, path)
	want, err := migrationNames()
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.appliedMigrations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || got[0] != "0001_init.sql" {
		t.Fatalf("applied migrations = %v, want %v", got, want)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopening applies nothing twice.
	db = mustOpenPath(t, path)
	if got, want := countRows(t, db, "schema_migrations"), len(want); got != want {
		t.Errorf("schema_migrations rows after reopen = %d, want %d", got, want)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tiprelay.db")
	db := mustOpenPath(t, path)
	if _, err := db.sql.Exec("INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_future.sql', 0)"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err := Open(context.Background(), path)
	if err == nil {
		db.Close()
		t.Fatal("Open of a newer schema succeeded, want an error")
	}
	if !errors.Is(err, tip.ErrSchemaTooNew) {
		t.Errorf("Open error = %v, want one wrapping tip.ErrSchemaTooNew", err)
	}
}

func TestPragmasOnEveryConnection(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	const n = 6
	var wg sync.WaitGroup
	errs := make(chan error, n)
	// Hold n connections at once so the pool must open n distinct ones.
	release := make(chan struct{})
	for i := 0; i < n; i++ {
		conn, err := db.sql.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer conn.Close()
			<-release
			tests := []struct {
				pragma string
				want   string
			}{
				{"journal_mode", "wal"},
				{"foreign_keys", "1"},
				{"busy_timeout", "5000"},
				{"synchronous", "2"}, // FULL
				{"temp_store", "2"},  // MEMORY
			}
			for _, tt := range tests {
				var got string
				if err := conn.QueryRowContext(ctx, "PRAGMA "+tt.pragma).Scan(&got); err != nil {
					errs <- err
					return
				}
				if got != tt.want {
					errs <- errors.New("PRAGMA " + tt.pragma + " = " + got + ", want " + tt.want)
				}
			}
		}()
	}
	if got := db.sql.Stats().OpenConnections; got < n {
		t.Errorf("open connections = %d, want at least %d", got, n)
	}
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestOpenRejectsBadPath(t *testing.T) {
	tests := []struct {
		name string
		path string
	}{
		{"empty", ""},
		{"query in path", filepath.Join(t.TempDir(), "x.db?mode=memory")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := Open(context.Background(), tt.path)
			if err == nil {
				db.Close()
				t.Fatalf("Open(%q) succeeded, want an error", tt.path)
			}
		})
	}
}

func TestDataSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tiprelay.db")
	db := mustOpenPath(t, path)
	stored, _, err := NewTipStore(db).Create(ctx, sampleTip(111, 10), relayCompose(relayTarget))
	if err != nil {
		t.Fatal(err)
	}
	if err := NewUpdateStore(db).SaveBatch(ctx, []tip.RawUpdate{{ID: 5, Raw: []byte(`{"update_id":5}`)}}, 6); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db = mustOpenPath(t, path)
	got, err := NewTipStore(db).Get(ctx, stored.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, stored) {
		t.Errorf("after reopen got %+v, want %+v", got, stored)
	}
	if off, err := NewUpdateStore(db).Offset(ctx); err != nil || off != 6 {
		t.Errorf("Offset after reopen = %d, %v; want 6, nil", off, err)
	}
	if rows, err := NewOutboxStore(db).ByTip(ctx, stored.ID); err != nil || len(rows) != 2 {
		t.Errorf("outbox rows after reopen = %d, %v; want 2, nil", len(rows), err)
	}
}
