package filestore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func sumOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// mustPut stores data and checks its hash and size.
func mustPut(tb testing.TB, s *Store, data []byte) string {
	tb.Helper()
	got, size, err := s.Put(context.Background(), bytes.NewReader(data))
	if err != nil {
		tb.Fatalf("Put: %v", err)
	}
	if want := sumOf(data); got != want || size != int64(len(data)) {
		tb.Fatalf("Put = %s, %d; want %s, %d", got, size, want, len(data))
	}
	return got
}

func TestPutLayout(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "files")
	s := New(dir)
	data := []byte("bukti: tangkapan layar TPS 17")
	h := mustPut(t, s, data)
	want := filepath.Join(dir, "sha256", h[:2], h[2:4], h)
	if got := s.Path(h); got != want {
		t.Errorf("Path = %s, want %s", got, want)
	}
	got, err := os.ReadFile(want)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("stored file = %q, %v; want %q", got, err, data)
	}
	f, err := s.Open(h)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if b, _ := io.ReadAll(f); !bytes.Equal(b, data) {
		t.Errorf("Open read %q, want %q", b, data)
	}
	// No temporary file is left beside the store.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "sha256" {
			t.Errorf("unexpected entry %s in the store's directory", e.Name())
		}
	}
}

func TestPutIdempotent(t *testing.T) {
	dir := t.TempDir()
	s := New(dir)
	data := bytes.Repeat([]byte("x"), 100_000)
	h := mustPut(t, s, data)
	st1, err := os.Stat(s.Path(h))
	if err != nil {
		t.Fatal(err)
	}
	if h2 := mustPut(t, s, data); h2 != h {
		t.Fatalf("second Put = %s, want %s", h2, h)
	}
	st2, err := os.Stat(s.Path(h))
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(st1, st2) {
		t.Error("second Put replaced the stored file; want it kept")
	}
	var n int
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, _ error) error {
		if !d.IsDir() {
			n++
		}
		return nil
	})
	if n != 1 {
		t.Errorf("got %d files in the store, want 1", n)
	}
}

// failingReader yields some bytes, then an error.
type failingReader struct{ n int }

func (r *failingReader) Read(p []byte) (int, error) {
	if r.n > 0 {
		k := min(len(p), r.n)
		r.n -= k
		return k, nil
	}
	return 0, errors.New("connection reset")
}

// TestPutAtomic: a write that fails halfway leaves no file under any name,
// neither in the layout nor a temporary one.
func TestPutAtomic(t *testing.T) {
	dir := t.TempDir()
	s := New(dir)
	if _, _, err := s.Put(context.Background(), &failingReader{n: 70_000}); err == nil {
		t.Fatal("Put of a failing reader succeeded")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := s.Put(ctx, strings.NewReader("abc")); !errors.Is(err, context.Canceled) {
		t.Fatalf("Put with a cancelled ctx = %v, want context.Canceled", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("left behind: %s", e.Name())
	}
}

func TestPathRejectsNonHash(t *testing.T) {
	s := New(t.TempDir())
	for _, h := range []string{"", "../../etc/passwd", strings.Repeat("A", 64), strings.Repeat("a", 63)} {
		if p := s.Path(h); p != "" {
			t.Errorf("Path(%q) = %q, want empty", h, p)
		}
		if _, err := s.Open(h); err == nil {
			t.Errorf("Open(%q) succeeded", h)
		}
	}
	if _, err := s.Open(sumOf([]byte("none"))); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open of a missing file = %v, want fs.ErrNotExist", err)
	}
}
