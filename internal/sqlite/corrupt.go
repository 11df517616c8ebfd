package sqlite

import (
	"errors"
	"sync"

	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// CorruptError is the error of a database call on a file SQLite found
// damaged (SQLITE_CORRUPT, SQLITE_NOTADB) or whose quick_check failed. It
// matches tip.ErrCorrupt with errors.Is and unwraps to the driver's error
// (a sqlite3.Error) or the integrity check's report.
type CorruptError struct {
	Err error
}

// Error returns "database is damaged (<SQLite's message>)".
func (e *CorruptError) Error() string {
	return tip.ErrCorrupt.Error() + " (" + e.Err.Error() + ")"
}

// Unwrap returns tip.ErrCorrupt and the underlying error.
func (e *CorruptError) Unwrap() []error { return []error{tip.ErrCorrupt, e.Err} }

// IsCorrupt reports whether err says the database file is damaged: it
// matches tip.ErrCorrupt, or it holds a sqlite3.Error whose code is
// SQLITE_CORRUPT or SQLITE_NOTADB (extended codes included).
func IsCorrupt(err error) bool {
	return errors.Is(err, tip.ErrCorrupt) || corruptCode(err)
}

// corruptCode reports whether err holds a sqlite3.Error of a damaged file.
func corruptCode(err error) bool {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return false
	}
	// The low byte of an extended code is its primary code.
	code := se.Code
	if code == 0 {
		code = sqlite3.ErrNo(se.ExtendedCode & 0xff)
	}
	return code == sqlite3.ErrCorrupt || code == sqlite3.ErrNotADB
}

// damage remembers the first sign of a damaged file on one database. Once
// SQLite has reported the file damaged, every later statement on any
// connection is refused with the same error: writing on would risk
// spreading the damage, and every part of the bot stops at its next call
// instead of working on with half a database.
type damage struct {
	once  sync.Once
	first *CorruptError // set before done is closed
	done  chan struct{}
}

func newDamage() *damage { return &damage{done: make(chan struct{})} }

// check passes err through, except that a driver error of a damaged file
// becomes a *CorruptError and trips the latch.
func (d *damage) check(err error) error {
	if err == nil || !corruptCode(err) {
		return err
	}
	var ce *CorruptError
	if errors.As(err, &ce) {
		d.trip(ce)
		return err
	}
	ce = &CorruptError{Err: err}
	d.trip(ce)
	return ce
}

// trip records ce as the database's damage, unless one is recorded.
func (d *damage) trip(ce *CorruptError) {
	d.once.Do(func() {
		d.first = ce
		close(d.done)
	})
}

// refused returns the recorded damage, or nil while there is none.
func (d *damage) refused() error {
	select {
	case <-d.done:
		return d.first
	default:
		return nil
	}
}

// Damaged returns a channel closed when SQLite first reports the database
// file damaged, by any statement or by QuickCheck. From then on every
// statement fails with the error DamageErr returns.
func (db *DB) Damaged() <-chan struct{} { return db.damage.done }

// DamageErr returns the *CorruptError of the first report of damage, or
// nil while none was seen.
func (db *DB) DamageErr() error { return db.damage.refused() }
