// Package analysis looks at the photos of tips once their files are
// downloaded: a perceptual hash (internal/phash) and the text Tesseract
// reads (internal/ocr, when available). It keeps an in-memory index of
// the hashes of the duplicate window's photos so that finding the close
// ones among a million stays in microseconds, and hands each result to
// the application core (intake.Service.Analysed), which decides what it
// means in one transaction. The job is durable without a table of its
// own: a photo whose download ended and whose analysis is not recorded
// is owed one, so a restart resumes where the last process stopped.
package analysis

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/tiprelay/tiprelay/internal/phash"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// Store lists the photos owed an analysis and the hashes already known
// (sqlite.ImageStore implements it).
type Store interface {
	Unanalysed(ctx context.Context, limit int) ([]sqlite.ImageJob, error)
	Hashes(ctx context.Context, since time.Time) ([]sqlite.ImageHash, error)
}

// Blobs opens a downloaded file by its SHA-256 (filestore.Store).
type Blobs interface {
	Open(sha256 string) (*os.File, error)
}

// Reader reads the text in an image (ocr.Reader); nil when OCR is off.
type Reader interface {
	Read(ctx context.Context, image []byte) (string, error)
}

// Core records an analysis and acts on it (intake.Service); folded says
// the tip turned out to repeat an earlier one.
type Core interface {
	Analysed(ctx context.Context, a tip.ImageAnalysis) (folded bool, err error)
}

// maxImageBytes bounds the file read into memory for one analysis: the
// cloud Bot API's 20 MB.
const maxImageBytes = 20 << 20

// Options tune the worker.
type Options struct {
	// Window is how far back photos are compared (the duplicate window);
	// 0 compares none, though photos are still hashed and read.
	Window time.Duration
	// Poll is how often the worker looks for work when not woken
	// (default 5s).
	Poll time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Observer, when set, hears of each analysis.
	Observer Observer
}

// Worker analyses photos one at a time.
type Worker struct {
	store Store
	blobs Blobs
	ocr   Reader
	core  Core
	log   *slog.Logger
	opt   Options
	index phash.Index
	wake  chan struct{}
}

// New returns a worker; ocr may be nil (OCR off or unavailable).
func New(store Store, blobs Blobs, ocr Reader, core Core, log *slog.Logger, opt Options) *Worker {
	if opt.Poll <= 0 {
		opt.Poll = 5 * time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Worker{store: store, blobs: blobs, ocr: ocr, core: core, log: log, opt: opt, wake: make(chan struct{}, 1)}
}

// Notify wakes the worker (a download ended); it never blocks.
func (w *Worker) Notify() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Run loads the window's hashes into the index, then analyses owed
// photos until ctx is done. A storage error is logged and retried at the
// next poll.
func (w *Worker) Run(ctx context.Context) {
	tick := time.NewTicker(w.opt.Poll)
	defer tick.Stop()
	for ctx.Err() == nil {
		known, err := w.store.Hashes(ctx, w.opt.Now().Add(-w.opt.Window))
		if err == nil {
			for _, h := range known {
				w.index.Add(phash.Hash(h.Hash), h.TipID)
			}
			w.log.Info("image analysis started", "hashes", len(known), "ocr", w.ocr != nil)
			break
		}
		w.log.Warn("loading the photo hashes failed; will retry", "err", err)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
	for ctx.Err() == nil {
		n, err := w.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			w.log.Warn("image analysis failed; will retry", "err", err)
		}
		if n > 0 && err == nil {
			continue // maybe more owed
		}
		select {
		case <-ctx.Done():
		case <-w.wake:
		case <-tick.C:
		}
	}
}

// RunOnce analyses up to 10 owed photos and returns how many it
// recorded.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	jobs, err := w.store.Unanalysed(ctx, 10)
	if err != nil {
		return 0, err
	}
	for i, j := range jobs {
		a, result, took := w.analyse(ctx, j)
		if ctx.Err() != nil {
			return i, ctx.Err()
		}
		folded, err := w.core.Analysed(ctx, a)
		if err != nil {
			return i, err
		}
		if w.opt.Observer != nil {
			w.opt.Observer.Analysed(result, took, folded)
		}
		if a.Hashed {
			w.index.Add(phash.Hash(a.Hash), a.TipID)
		}
	}
	return len(jobs), nil
}

// analyse hashes and reads photo j; what fails is noted, never fatal.
// It returns the outcome and how long OCR took.
func (w *Worker) analyse(ctx context.Context, j sqlite.ImageJob) (tip.ImageAnalysis, Result, time.Duration) {
	a := tip.ImageAnalysis{AttachmentID: j.AttachmentID, TipID: j.TipID}
	if j.Status != tip.DownloadDone || j.SHA256 == "" {
		a.Note = "not downloaded: " + string(j.Status)
		return a, ResultNotDownloaded, 0
	}
	a.SHA256 = j.SHA256
	data, err := w.read(j.SHA256)
	if err != nil {
		a.Note = "file unreadable: " + err.Error()
		return a, ResultUnreadable, 0
	}
	result := ResultOCROff
	h, err := phash.Decode(bytes.NewReader(data))
	if err != nil {
		a.Note = "not an image the hash reads: " + err.Error()
		result = ResultUnreadable
	} else {
		a.Hash, a.Hashed = uint64(h), true
		for _, m := range w.index.Near(h, tip.NearDistance) {
			if m.ID != j.TipID {
				a.Near = append(a.Near, tip.NearImage{TipID: m.ID, Distance: m.Distance})
			}
		}
		a.Near = sortNear(a.Near)
	}
	if w.ocr == nil || result == ResultUnreadable {
		return a, result, 0
	}
	start := time.Now()
	text, err := w.ocr.Read(ctx, data)
	took := time.Since(start)
	switch {
	case err != nil:
		a.Note = joinNote(a.Note, "ocr: "+err.Error())
		result = ResultOCRFailed
	case text == "":
		a.Read, result = true, ResultNoText
	default:
		a.Text, a.Read, result = text, true, ResultRead
	}
	return a, result, took
}

// read loads the stored file, at most maxImageBytes.
func (w *Worker) read(sha string) ([]byte, error) {
	f, err := w.blobs.Open(sha)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxImageBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxImageBytes {
		return nil, errors.New("larger than 20 MB")
	}
	return data, nil
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}
