package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"
)

// mustCounter creates a table of named counters for the shared-write tests.
func mustCounter(t *testing.T, db *DB) {
	t.Helper()
	if _, err := db.sql.Exec("CREATE TABLE counter (name TEXT PRIMARY KEY, n INTEGER NOT NULL)"); err != nil {
		t.Fatal(err)
	}
}

// bump returns a shared write that inserts counter name with 1, and the
// transaction it ran in through tx.
func bump(name string, tx *[]*sql.Tx, mu *sync.Mutex) func(ctx context.Context, q querier) error {
	return func(ctx context.Context, q querier) error {
		mu.Lock()
		*tx = append(*tx, q.(cached).tx)
		mu.Unlock()
		_, err := q.ExecContext(ctx, "INSERT INTO counter (name, n) VALUES (?, 1)", name)
		return err
	}
}

func counters(t *testing.T, db *DB) map[string]int {
	t.Helper()
	rows, err := db.sql.Query("SELECT name, n FROM counter")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string]int{}
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			t.Fatal(err)
		}
		got[name] = n
	}
	return got
}

// TestWriteSharedBatches: writes that wait for the write turn together run
// in one transaction, and each outcome is its own: an error or a panic in
// one write undoes that write only.
func TestWriteSharedBatches(t *testing.T) {
	db := mustOpen(t)
	mustCounter(t, db)
	ctx := context.Background()
	var mu sync.Mutex
	var txs []*sql.Tx
	writes := map[string]func(ctx context.Context, q querier) error{
		"ok-1": bump("ok-1", &txs, &mu),
		"ok-2": bump("ok-2", &txs, &mu),
		"ok-3": bump("ok-3", &txs, &mu),
		"fails": func(ctx context.Context, q querier) error {
			if err := bump("fails", &txs, &mu)(ctx, q); err != nil {
				return err
			}
			return errors.New("refused")
		},
		"panics": func(ctx context.Context, q querier) error {
			if err := bump("panics", &txs, &mu)(ctx, q); err != nil {
				return err
			}
			panic("boom")
		},
	}
	// Hold the write turn so that every write queues behind it.
	db.writes.Lock()
	var wg sync.WaitGroup
	errs := make(map[string]error)
	var errMu sync.Mutex
	for name, fn := range writes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := db.writeShared(ctx, fn)
			errMu.Lock()
			errs[name] = err
			errMu.Unlock()
		}()
	}
	waitQueued(t, db, len(writes))
	db.writes.Unlock()
	wg.Wait()

	for name, err := range errs {
		wantErr := name == "fails" || name == "panics"
		if (err != nil) != wantErr {
			t.Errorf("%s: got error %v, want error %v", name, err, wantErr)
		}
	}
	if got, want := fmt.Sprint(counters(t, db)), "map[ok-1:1 ok-2:1 ok-3:1]"; got != want {
		t.Errorf("got counters %s, want %s", got, want)
	}
	for _, tx := range txs[1:] {
		if tx != txs[0] {
			t.Fatalf("got %d writes in more than one transaction, want one", len(txs))
		}
	}
}

// waitQueued waits until n shared writes are queued.
func waitQueued(t *testing.T, db *DB, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		db.group.mu.Lock()
		got := len(db.group.queue)
		db.group.mu.Unlock()
		if got == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("got %d queued writes, want %d", got, n)
		}
		runtime.Gosched()
	}
}

// TestWriteSharedCancelledWhileQueued: a write whose context ends before
// it ran never runs; its caller gets the context's error.
func TestWriteSharedCancelledWhileQueued(t *testing.T) {
	db := mustOpen(t)
	mustCounter(t, db)
	var mu sync.Mutex
	var txs []*sql.Tx
	db.writes.Lock()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- db.writeShared(ctx, bump("cancelled", &txs, &mu)) }()
	waitQueued(t, db, 1)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
	db.writes.Unlock()
	if err := db.writeShared(context.Background(), bump("later", &txs, &mu)); err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(counters(t, db)), "map[later:1]"; got != want {
		t.Errorf("got counters %s, want %s", got, want)
	}
}

// TestWriteSharedJoinsBoundTransaction: inside Update, a shared write is
// part of the transaction and is undone with it.
func TestWriteSharedJoinsBoundTransaction(t *testing.T) {
	db := mustOpen(t)
	mustCounter(t, db)
	var mu sync.Mutex
	var txs []*sql.Tx
	err := db.Update(context.Background(), func(tx *DB) error {
		if err := tx.writeShared(context.Background(), bump("inside", &txs, &mu)); err != nil {
			return err
		}
		return errors.New("roll back")
	})
	if err == nil {
		t.Fatal("Update succeeded, want its error")
	}
	if got := counters(t, db); len(got) != 0 {
		t.Errorf("got counters %v after rollback, want none", got)
	}
}

// TestWriteSharedRunsToTheEnd: once picked up, a write runs to the end
// even if its caller's context ends meanwhile, so that it cannot interrupt
// the statements of other writes sharing its connection.
func TestWriteSharedRunsToTheEnd(t *testing.T) {
	db := mustOpen(t)
	mustCounter(t, db)
	ctx, cancel := context.WithCancel(context.Background())
	err := db.writeShared(ctx, func(ctx context.Context, q querier) error {
		cancel()
		_, err := q.ExecContext(ctx, "INSERT INTO counter (name, n) VALUES ('picked up', 1)")
		return err
	})
	if err != nil {
		t.Fatalf("got %v, want the write committed", err)
	}
	if got, want := fmt.Sprint(counters(t, db)), "map[picked up:1]"; got != want {
		t.Errorf("got counters %s, want %s", got, want)
	}
}
