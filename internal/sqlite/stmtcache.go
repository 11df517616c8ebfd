package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps one prepared statement per query text for the life of
// the database. mattn/go-sqlite3 prepares a query string on every call;
// preparing costs as much as running the small statements tiprelay uses,
// so the hot paths (a tip, its outbox rows, an update) run about twice as
// fast with prepared statements. database/sql re-prepares a statement on
// each pooled connection once and then reuses it, also inside transactions.
type stmtCache struct {
	db *sql.DB
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, m: make(map[string]*sql.Stmt)}
}

// get returns the prepared statement of query, preparing it once.
func (c *stmtCache) get(ctx context.Context, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.m[query]; ok {
		return s, nil
	}
	s, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.m[query] = s
	return s, nil
}

// close closes every cached statement.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.m {
		s.Close()
	}
	c.m = nil
}

// cached runs single-statement queries through the cache, on a transaction
// when tx is set, else on the pool. Multi-statement scripts (migrations)
// must not go through it.
type cached struct {
	c      *stmtCache
	tx     *sql.Tx
	writes *sync.Mutex // taken for statements outside a transaction
}

func (q cached) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	s, err := q.c.get(ctx, query)
	if err != nil || q.tx == nil {
		return s, err
	}
	return q.tx.StmtContext(ctx, s), nil
}

// ExecContext runs a statement. Outside a transaction it is a write of its
// own, so it waits for the process's write turn like a transaction does.
func (q cached) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s, err := q.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if q.tx == nil && q.writes != nil {
		q.writes.Lock()
		defer q.writes.Unlock()
	}
	return s.ExecContext(ctx, args...)
}

// QueryContext runs a query.
func (q cached) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s, err := q.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(ctx, args...)
}

// QueryRowContext runs a query for one row; a preparation error surfaces
// from Scan, as with database/sql.
func (q cached) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	s, err := q.stmt(ctx, query)
	if err != nil {
		// Let database/sql report the error through the Row.
		if q.tx != nil {
			return q.tx.QueryRowContext(ctx, query, args...)
		}
		return q.c.db.QueryRowContext(ctx, query, args...)
	}
	return s.QueryRowContext(ctx, args...)
}
