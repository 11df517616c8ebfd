// Package sqlite stores tiprelay's state in one SQLite file: the raw update
// stream and polling offset, tips and their attachments, album parts, the
// outbox (with chat migrations and failing targets), staff and the audit
// log. Each store type implements one of the interfaces declared in
// package tip.
//
// Per-connection settings (WAL, busy timeout, foreign keys, immediate write
// transactions, synchronous FULL) are set in the DSN, and temp_store MEMORY
// by a connect hook, so that every pooled connection has them. The schema is created by embedded, ordered
// migrations; a database written by a newer binary is refused.
package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// DB is an open tiprelay database. It is safe for concurrent use, except a
// DB handed to the function of Update, which is bound to that transaction
// and belongs to its goroutine.
type DB struct {
	sql *sql.DB
	now func() time.Time
	// tx is set on the DB given to Update's function: every store made
	// from it reads and writes inside that transaction.
	tx *sql.Tx
	// stmts caches prepared statements; shared with transaction copies.
	stmts *stmtCache
	// writes serialises this process's write transactions. SQLite allows
	// one writer at a time and makes the others wait in its busy handler,
	// which sleeps in steps of up to 100 ms; waiting on a mutex instead
	// lets the next writer start the moment the previous one commits.
	// Other processes on the same file still meet the busy timeout.
	writes *sync.Mutex
	// group batches the small writes of concurrent callers into shared
	// transactions (see writeShared).
	group *writeGroup
	// damage is set once SQLite reports the file damaged (see guard.go).
	damage *damage
}

// Option configures Open.
type Option func(*DB)

// WithClock makes the database take the current time from now instead of
// time.Now. Stores use it for CreatedAt and similar columns.
func WithClock(now func() time.Time) Option {
	return func(db *DB) { db.now = now }
}

// Open opens (creating if needed) the database file at path, creating its
// parent directory if missing, checks that WAL mode and foreign keys are in
// effect, and applies pending migrations. It returns an error wrapping
// tip.ErrSchemaTooNew if the file was migrated by a newer binary.
func Open(ctx context.Context, path string, opts ...Option) (*DB, error) {
	if err := requireFTS5(); err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if path == "" {
		return nil, fmt.Errorf("open database: empty path")
	}
	if strings.Contains(path, "?") {
		return nil, fmt.Errorf("open database: path %q must not contain '?'", path)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("open database: create directory: %w", err)
		}
	}
	dmg := newDamage()
	sqldb := sql.OpenDB(connector{dsn: dsn(path), drv: &sqlite3.SQLiteDriver{ConnectHook: connectHook}, damage: dmg})
	db := &DB{sql: sqldb, now: time.Now, stmts: newStmtCache(sqldb), writes: &sync.Mutex{}, group: &writeGroup{}, damage: dmg}
	for _, o := range opts {
		o(db)
	}
	if err := db.init(ctx); err != nil {
		sqldb.Close()
		return nil, err
	}
	return db, nil
}

// dsn builds the connection string; every setting here applies to each new
// connection of the pool.
func dsn(path string) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", "5000")
	q.Set("_foreign_keys", "on")
	q.Set("_txlock", "immediate")
	q.Set("_synchronous", "FULL")
	return "file:" + path + "?" + q.Encode()
}

// connector opens connections with the settings the DSN cannot carry,
// without registering a driver name in package state, and watches them for
// a damaged file (see guardConn).
type connector struct {
	dsn    string
	drv    *sqlite3.SQLiteDriver
	damage *damage
}

// Connect implements driver.Connector.
func (c connector) Connect(context.Context) (driver.Conn, error) {
	if err := c.damage.refused(); err != nil {
		return nil, err
	}
	conn, err := c.drv.Open(c.dsn)
	if err != nil {
		return nil, c.damage.check(err)
	}
	return guardConn{c: conn.(*sqlite3.SQLiteConn), d: c.damage}, nil
}

// Driver implements driver.Connector.
func (c connector) Driver() driver.Driver { return c.drv }

// connectHook keeps SQLite's temporary files in memory. The one that
// matters is the sub-journal of savepoints: processing a batch of updates
// opens one savepoint per update inside a single transaction, and a
// sub-journal on disk costs a write system call for every page each update
// touches (it made intake about 40% slower). It never holds more than the
// pages of one batch. It also registers the SQL functions that migrations
// and the search index use (see redact.go and search_text.go).
func connectHook(c *sqlite3.SQLiteConn) error {
	if _, err := c.Exec("PRAGMA temp_store = MEMORY", nil); err != nil {
		return fmt.Errorf("set temp_store: %w", err)
	}
	if err := c.RegisterFunc("tiprelay_redact", redactSecrets, true); err != nil {
		return fmt.Errorf("register tiprelay_redact: %w", err)
	}
	if err := c.RegisterFunc(searchTextFunc, searchText, true); err != nil {
		return fmt.Errorf("register %s: %w", searchTextFunc, err)
	}
	if err := c.RegisterFunc(searchRootsFunc, searchRoots, true); err != nil {
		return fmt.Errorf("register %s: %w", searchRootsFunc, err)
	}
	return nil
}

func (db *DB) init(ctx context.Context) error {
	var mode string
	if err := db.sql.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("open database: journal mode is %q, want wal", mode)
	}
	var fk int
	if err := db.sql.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	if fk != 1 {
		return fmt.Errorf("open database: foreign keys are off")
	}
	if err := db.migrate(ctx); err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	return nil
}

// Close closes the database.
func (db *DB) Close() error {
	db.stmts.close()
	if err := db.sql.Close(); err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	return nil
}

// Now returns the database clock's current time in UTC, truncated to the
// millisecond precision the database stores.
func (db *DB) Now() time.Time {
	return db.now().UTC().Truncate(time.Millisecond)
}

// conn returns what queries run on: the bound transaction, or the pool.
func (db *DB) conn() querier {
	return cached{c: db.stmts, tx: db.tx, writes: db.writes}
}

// Update runs fn in one write transaction and commits it if fn returns nil,
// else rolls it back. Stores made from the DB passed to fn (NewTipStore(tx)
// and so on) work inside the transaction, so that several operations, for
// instance everything one batch of updates causes, cost one commit.
func (db *DB) Update(ctx context.Context, fn func(tx *DB) error) error {
	if db.tx != nil {
		return fn(db)
	}
	return db.rawTx(ctx, func(tx *sql.Tx) error {
		return fn(&DB{sql: db.sql, now: db.now, tx: tx, stmts: db.stmts, writes: db.writes, group: db.group, damage: db.damage})
	})
}

// Savepoint runs fn inside a savepoint of the bound transaction: if fn
// returns an error or panics, the writes fn made are undone and the
// transaction goes on. On a DB not bound to a transaction, Savepoint just
// runs fn (each store call then commits on its own).
func (db *DB) Savepoint(ctx context.Context, fn func() error) (err error) {
	if db.tx == nil {
		return fn()
	}
	// One name serves every level: SQLite's ROLLBACK TO and RELEASE act on
	// the innermost savepoint of that name, and fixed statements are
	// prepared once.
	q := db.conn()
	if _, err := q.ExecContext(ctx, "SAVEPOINT sp"); err != nil {
		return fmt.Errorf("savepoint: %w", err)
	}
	undo := func(ctx context.Context) error {
		if _, err := q.ExecContext(ctx, "ROLLBACK TO sp"); err != nil {
			return err
		}
		_, err := q.ExecContext(ctx, "RELEASE sp")
		return err
	}
	done := false
	defer func() {
		if !done {
			// fn panicked: undo its writes, then let the panic go on.
			undo(context.WithoutCancel(ctx)) //nolint:errcheck
		}
	}()
	ferr := fn()
	done = true
	if ferr != nil {
		if err := undo(ctx); err != nil {
			return fmt.Errorf("roll back savepoint: %w (after %w)", err, ferr)
		}
		return ferr
	}
	if _, err := q.ExecContext(ctx, "RELEASE sp"); err != nil {
		return fmt.Errorf("release savepoint: %w", err)
	}
	return nil
}

// inTx runs fn in a write transaction (BEGIN IMMEDIATE, from the DSN) and
// commits it if fn returns nil, else rolls it back. On a DB bound to a
// transaction, fn joins it.
func (db *DB) inTx(ctx context.Context, fn func(tx querier) error) error {
	if db.tx != nil {
		return fn(db.conn())
	}
	return db.rawTx(ctx, func(tx *sql.Tx) error { return fn(cached{c: db.stmts, tx: tx, writes: db.writes}) })
}

// rawTx runs fn in a write transaction without the statement cache, for
// multi-statement scripts such as migrations.
func (db *DB) rawTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	db.writes.Lock()
	defer db.writes.Unlock()
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
