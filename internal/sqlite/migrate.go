package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"

	"github.com/tiprelay/tiprelay/internal/tip"
)

//go:embed migration/*.sql
var migrationFS embed.FS

// migrationNames returns the embedded migration file names (without the
// directory) in apply order.
func migrationNames() ([]string, error) {
	paths, err := fs.Glob(migrationFS, "migration/*.sql")
	if err != nil {
		return nil, err
	}
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = path.Base(p)
	}
	sort.Strings(names)
	return names, nil
}

// migrate creates the schema_migrations table, refuses a database that names
// a migration this binary does not have, and applies the missing migrations
// in name order, each in its own transaction.
func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.sql.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		name       TEXT PRIMARY KEY,
		applied_at INTEGER NOT NULL
	)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	names, err := migrationNames()
	if err != nil {
		return fmt.Errorf("list migrations: %w", err)
	}
	applied, err := db.appliedMigrations(ctx)
	if err != nil {
		return err
	}
	known := make(map[string]bool, len(names))
	for _, n := range names {
		known[n] = true
	}
	done := make(map[string]bool, len(applied))
	for _, n := range applied {
		if !known[n] {
			return fmt.Errorf("migration %q is unknown: %w", n, tip.ErrSchemaTooNew)
		}
		done[n] = true
	}
	for _, name := range names {
		if done[name] {
			// Applied already: no write transaction needed (applyMigration
			// checks again inside one, for a process migrating meanwhile).
			continue
		}
		if err := db.rawTx(ctx, func(tx *sql.Tx) error { return db.applyMigration(ctx, tx, name) }); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

func (db *DB) appliedMigrations(ctx context.Context) ([]string, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT name FROM schema_migrations ORDER BY name")
	if err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("read schema_migrations: %w", err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	return names, nil
}

// applyMigration runs one migration file unless it is already recorded. The
// check is inside the transaction, so two processes opening the same file
// do not both apply it.
func (db *DB) applyMigration(ctx context.Context, tx *sql.Tx, name string) error {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations WHERE name = ?", name).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	body, err := migrationFS.ReadFile("migration/" + name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", name, millis(db.Now()))
	return err
}
