package sqlite

import (
	"context"
	"database/sql/driver"
)

// The guard wraps the driver's connections so that every error leaving
// SQLite passes one place: a damaged file is reported as a *CorruptError
// (which callers match with tip.ErrCorrupt, without importing the driver),
// and after the first report every statement is refused (see damage).
// Errors of other kinds pass unchanged, so database/sql still sees
// driver.ErrBadConn and driver.ErrSkip.

// guardConn is a driver connection watched by d.
type guardConn struct {
	c interface {
		driver.Conn
		driver.ConnBeginTx
		driver.ConnPrepareContext
		driver.ExecerContext
		driver.QueryerContext
		driver.Pinger
	}
	d *damage
}

func (g guardConn) Prepare(query string) (driver.Stmt, error) {
	return g.PrepareContext(context.Background(), query)
}

func (g guardConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if err := g.d.refused(); err != nil {
		return nil, err
	}
	s, err := g.c.PrepareContext(ctx, query)
	if err != nil {
		return nil, g.d.check(err)
	}
	return guardStmt{s: s.(stmt), d: g.d}, nil
}

func (g guardConn) Close() error { return g.c.Close() }

func (g guardConn) Begin() (driver.Tx, error) {
	return g.BeginTx(context.Background(), driver.TxOptions{})
}

func (g guardConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if err := g.d.refused(); err != nil {
		return nil, err
	}
	tx, err := g.c.BeginTx(ctx, opts)
	if err != nil {
		return nil, g.d.check(err)
	}
	return guardTx{tx: tx, d: g.d}, nil
}

func (g guardConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if err := g.d.refused(); err != nil {
		return nil, err
	}
	r, err := g.c.ExecContext(ctx, query, args)
	return r, g.d.check(err)
}

func (g guardConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if err := g.d.refused(); err != nil {
		return nil, err
	}
	r, err := g.c.QueryContext(ctx, query, args)
	if err != nil {
		return nil, g.d.check(err)
	}
	return guardRows{r: r, d: g.d}, nil
}

func (g guardConn) Ping(ctx context.Context) error { return g.d.check(g.c.Ping(ctx)) }

// stmt is what the driver's prepared statements implement.
type stmt interface {
	driver.Stmt
	driver.StmtExecContext
	driver.StmtQueryContext
}

type guardStmt struct {
	s stmt
	d *damage
}

func (g guardStmt) Close() error  { return g.s.Close() }
func (g guardStmt) NumInput() int { return g.s.NumInput() }

//nolint:staticcheck // required by driver.Stmt; database/sql calls the Context variants
func (g guardStmt) Exec(args []driver.Value) (driver.Result, error) {
	if err := g.d.refused(); err != nil {
		return nil, err
	}
	r, err := g.s.Exec(args) //nolint:staticcheck
	return r, g.d.check(err)
}

//nolint:staticcheck // required by driver.Stmt; database/sql calls the Context variants
func (g guardStmt) Query(args []driver.Value) (driver.Rows, error) {
	if err := g.d.refused(); err != nil {
		return nil, err
	}
	r, err := g.s.Query(args) //nolint:staticcheck
	if err != nil {
		return nil, g.d.check(err)
	}
	return guardRows{r: r, d: g.d}, nil
}

func (g guardStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	if err := g.d.refused(); err != nil {
		return nil, err
	}
	r, err := g.s.ExecContext(ctx, args)
	return r, g.d.check(err)
}

func (g guardStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	if err := g.d.refused(); err != nil {
		return nil, err
	}
	r, err := g.s.QueryContext(ctx, args)
	if err != nil {
		return nil, g.d.check(err)
	}
	return guardRows{r: r, d: g.d}, nil
}

type guardRows struct {
	r driver.Rows
	d *damage
}

func (g guardRows) Columns() []string              { return g.r.Columns() }
func (g guardRows) Close() error                   { return g.r.Close() }
func (g guardRows) Next(dest []driver.Value) error { return g.d.check(g.r.Next(dest)) }

type guardTx struct {
	tx driver.Tx
	d  *damage
}

// Commit commits, except on a database found damaged meanwhile: the
// transaction is rolled back instead and the damage returned.
func (g guardTx) Commit() error {
	if err := g.d.refused(); err != nil {
		g.tx.Rollback() //nolint:errcheck // the damage is the error to report
		return err
	}
	return g.d.check(g.tx.Commit())
}

func (g guardTx) Rollback() error { return g.d.check(g.tx.Rollback()) }
