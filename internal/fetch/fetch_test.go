package fetch_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/fetch"
	"github.com/tiprelay/tiprelay/internal/filestore"
	"github.com/tiprelay/tiprelay/internal/poll"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

const testToken = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"

var staff = telegramtest.User{ID: 5_001_234_567, FirstName: "Made"}

// world is an emulator, a database and a files store.
type world struct {
	srv    *telegramtest.Server
	client *telegram.Client
	db     *sqlite.DB
	store  *sqlite.DownloadStore
	blobs  *filestore.Store
	obs    *countObserver
	msgID  int64
}

func mustWorld(tb testing.TB) *world {
	tb.Helper()
	srv := telegramtest.NewServer(testToken)
	tb.Cleanup(srv.Close)
	client, err := telegram.NewClient(telegram.ClientConfig{Token: testToken, APIURL: srv.URL()})
	if err != nil {
		tb.Fatal(err)
	}
	dir := tb.TempDir()
	db, err := sqlite.Open(context.Background(), filepath.Join(dir, "tiprelay.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return &world{srv: srv, client: client, db: db, store: sqlite.NewDownloadStore(db),
		blobs: filestore.New(filepath.Join(dir, "files")), obs: &countObserver{n: map[fetch.Result]int{}}}
}

// worker returns a worker on w with fast retries.
func (w *world) worker(opt fetch.Options) *fetch.Worker {
	if opt.MinBackoff == 0 {
		opt.MinBackoff = 10 * time.Millisecond
	}
	opt.Observer = w.obs
	return fetch.New(w.store, files{w.client}, w.blobs, nil, opt)
}

// files is what cmd/tiprelay's adapter does: Telegram's refusals as fetch
// knows them.
type files struct{ c *telegram.Client }

func (f files) DownloadFile(ctx context.Context, id string) (io.ReadCloser, int64, error) {
	body, size, err := f.c.DownloadFile(ctx, id)
	switch {
	case errors.Is(err, telegram.ErrFileTooBig):
		err = fmt.Errorf("%w: %w", fetch.ErrTooLarge, err)
	case errors.Is(err, telegram.ErrFileGone):
		err = fmt.Errorf("%w: %w", fetch.ErrGone, err)
	}
	return body, size, err
}

// mustTip stores a tip with the attachments and returns its number.
func (w *world) mustTip(tb testing.TB, atts ...tip.Attachment) int64 {
	tb.Helper()
	w.msgID++
	for i := range atts {
		atts[i].MessageID = w.msgID
	}
	t, _, err := sqlite.NewTipStore(w.db).Create(context.Background(), tip.Tip{
		UpdateID: w.msgID, Reporter: tip.Person{ID: staff.ID}, ChatID: staff.ID,
		MessageIDs: []int64{w.msgID}, Attachments: atts,
	}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return t.ID
}

// mustJobs returns the jobs of tip id.
func (w *world) mustJobs(tb testing.TB, id int64) []tip.Download {
	tb.Helper()
	got, err := w.store.ByTip(context.Background(), id)
	if err != nil {
		tb.Fatal(err)
	}
	return got
}

// document makes the emulator hold a document and returns its attachment.
func (w *world) document(name, mime string, content []byte, size int64) tip.Attachment {
	m := telegramtest.DocumentMsg(name, mime, content, "")
	m.Document.FileSize = size
	d := w.srv.UserSends(staff, m).Document
	return tip.Attachment{Kind: tip.AttachDocument, FileID: d.FileID, FileUniqueID: d.FileUniqueID,
		FileSize: d.FileSize, FileName: name, MimeType: mime}
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// serverBytes fetches a file's bytes from the emulator on another path.
func serverBytes(tb testing.TB, c *telegram.Client, fileID string) []byte {
	tb.Helper()
	body, _, err := c.OpenFile(context.Background(), fileID)
	if err != nil {
		tb.Fatal(err)
	}
	defer body.Close()
	b, err := io.ReadAll(body)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

type countObserver struct {
	mu      sync.Mutex
	n       map[fetch.Result]int
	pending int
	reports int
}

func (o *countObserver) Downloaded(r fetch.Result) { o.mu.Lock(); o.n[r]++; o.mu.Unlock() }
func (o *countObserver) DownloadsPending(n int) {
	o.mu.Lock()
	o.pending = n
	o.reports++
	o.mu.Unlock()
}
func (o *countObserver) count(r fetch.Result) int { o.mu.Lock(); defer o.mu.Unlock(); return o.n[r] }

// waitFor polls cond until it holds or 10 s pass.
func waitFor(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	if !poll.Until(10*time.Second, cond) {
		tb.Fatalf("timed out waiting for %s", what)
	}
}

// TestDownloadsPhotoAndDocument: both are stored under their SHA-256,
// which matches the emulator's bytes, with their size and MIME type.
func TestDownloadsPhotoAndDocument(t *testing.T) {
	w := mustWorld(t)
	photo := w.srv.UserSends(staff, telegramtest.Photo("bukti")).Photo
	big := photo[len(photo)-1]
	pdf := []byte("%PDF-1.7 laporan TPS 17")
	id := w.mustTip(t,
		tip.Attachment{Kind: tip.AttachPhoto, FileID: big.FileID, FileUniqueID: big.FileUniqueID, FileSize: big.FileSize},
		w.document("laporan.pdf", "application/pdf", pdf, 0))
	n, err := w.worker(fetch.Options{MaxSize: fetch.BotAPILimit}).RunDue(context.Background())
	if err != nil || n != 2 {
		t.Fatalf("RunDue = %d, %v; want 2 jobs", n, err)
	}
	photoBytes := serverBytes(t, w.client, big.FileID)
	want := []struct {
		data []byte
		mime string
	}{{photoBytes, "image/png"}, {pdf, "application/pdf"}}
	for i, d := range w.mustJobs(t, id) {
		if d.Status != tip.DownloadDone || d.SHA256 != sum(want[i].data) || d.Size != int64(len(want[i].data)) || d.MIME != want[i].mime {
			t.Errorf("job %d = %+v; want done, sha256 %s, size %d, %s", i, d, sum(want[i].data), len(want[i].data), want[i].mime)
		}
		got, err := os.ReadFile(w.blobs.Path(d.SHA256))
		if err != nil || !bytes.Equal(got, want[i].data) {
			t.Errorf("stored file %d: %v, equal %v", i, err, bytes.Equal(got, want[i].data))
		}
	}
	if got := w.obs.count(fetch.ResultOK); got != 2 {
		t.Errorf("observed %d ok, want 2", got)
	}
}

// TestTooLargeAndGone: over the limit known from the update, no call is
// made; Telegram's "file is too big" and an unknown file id are recorded
// without retries.
func TestTooLargeAndGone(t *testing.T) {
	w := mustWorld(t)
	huge := w.document("video.mp4", "video/mp4", []byte("tiny"), 25<<20)
	// The cloud Bot API: the announced size decides, getFile is not called.
	cloud := w.mustTip(t, huge)
	if _, err := w.worker(fetch.Options{MaxSize: fetch.BotAPILimit}).RunDue(context.Background()); err != nil {
		t.Fatal(err)
	}
	if d := w.mustJobs(t, cloud)[0]; d.Status != tip.DownloadTooLarge || d.Reason == "" || d.SHA256 != "" {
		t.Errorf("job = %+v, want too_large with a reason", d)
	}
	if calls := w.srv.CallsTo("getFile"); len(calls) != 0 {
		t.Errorf("got %d getFile calls, want none", len(calls))
	}
	// No limit of its own (a self-hosted server): the server's refusal
	// decides. And a file id Telegram does not know is gone.
	selfHosted := w.mustTip(t, huge)
	gone := w.mustTip(t, tip.Attachment{Kind: tip.AttachDocument, FileID: "BQACAgUAAxkBAAInoSuchFile"})
	if _, err := w.worker(fetch.Options{}).RunDue(context.Background()); err != nil {
		t.Fatal(err)
	}
	if d := w.mustJobs(t, selfHosted)[0]; d.Status != tip.DownloadTooLarge || d.Attempts != 1 {
		t.Errorf("job = %+v, want too_large after one attempt", d)
	}
	if d := w.mustJobs(t, gone)[0]; d.Status != tip.DownloadGone || d.Attempts != 1 {
		t.Errorf("job = %+v, want gone after one attempt", d)
	}
	if n, _ := w.store.Pending(context.Background()); n != 0 {
		t.Errorf("Pending = %d, want 0", n)
	}
}

// TestRetriedAfter500: a download answered 500 is retried after a backoff
// and then stored.
func TestRetriedAfter500(t *testing.T) {
	w := mustWorld(t)
	data := []byte("isi dokumen")
	id := w.mustTip(t, w.document("a.txt", "text/plain", data, 0))
	w.srv.FailNext("file", 1, telegramtest.InternalError())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- w.worker(fetch.Options{}).Run(ctx) }()
	waitFor(t, "the download after a retry", func() bool { return w.mustJobs(t, id)[0].Status == tip.DownloadDone })
	cancel()
	<-done
	d := w.mustJobs(t, id)[0]
	if d.Attempts != 2 || d.SHA256 != sum(data) {
		t.Errorf("job = %+v, want done on attempt 2 with sha256 %s", d, sum(data))
	}
	if w.obs.count(fetch.ResultRetry) != 1 || w.obs.count(fetch.ResultOK) != 1 {
		t.Errorf("observed %v, want one retry and one ok", w.obs.n)
	}
}

// TestGivesUpAfterMaxAttempts: an outage longer than the attempts allow
// ends in failed.
func TestGivesUpAfterMaxAttempts(t *testing.T) {
	w := mustWorld(t)
	id := w.mustTip(t, w.document("a.txt", "text/plain", []byte("x"), 0))
	w.srv.Outage(time.Minute, 502, "getFile")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go w.worker(fetch.Options{MaxAttempts: 3}).Run(ctx)
	waitFor(t, "the job to fail", func() bool { return w.mustJobs(t, id)[0].Status == tip.DownloadFailed })
	if d := w.mustJobs(t, id)[0]; d.Attempts != 3 || d.Reason == "" {
		t.Errorf("job = %+v, want failed after 3 attempts with a reason", d)
	}
}

// TestRestartMidJob: a job claimed by a worker that then died is taken
// again once its lease expires and completed once.
func TestRestartMidJob(t *testing.T) {
	w := mustWorld(t)
	data := bytes.Repeat([]byte("bukti "), 10_000)
	id := w.mustTip(t, w.document("b.bin", "application/octet-stream", data, 0))
	// The first worker claims the job and is killed before finishing.
	if jobs, err := w.store.Claim(context.Background(), time.Now(), 300*time.Millisecond, 1); err != nil || len(jobs) != 1 {
		t.Fatalf("Claim = %v, %v", jobs, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- w.worker(fetch.Options{}).Run(ctx) }()
	waitFor(t, "the job to complete", func() bool { return w.mustJobs(t, id)[0].Status == tip.DownloadDone })
	cancel()
	<-done
	d := w.mustJobs(t, id)[0]
	if d.Attempts != 2 || d.SHA256 != sum(data) || d.Size != int64(len(data)) {
		t.Errorf("job = %+v, want done on attempt 2, sha256 %s", d, sum(data))
	}
	if got := w.obs.count(fetch.ResultOK); got != 1 {
		t.Errorf("observed %d completions, want 1", got)
	}
	if calls := w.srv.CallsTo("getFile"); len(calls) != 1 {
		t.Errorf("got %d getFile calls, want 1", len(calls))
	}
}

// TestNotifyWakes: a job queued while the worker idles is done at once on
// Notify, not after the idle wait.
func TestNotifyWakes(t *testing.T) {
	w := mustWorld(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	wk := w.worker(fetch.Options{Idle: time.Hour})
	go wk.Run(ctx)
	waitFor(t, "the idle report", func() bool { w.obs.mu.Lock(); defer w.obs.mu.Unlock(); return w.obs.reports > 0 })
	id := w.mustTip(t, w.document("c.txt", "text/plain", []byte("c"), 0))
	wk.Notify()
	waitFor(t, "the download", func() bool { return w.mustJobs(t, id)[0].Status == tip.DownloadDone })
}
