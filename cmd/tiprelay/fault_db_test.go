package main

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3" // the "sqlite3" driver, to read the bot's database directly
)

// openSQL opens the bot's database with database/sql for queries the
// stores do not offer. It may be open while the bot runs: the file is in
// WAL mode, and the test only reads. It is closed on cleanup.
func openSQL(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=5000")
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// waitDB polls cond every 50ms until it reports done or d passes, and
// fails the test with cond's last description then.
func waitDB(t *testing.T, d time.Duration, cond func() (done bool, state string)) {
	t.Helper()
	deadline := time.Now().Add(d)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		done, state := cond()
		if done {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("database still not as wanted after %v: %s", d, state)
		}
		<-tick.C
	}
}

// waitQuiet waits until the bot has nothing left to do: no unprocessed
// update, no waiting album part, no pending outbox row, and no update left
// unconfirmed in the emulator.
func (w *faultWorld) waitQuiet(t *testing.T, db *sql.DB, d time.Duration) {
	t.Helper()
	waitDB(t, d, func() (bool, string) {
		var updates, albums, pending int
		err := db.QueryRow(`SELECT
			(SELECT COUNT(*) FROM updates WHERE status = 'received'),
			(SELECT COUNT(*) FROM album_parts),
			(SELECT COUNT(*) FROM outbox WHERE status = 'pending')`).Scan(&updates, &albums, &pending)
		if err != nil {
			return false, err.Error()
		}
		unconfirmed := w.srv.PendingUpdates()
		return updates+albums+pending+unconfirmed == 0, fmt.Sprintf(
			"%d updates unprocessed, %d album parts waiting, %d outbox rows pending, %d updates unconfirmed",
			updates, albums, pending, unconfirmed)
	})
}

// failedOutbox returns the outbox rows that were given up on, as
// "id target kind: error" lines.
func failedOutbox(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query(`SELECT id, target_chat_id, kind, last_error FROM outbox WHERE status = 'failed' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id, target int64
		var kind, lastErr string
		if err := rows.Scan(&id, &target, &kind, &lastErr); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("outbox %d to %d %s: %s", id, target, kind, lastErr))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// pendingOutbox describes the oldest pending outbox rows, all columns but
// the text, for failure messages; it reads whatever columns the schema has.
func pendingOutbox(t *testing.T, db *sql.DB, limit int) string {
	t.Helper()
	rows, err := db.Query(`SELECT * FROM outbox WHERE status = 'pending' ORDER BY id LIMIT ?`, limit)
	if err != nil {
		return err.Error()
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	fmt.Fprintf(&b, "(now %s UTC)\n", time.Now().UTC().Format("15:04:05.000"))
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err.Error()
		}
		for i, c := range cols {
			if c == "text" || c == "compact" || vals[i] == nil {
				continue
			}
			v := vals[i]
			if bs, ok := v.([]byte); ok {
				v = string(bs)
			}
			if n, ok := v.(int64); ok && n > 0 && (strings.HasSuffix(c, "_at") || strings.HasSuffix(c, "_until")) {
				v = time.UnixMilli(n).UTC().Format("15:04:05.000")
			}
			fmt.Fprintf(&b, "%s=%v ", c, v)
		}
		b.WriteString("\n")
	}
	if err := rows.Err(); err != nil {
		b.WriteString(err.Error())
	}
	return b.String()
}
