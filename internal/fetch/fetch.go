// Package fetch downloads the files of tips' attachments in the
// background: a durable job per attachment (queued by the store in the
// transaction that stores the tip), claimed with a lease, retried with
// exponential backoff, and finished with the file's SHA-256, size and MIME
// type once it is in the content-addressed files store, or with the
// reason it was not fetched (too large, gone). The relay never waits for
// it: a tip is relayed by its Telegram file id whatever its download does.
package fetch

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// The errors by which Files says that retrying cannot help.
var (
	// ErrTooLarge: the Bot API refuses to hand out the file for its size.
	ErrTooLarge = errors.New("file too large to download")
	// ErrGone: the Bot API does not know the file id any more.
	ErrGone = errors.New("file gone")
)

// BotAPILimit is the cloud Bot API's getFile limit, 20 MB.
const BotAPILimit = 20 << 20

// Store holds the jobs (sqlite.DownloadStore implements it).
type Store interface {
	// Claim takes up to limit jobs due at now, holding each until
	// now+lease, and counts an attempt for each.
	Claim(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]tip.Download, error)
	// Finish records a job's outcome; recorded is false when the job
	// already had one.
	Finish(ctx context.Context, d tip.Download) (recorded bool, err error)
	// Retry releases job id, due again at at.
	Retry(ctx context.Context, id int64, at time.Time, reason string) error
	// NextDue returns when the earliest pending job is due; false when
	// none is pending.
	NextDue(ctx context.Context) (time.Time, bool, error)
	// Pending counts the pending jobs.
	Pending(ctx context.Context) (int, error)
}

// Files downloads a file by its Telegram file id (the telegram Client,
// through an adapter in cmd). size is the size the Bot API announced, 0
// when unknown. An error wrapping ErrTooLarge or ErrGone is final; any
// other is retried.
type Files interface {
	DownloadFile(ctx context.Context, fileID string) (body io.ReadCloser, size int64, err error)
}

// Blobs stores a file's content and names it by its SHA-256
// (filestore.Store implements it).
type Blobs interface {
	Put(ctx context.Context, r io.Reader) (sha256 string, size int64, err error)
}

// Options tune the worker; zero values take the defaults.
type Options struct {
	// MaxSize is the largest file fetched (BotAPILimit against the cloud
	// Bot API); a job whose announced size is over it is recorded too
	// large without a download. 0 means no limit (a self-hosted Bot API
	// server).
	MaxSize int64
	// Timeout bounds one download (default 10m).
	Timeout time.Duration
	// Lease is how long a claim holds a job; a job whose worker stopped
	// is taken again after it (default 15m, longer than Timeout).
	Lease time.Duration
	// MinBackoff and MaxBackoff bound the delay before a retry, doubled
	// after each failure (defaults 10s and 1h).
	MinBackoff, MaxBackoff time.Duration
	// MaxAttempts is how many attempts a job gets before it is recorded
	// failed (default 8).
	MaxAttempts int
	// Idle is the longest wait without a notification (default 5m).
	Idle time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Observer hears of every attempt; nil hears nothing.
	Observer Observer
}

// Worker runs the download jobs one at a time.
type Worker struct {
	store  Store
	files  Files
	blobs  Blobs
	log    *slog.Logger
	opt    Options
	notify chan struct{}
}

// New returns a worker; Run starts it.
func New(store Store, files Files, blobs Blobs, log *slog.Logger, opt Options) *Worker {
	if opt.Timeout <= 0 {
		opt.Timeout = 10 * time.Minute
	}
	if opt.Lease <= 0 {
		opt.Lease = max(15*time.Minute, opt.Timeout+time.Minute)
	}
	if opt.MinBackoff <= 0 {
		opt.MinBackoff = 10 * time.Second
	}
	if opt.MaxBackoff <= 0 {
		opt.MaxBackoff = time.Hour
	}
	if opt.MaxAttempts <= 0 {
		opt.MaxAttempts = 8
	}
	if opt.Idle <= 0 {
		opt.Idle = 5 * time.Minute
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Worker{store: store, files: files, blobs: blobs, log: log, opt: opt, notify: make(chan struct{}, 1)}
}

// Notify wakes the worker: jobs were queued. It never blocks.
func (w *Worker) Notify() {
	select {
	case w.notify <- struct{}{}:
	default:
	}
}

// Run works the due jobs until ctx is done, then returns nil; a job
// interrupted by shutdown is due again at once on the next start.
func (w *Worker) Run(ctx context.Context) error {
	for {
		_, err := w.RunDue(ctx)
		if ctx.Err() != nil {
			return nil
		}
		wait := w.opt.Idle
		if err != nil {
			w.log.Error("download jobs", "err", err)
			wait = w.opt.MinBackoff
		} else if at, ok, err := w.store.NextDue(ctx); err != nil {
			w.log.Error("download jobs", "err", err)
			wait = w.opt.MinBackoff
		} else if ok {
			wait = min(wait, max(0, at.Sub(w.opt.Now())))
		}
		if w.opt.Observer != nil {
			if n, err := w.store.Pending(ctx); err == nil {
				w.opt.Observer.DownloadsPending(n)
			}
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-w.notify:
		case <-t.C:
		}
		t.Stop()
	}
}

// RunDue works every job due now, one at a time, and returns how many it
// took.
func (w *Worker) RunDue(ctx context.Context) (int, error) {
	n := 0
	for ctx.Err() == nil {
		jobs, err := w.store.Claim(ctx, w.opt.Now(), w.opt.Lease, 1)
		if err != nil || len(jobs) == 0 {
			return n, err
		}
		n++
		if err := w.do(ctx, jobs[0]); err != nil {
			return n, err
		}
	}
	return n, nil
}

// do carries out one attempt of job d and records its outcome; the error
// is the store's.
func (w *Worker) do(ctx context.Context, d tip.Download) error {
	log := w.log.With("tip", d.TipID, "attachment", d.AttachmentID, "kind", d.Kind, "attempt", d.Attempts)
	if w.opt.MaxSize > 0 && d.FileSize > w.opt.MaxSize {
		return w.finish(ctx, log, d, tip.DownloadTooLarge, fmt.Sprintf("too large: %d bytes, over the limit of %d", d.FileSize, w.opt.MaxSize))
	}
	dctx, cancel := context.WithTimeout(ctx, w.opt.Timeout)
	defer cancel()
	err := w.fetch(dctx, &d)
	switch {
	case err == nil:
		return w.finish(ctx, log, d, tip.DownloadDone, "")
	case errors.Is(err, ErrTooLarge):
		return w.finish(ctx, log, d, tip.DownloadTooLarge, err.Error())
	case errors.Is(err, ErrGone):
		return w.finish(ctx, log, d, tip.DownloadGone, err.Error())
	case ctx.Err() != nil:
		// Shutdown: due again at once on the next start.
		return w.store.Retry(context.WithoutCancel(ctx), d.AttachmentID, w.opt.Now(), "interrupted by shutdown")
	case d.Attempts >= w.opt.MaxAttempts:
		return w.finish(ctx, log, d, tip.DownloadFailed, err.Error())
	}
	delay := w.backoff(d.Attempts)
	log.Warn("download failed; retrying", "err", err, "retry_in", delay)
	w.observe(ResultRetry)
	return w.store.Retry(ctx, d.AttachmentID, w.opt.Now().Add(delay), err.Error())
}

// backoff returns the delay after attempt number attempt: MinBackoff
// doubled for each earlier attempt, at most MaxBackoff.
func (w *Worker) backoff(attempt int) time.Duration {
	d := w.opt.MinBackoff
	for i := 1; i < attempt && d < w.opt.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, w.opt.MaxBackoff)
}

// fetch downloads d's file into the blobs and fills in its SHA256, Size
// and MIME.
func (w *Worker) fetch(ctx context.Context, d *tip.Download) error {
	body, size, err := w.files.DownloadFile(ctx, d.FileID)
	if err != nil {
		return err
	}
	defer body.Close()
	if w.opt.MaxSize > 0 && size > w.opt.MaxSize {
		return fmt.Errorf("%w: %d bytes, over the limit of %d", ErrTooLarge, size, w.opt.MaxSize)
	}
	br := bufio.NewReaderSize(body, 4096)
	head, _ := br.Peek(512) // a short file, or an error the read below meets
	sum, n, err := w.blobs.Put(ctx, br)
	if err != nil {
		return fmt.Errorf("download: %w", err)
	}
	if size > 0 && n != size {
		return fmt.Errorf("download: got %d bytes, want %d", n, size)
	}
	d.SHA256, d.Size, d.MIME = sum, n, d.DeclaredMIME
	if d.MIME == "" {
		d.MIME = http.DetectContentType(head)
	}
	return nil
}

// finish records the outcome of d and reports it.
func (w *Worker) finish(ctx context.Context, log *slog.Logger, d tip.Download, status tip.DownloadStatus, reason string) error {
	d.Status, d.Reason = status, reason
	recorded, err := w.store.Finish(context.WithoutCancel(ctx), d)
	if err != nil {
		return err
	}
	if !recorded {
		return nil // another worker finished it first
	}
	switch status {
	case tip.DownloadDone:
		log.Info("file downloaded", "sha256", d.SHA256, "size", d.Size, "mime", d.MIME)
		w.observe(ResultOK)
	case tip.DownloadTooLarge:
		log.Info("file not downloaded: too large", "reason", reason)
		w.observe(ResultTooLarge)
	case tip.DownloadGone:
		log.Info("file not downloaded: gone", "reason", reason)
		w.observe(ResultGone)
	default:
		log.Error("file not downloaded: giving up", "reason", reason)
		w.observe(ResultFailed)
	}
	return nil
}

func (w *Worker) observe(r Result) {
	if w.opt.Observer != nil {
		w.opt.Observer.Downloaded(r)
	}
}
