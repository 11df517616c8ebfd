package sqlite

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// mustDamagedFile returns the path of a closed database holding about
// 2 MB of outbox rows, with the pages in the middle of the file
// overwritten with garbage (or its header, with header set).
func mustDamagedFile(t *testing.T, header bool) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tiprelay.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s := NewOutboxStore(db)
	var batch []tip.OutboxMessage
	for i := range 4000 {
		batch = append(batch, text(-100, 0, strings.Repeat("laporan ", 60)+string(rune('a'+i%26))))
	}
	if err := s.Enqueue(ctx, batch...); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil { // checkpoints the WAL into the file
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	at, n := fi.Size()/2, int64(64<<10)
	if header {
		at, n = 0, 100
	}
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5}, int(n)), at); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDamagedPagesAreCorruptAndRefuseEveryLaterCall(t *testing.T) {
	ctx := context.Background()
	db := mustOpenPath(t, mustDamagedFile(t, false))
	select {
	case <-db.Damaged():
		t.Fatal("Damaged fired before any damage was read")
	default:
	}
	// Reading the damaged table meets the damage.
	_, err := NewOutboxStore(db).Pending(ctx, tip.Target{ChatID: -100}, 5000)
	if !errors.Is(err, tip.ErrCorrupt) || !IsCorrupt(err) {
		t.Fatalf("got %v, want an error matching tip.ErrCorrupt", err)
	}
	if !strings.Contains(err.Error(), "database is damaged (database disk image is malformed)") {
		t.Errorf("got %q, want SQLite's reason in it", err)
	}
	select {
	case <-db.Damaged():
	default:
		t.Fatal("Damaged did not fire")
	}
	// A healthy table is refused from now on, with the first damage.
	if _, err := NewUpdateStore(db).Offset(ctx); !errors.Is(err, tip.ErrCorrupt) {
		t.Errorf("Offset after the damage: got %v, want tip.ErrCorrupt", err)
	}
	if err := db.Update(ctx, func(*DB) error { return nil }); !errors.Is(err, tip.ErrCorrupt) {
		t.Errorf("a transaction after the damage: got %v, want tip.ErrCorrupt", err)
	}
}

func TestQuickCheck(t *testing.T) {
	ctx := context.Background()
	t.Run("sound", func(t *testing.T) {
		db := mustOpen(t)
		if err := db.QuickCheck(ctx); err != nil {
			t.Fatalf("got %v, want nil", err)
		}
	})
	t.Run("damaged pages", func(t *testing.T) {
		db := mustOpenPath(t, mustDamagedFile(t, false))
		err := db.QuickCheck(ctx)
		var ce *CorruptError
		if !errors.As(err, &ce) || !errors.Is(err, tip.ErrCorrupt) {
			t.Fatalf("got %v, want a *CorruptError", err)
		}
		if db.DamageErr() == nil {
			t.Error("DamageErr is nil after a failed check")
		}
	})
	t.Run("not a database", func(t *testing.T) {
		_, err := Open(ctx, mustDamagedFile(t, true))
		if !errors.Is(err, tip.ErrCorrupt) || !strings.Contains(err.Error(), "file is not a database") {
			t.Fatalf("Open: got %v, want a corrupt error saying the file is not a database", err)
		}
	})
}

func TestIsCorruptIgnoresOtherErrors(t *testing.T) {
	for _, err := range []error{nil, errors.New("database or disk is full"), context.Canceled, tip.ErrNotFound} {
		if IsCorrupt(err) {
			t.Errorf("IsCorrupt(%v) = true, want false", err)
		}
	}
}
