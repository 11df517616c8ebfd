package analysis

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/filestore"
	"github.com/tiprelay/tiprelay/internal/poll"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// recordingCore stands for intake: it records each analysis and marks
// the photo analysed, as Service.Analysed does, unless fail is set.
type recordingCore struct {
	mu     sync.Mutex
	images *sqlite.ImageStore
	got    []tip.ImageAnalysis
	fail   error
}

func (c *recordingCore) Analysed(ctx context.Context, a tip.ImageAnalysis) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fail != nil {
		return false, c.fail
	}
	c.got = append(c.got, a)
	return false, c.images.SaveAnalysis(ctx, a, time.Now())
}

// world is a database and a files store with photo tips whose downloads
// ended.
type world struct {
	db    *sqlite.DB
	files *filestore.Store
}

func newWorld(t *testing.T) world {
	t.Helper()
	dir := t.TempDir()
	db, err := sqlite.Open(context.Background(), filepath.Join(dir, "tiprelay.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return world{db: db, files: filestore.New(filepath.Join(dir, "files"))}
}

// photoTip stores a tip with one photo whose download ended with status
// (and, when done, the content img).
func (w world) photoTip(t *testing.T, msg int64, status tip.DownloadStatus, img []byte) int64 {
	t.Helper()
	ctx := context.Background()
	stored, _, err := sqlite.NewTipStore(w.db).Create(ctx, tip.Tip{
		Reporter: tip.Person{ID: 7}, ChatID: 7, MessageIDs: []int64{msg},
		Attachments: []tip.Attachment{{Kind: tip.AttachPhoto, FileID: "f", FileUniqueID: "u"}},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	downloads := sqlite.NewDownloadStore(w.db)
	jobs, err := downloads.ByTip(ctx, stored.ID)
	if err != nil || len(jobs) != 1 {
		t.Fatalf("jobs = %+v, %v", jobs, err)
	}
	d := jobs[0]
	d.Status = status
	if status == tip.DownloadDone {
		if d.SHA256, d.Size, err = w.files.Put(ctx, bytes.NewReader(img)); err != nil {
			t.Fatal(err)
		}
		d.MIME = "image/png"
	} else {
		d.Reason = "file is too big"
	}
	if _, err := downloads.Finish(ctx, d); err != nil {
		t.Fatal(err)
	}
	return stored.ID
}

// picture draws a 400×300 PNG: stripes whose width depends on seed.
func picture(t *testing.T, seed int) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 400, 300))
	for y := range 300 {
		for x := range 400 {
			v := uint8(40)
			if (x/(10+seed*7)+y/(15+seed*3))%2 == 0 {
				v = 220
			}
			img.SetGray(x, y, color.Gray{Y: v})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func (w world) worker(core Core) *Worker {
	return New(sqlite.NewImageStore(w.db), w.files, nil, core, slog.New(slog.DiscardHandler), Options{Window: time.Hour})
}

// TestAnalysis: each photo whose download ended is analysed once; the same
// picture again finds the first tip, another picture does not; a photo
// that was not downloaded is recorded as such.
func TestAnalysis(t *testing.T) {
	w := newWorld(t)
	first := w.photoTip(t, 1, tip.DownloadDone, picture(t, 1))
	same := w.photoTip(t, 2, tip.DownloadDone, picture(t, 1))
	other := w.photoTip(t, 3, tip.DownloadDone, picture(t, 4))
	gone := w.photoTip(t, 4, tip.DownloadTooLarge, nil)
	core := &recordingCore{images: sqlite.NewImageStore(w.db)}
	n, err := w.worker(core).RunOnce(context.Background())
	if err != nil || n != 4 {
		t.Fatalf("RunOnce = %d, %v; want 4", n, err)
	}
	byTip := map[int64]tip.ImageAnalysis{}
	for _, a := range core.got {
		byTip[a.TipID] = a
	}
	tests := []struct {
		name     string
		tip      int64
		hashed   bool
		nearTips []int64
	}{
		{"first", first, true, nil},
		{"the same picture again", same, true, []int64{first}},
		{"another picture", other, true, nil},
		{"not downloaded", gone, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := byTip[tt.tip]
			if a.Hashed != tt.hashed || a.Read {
				t.Errorf("got hashed %v, read %v; want %v, false (OCR off)", a.Hashed, a.Read, tt.hashed)
			}
			var near []int64
			for _, n := range a.Near {
				near = append(near, n.TipID)
			}
			if len(near) != len(tt.nearTips) || (len(near) > 0 && near[0] != tt.nearTips[0]) {
				t.Errorf("got near %+v, want tips %v", a.Near, tt.nearTips)
			}
		})
	}
	if a := byTip[gone]; a.Note == "" {
		t.Error("a photo not downloaded has no note saying so")
	}
	if n, err := w.worker(core).RunOnce(context.Background()); err != nil || n != 0 {
		t.Errorf("second RunOnce = %d, %v; want nothing owed", n, err)
	}
}

// TestAnalysisAcrossRestart: an analysis that could not be recorded is
// owed again, and a new worker (a restarted bot) finds the photos hashed
// before it from the database.
func TestAnalysisAcrossRestart(t *testing.T) {
	w := newWorld(t)
	core := &recordingCore{images: sqlite.NewImageStore(w.db)}
	first := w.photoTip(t, 1, tip.DownloadDone, picture(t, 2))
	if _, err := w.worker(core).RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	second := w.photoTip(t, 2, tip.DownloadDone, picture(t, 2))
	core.fail = errors.New("database is locked")
	if _, err := w.worker(core).RunOnce(context.Background()); err == nil {
		t.Fatal("RunOnce hid the core's failure")
	}
	core.fail = nil
	restarted := w.worker(core)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { restarted.Run(ctx); close(done) }()
	poll.Until(10*time.Second, func() bool {
		restarted.Notify()
		core.mu.Lock()
		defer core.mu.Unlock()
		return len(core.got) == 2
	})
	cancel()
	<-done
	if len(core.got) != 2 {
		t.Fatalf("got %d analyses, want the owed one after the restart", len(core.got))
	}
	a := core.got[1]
	if a.TipID != second || len(a.Near) != 1 || a.Near[0].TipID != first {
		t.Errorf("after the restart: %+v, want tip %d near tip %d (loaded from the database)", a, second, first)
	}
}
