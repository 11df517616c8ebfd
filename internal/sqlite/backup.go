package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"

	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// ErrNotTiprelay means a file is an SQLite database but not one of
// tiprelay's: it has no schema_migrations table of tiprelay's shape, or
// its first migration is not tiprelay's.
var ErrNotTiprelay = errors.New("not a tiprelay database")

// VacuumInto writes a consistent copy of the database to path with
// SQLite's VACUUM INTO, in one step: the copy is read in one read
// transaction, so it holds exactly the transactions committed before it
// began, while the bot goes on writing (in WAL mode a reader never blocks
// a writer). The copy is compact (no free pages, so nothing deleted
// before survives in it) and is not synced to disk: the caller fsyncs it.
// path must not exist or must be an empty file. It fails on a DB bound to
// a transaction.
func (db *DB) VacuumInto(ctx context.Context, path string) error {
	if db.tx != nil {
		return fmt.Errorf("vacuum into %s: inside a transaction", path)
	}
	if _, err := db.sql.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("vacuum into %s: %w", path, db.damage.check(err))
	}
	return nil
}

// CopyInfo describes a copy of a tiprelay database checked by InspectCopy.
type CopyInfo struct {
	// Size is the file's size in bytes.
	Size int64
	// Tips is the number of tips; LastTip the highest tip number, 0 for
	// none.
	Tips, LastTip int64
	// Pending is the number of migrations this binary knows that the copy
	// has not had yet: a copy made by an older version, which the bot
	// migrates when it opens it.
	Pending int
}

// InspectCopy checks that the file at path is a sound tiprelay database
// that this binary can run on, and returns what it holds. full runs PRAGMA
// integrity_check (every page, and every index against its table);
// otherwise PRAGMA quick_check (every page, no cross-check), which is
// several times faster.
//
// It is meant for a copy that the caller owns: it never migrates the
// file, but a copy in WAL mode has its WAL folded in and is switched to
// rollback journal mode, so that it is one self-contained file (the bot
// switches it back to WAL when it opens it). Errors: a damaged file
// returns a *CorruptError (matching tip.ErrCorrupt); a file that is not an
// SQLite database, or not tiprelay's, one wrapping ErrNotTiprelay; a copy
// written by a newer version one wrapping tip.ErrSchemaTooNew.
func InspectCopy(ctx context.Context, path string, full bool) (CopyInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return CopyInfo{}, fmt.Errorf("inspect copy: %w", err)
	}
	if !st.Mode().IsRegular() {
		return CopyInfo{}, fmt.Errorf("inspect copy: %s is not a regular file", path)
	}
	if strings.Contains(path, "?") {
		return CopyInfo{}, fmt.Errorf("inspect copy: path %q must not contain '?'", path)
	}
	// A plain connection: no WAL setting, no migrations, no foreign keys.
	dmg := newDamage()
	sqldb := sql.OpenDB(connector{dsn: "file:" + path + "?_busy_timeout=5000", drv: &sqlite3.SQLiteDriver{}, damage: dmg})
	defer sqldb.Close()
	sqldb.SetMaxOpenConns(1)
	info := CopyInfo{Size: st.Size()}
	if err := checkPages(ctx, sqldb, full); err != nil {
		return info, notTiprelay(err)
	}
	if info.Pending, err = copyMigrations(ctx, sqldb); err != nil {
		return info, err
	}
	if err := sqldb.QueryRowContext(ctx, "SELECT count(*), coalesce(max(id), 0) FROM tips").Scan(&info.Tips, &info.LastTip); err != nil {
		return info, fmt.Errorf("count tips: %w", err)
	}
	var mode string
	if err := sqldb.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return info, fmt.Errorf("journal mode: %w", err)
	}
	if strings.EqualFold(mode, "wal") {
		if err := sqldb.QueryRowContext(ctx, "PRAGMA journal_mode = DELETE").Scan(&mode); err != nil {
			return info, fmt.Errorf("fold the WAL into the copy: %w", err)
		}
	}
	if err := sqldb.Close(); err != nil {
		return info, fmt.Errorf("close copy: %w", err)
	}
	if st, err := os.Stat(path); err == nil {
		info.Size = st.Size()
	}
	return info, nil
}

// checkPages runs integrity_check (full) or quick_check on db and returns
// a *CorruptError listing the first problems it reports.
func checkPages(ctx context.Context, db *sql.DB, full bool) error {
	pragma := "quick_check"
	if full {
		pragma = "integrity_check"
	}
	rows, err := db.QueryContext(ctx, "PRAGMA "+pragma+"(5)")
	if err != nil {
		return fmt.Errorf("%s: %w", pragma, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("%s: %w", pragma, err)
		}
		problems = append(problems, strings.Join(strings.Fields(line), " "))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", pragma, err)
	}
	if len(problems) == 1 && problems[0] == "ok" {
		return nil
	}
	report := strings.Join(problems, "; ")
	if len(report) > 300 {
		report = report[:300] + "…"
	}
	return &CorruptError{Err: errors.New(pragma + ": " + report)}
}

// notTiprelay turns SQLite's "file is not a database" into ErrNotTiprelay:
// the file is something else altogether (a damaged header says the same,
// and the message keeps SQLite's words).
func notTiprelay(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrNotADB || sqlite3.ErrNo(se.ExtendedCode&0xff) == sqlite3.ErrNotADB) {
		return fmt.Errorf("%w (%v)", ErrNotTiprelay, se)
	}
	return err
}

// copyMigrations checks the migrations recorded in a copy against this
// binary's and returns how many it lacks.
func copyMigrations(ctx context.Context, db *sql.DB) (pending int, err error) {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master
		WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&n); err != nil {
		return 0, notTiprelay(fmt.Errorf("read schema: %w", err))
	}
	if n == 0 {
		return 0, fmt.Errorf("%w (no schema_migrations table)", ErrNotTiprelay)
	}
	rows, err := db.QueryContext(ctx, "SELECT name FROM schema_migrations")
	if err != nil {
		return 0, fmt.Errorf("%w (schema_migrations: %v)", ErrNotTiprelay, err)
	}
	defer rows.Close()
	applied := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return 0, fmt.Errorf("%w (schema_migrations: %v)", ErrNotTiprelay, err)
		}
		applied[name] = true
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("read schema_migrations: %w", err)
	}
	names, err := migrationNames()
	if err != nil {
		return 0, fmt.Errorf("list migrations: %w", err)
	}
	if !applied[names[0]] {
		return 0, fmt.Errorf("%w (migration %s is not recorded)", ErrNotTiprelay, names[0])
	}
	known := map[string]bool{}
	for _, name := range names {
		known[name] = true
		if !applied[name] {
			pending++
		}
	}
	for name := range applied {
		if !known[name] {
			return 0, fmt.Errorf("migration %q is unknown: %w", name, tip.ErrSchemaTooNew)
		}
	}
	return pending, nil
}
