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
	// RepeatsOf returns up to limit repeats of original, oldest first,
	// without their message ids and attachments.
	RepeatsOf(ctx context.Context, original int64, limit int) ([]Tip, error)
	// SetSimilar marks tip tipID as looking like tip similar ("mirip
	// #N"); 0 clears the mark.
	SetSimilar(ctx context.Context, tipID, similar int64) error
}

// Closed reports whether a police status ended the work on a tip: a
// repeat of a closed tip is worth the police's attention again.
func (s Status) Closed() bool { return s == StatusDone || s == StatusNoThreat }

// ImageAnalysis is what the analysis of one downloaded photo found: its
// perceptual hash, the text OCR read from it, and the earlier tips whose
// photos look close (found by the analysis worker's hash index).
type ImageAnalysis struct {
	AttachmentID int64
	TipID        int64
	// SHA256 is the downloaded file's hash, "" when it was not fetched.
	SHA256 string
	// Hash is the 64-bit perceptual hash, valid when Hashed.
	Hash   uint64
	Hashed bool
	// Text is what OCR read ("" for none); Read says OCR ran on the
	// image (it is off, missing, or failed otherwise).
	Text string
	Read bool
	// Note says why a part of the analysis gave up ("" when none did).
	Note string
	// Near are the tips whose photo is within NearDistance bits, closest
	// first.
	Near []NearImage
}

// NearImage is an earlier tip whose photo's hash is Distance bits away.
type NearImage struct {
	TipID    int64
	Distance int
}

// Near-duplicate screenshots (DESIGN.md "Duplicates"), in bits of a
// 64-bit pHash: re-encoding and resizing change 0-2 bits, a different
// text on the same chat layout about 18.
const (
	// NearDistance: a photo this close or closer looks like an earlier
	// one: the same when their texts agree, else marked "mirip #N".
	NearDistance = 6
	// VeryNearDistance: this close decides alone when neither photo has
	// readable text (or OCR is off).
	VeryNearDistance = 2
)

// ImageStore keeps what the analysis of tips' photos found.
type ImageStore interface {
	// SaveAnalysis records a's hash, text and note on its attachment and
	// marks it analysed at at.
	SaveAnalysis(ctx context.Context, a ImageAnalysis, at time.Time) error
	// ImageText returns the text OCR read from tip tipID's photos, and
	// whether OCR ran on any of them.
	ImageText(ctx context.Context, tipID int64) (text string, read bool, err error)
}

// SameImage decides whether two photos whose perceptual hashes are
// distance bits apart, and in which OCR read textA and textB ("" when
// none or OCR is off), show the same thing: close hashes and agreeing
// texts when both have readable text, a very close hash alone when
// neither has, never when only one has (a chat layout with and without
// words is not the same screenshot).
func SameImage(distance int, textA, textB string) bool {
	if distance > NearDistance {
		return false
	}
	a, b := HasReadableText(textA), HasReadableText(textB)
	switch {
	case a && b:
		return TextSimilarity(textA, textB) >= SameTextSimilarity
	case !a && !b:
		return distance <= VeryNearDistance
	}
	return false
}
