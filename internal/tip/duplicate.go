package tip

import (
	"context"
	"time"
)

// Repeat keys name what makes two tips the same report (DESIGN.md
// "Duplicates"). A key is a prefix and a value; the intake computes them
// (the link's normalisation is internal/linknorm's).
const (
	// KeyOrigin is the forwarded post: "o:<chat id>:<message id>".
	KeyOrigin = "o:"
	// KeyFile is a tip's single file: "f:<file_unique_id>".
	KeyFile = "f:"
	// KeyAlbum is an album's files: "a:" and their sorted unique ids.
	KeyAlbum = "a:"
	// KeySHA256 is a tip's single downloaded file: "s:<hex>".
	KeySHA256 = "s:"
	// KeyLink is a link after normalisation: "l:<key>".
	KeyLink = "l:"
)

// RepeatStore records which tips repeat which (DESIGN.md "Duplicates").
// An original is a tip that repeats none; a repeat always points at an
// original, never at another repeat.
type RepeatStore interface {
	// FindRepeat returns the original that the earliest tip holding one
	// of keys since since is (or repeats), and whether there is one.
	FindRepeat(ctx context.Context, keys []string, since time.Time) (original int64, found bool, err error)
	// AddKeys records keys as tip tipID's, at time at.
	AddKeys(ctx context.Context, tipID int64, keys []string, at time.Time) error
	// CountRepeat makes tip repeat a report of original (which must be an
	// original): sets its DuplicateOf, adds one to original's Reports and
	// sets its LastReportAt to at. It returns the original as it is now.
	CountRepeat(ctx context.Context, repeat, original int64, at time.Time) (Tip, error)
	// Unfold makes repeat an original again and takes its report off the
	// original it repeated, returning that original as it is now; ok is
	// false (and nothing changes) when repeat is not a repeat.
	Unfold(ctx context.Context, repeat int64) (original Tip, ok bool, err error)
	// SetSimilar marks tip tipID as looking like tip similar ("mirip
	// #N"); 0 clears the mark.
	SetSimilar(ctx context.Context, tipID, similar int64) error
}

// Closed reports whether a police status ended the work on a tip: a
// repeat of a closed tip is worth the police's attention again.
func (s Status) Closed() bool { return s == StatusDone || s == StatusNoThreat }
