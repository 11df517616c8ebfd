package ocr

import (
	"bytes"
	"context"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/poll"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// MustTesseract returns a Reader on the installed tesseract with opts. When
// tesseract or its Indonesian pack is missing it skips the test, or fails
// it when TIPRELAY_REQUIRE_OCR=1 (as CI sets).
func MustTesseract(tb testing.TB, opts Options) *Reader {
	tb.Helper()
	r, err := New(context.Background(), opts)
	switch {
	case errors.Is(err, ErrUnavailable) && os.Getenv("TIPRELAY_REQUIRE_OCR") == "1":
		tb.Fatalf("tesseract is required (TIPRELAY_REQUIRE_OCR=1): %v", err)
	case errors.Is(err, ErrUnavailable):
		tb.Skipf("needs tesseract: %v (TIPRELAY_REQUIRE_OCR=1 makes this a failure)", err)
	case err != nil:
		tb.Fatalf("New: %v", err)
	}
	return r
}

// MustFixture returns the bytes of testdata/name.
func MustFixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// MustFakeTesseract writes a shell script standing in for tesseract and
// returns its path: it lists the languages eng, ind and osd for
// --list-langs, and runs body for anything else.
func MustFakeTesseract(tb testing.TB, body string) string {
	tb.Helper()
	return MustScript(tb, "if [ \"$1\" = --list-langs ]; then\n"+
		"  printf 'List of available languages in \"/fake/\" (3):\\neng\\nind\\nosd\\n'\n"+
		"  exit 0\n"+
		"fi\n"+body)
}

// MustScript writes a shell script running body to a temporary directory
// and returns its path.
func MustScript(tb testing.TB, body string) string {
	tb.Helper()
	if runtime.GOOS == "windows" {
		tb.Skip("the fake tesseract is a shell script")
	}
	path := filepath.Join(tb.TempDir(), "fake-tesseract")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		tb.Fatal(err)
	}
	return path
}

// MustFakeReader returns a Reader on MustFakeTesseract(body).
func MustFakeReader(tb testing.TB, body string, opts Options) *Reader {
	tb.Helper()
	opts.Command = MustFakeTesseract(tb, body)
	r, err := New(context.Background(), opts)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return r
}

// MustTinyPNG returns a valid 4×4 PNG.
func MustTinyPNG(tb testing.TB) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// waitFor polls cond until it holds or 10 s pass.
func waitFor(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	if !poll.Until(10*time.Second, cond) {
		tb.Fatalf("timed out waiting for %s", what)
	}
}

// TestReadScreenshots reads every fixture once with the real tesseract,
// then checks the words read and how stable the text is when the same
// screenshot is re-encoded or resized.
func TestReadScreenshots(t *testing.T) {
	r := MustTesseract(t, Options{Workers: 2})
	files := []string{"chat.png", "chat-q70.jpg", "chat-75.png", "chat-dark.png", "chat-other.png", "post.png", "photo.png"}
	texts := make(map[string]string, len(files))
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, f := range files {
		img := MustFixture(t, f)
		wg.Go(func() {
			got, err := r.Read(context.Background(), img)
			if err != nil {
				t.Errorf("Read(%s): %v", f, err)
			}
			mu.Lock()
			texts[f] = got
			mu.Unlock()
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}

	words := []struct {
		name, file string
		want       []string
	}{
		{"chat", "chat.png", []string{"TPS 17 DITUTUP", "Warga diminta tidak datang ke TPS 17 Desa", "Diskominfos"}},
		{"chat as JPEG", "chat-q70.jpg", []string{"TPS 17 DITUTUP", "Warga diminta tidak datang"}},
		{"chat at 75%", "chat-75.png", []string{"TPS 17 DITUTUP", "Warga diminta tidak datang"}},
		{"chat in dark mode", "chat-dark.png", []string{"TPS 17 DITUTUP", "Warga diminta tidak datang"}},
		{"other chat", "chat-other.png", []string{"Jembatan Tukad Ayung", "Grup Relawan Desa Kuta"}},
		{"post", "post.png", []string{"Gianyar", "#hoaks", "jembatan di Gianyar putus"}},
	}
	for _, tc := range words {
		t.Run("words/"+tc.name, func(t *testing.T) {
			got := texts[tc.file]
			for _, w := range tc.want {
				if !strings.Contains(strings.ToLower(got), strings.ToLower(w)) {
					t.Errorf("text of %s lacks %q; got:\n%s", tc.file, w, got)
				}
			}
			if !tip.HasReadableText(got) {
				t.Errorf("HasReadableText(text of %s) = false, want true", tc.file)
			}
		})
	}
	t.Run("words/photo", func(t *testing.T) {
		if got := texts["photo.png"]; got != "" || tip.HasReadableText(got) {
			t.Errorf("text of photo.png = %q, want \"\"", got)
		}
	})

	similar := []struct {
		name, a, b string
		same       bool
	}{
		{"JPEG quality 70", "chat.png", "chat-q70.jpg", true},
		{"resized to 75%", "chat.png", "chat-75.png", true},
		{"dark mode", "chat.png", "chat-dark.png", true},
		{"other messages", "chat.png", "chat-other.png", false},
		{"other messages at 75%", "chat-75.png", "chat-other.png", false},
		{"post", "chat.png", "post.png", false},
	}
	for _, tc := range similar {
		t.Run("similarity/"+tc.name, func(t *testing.T) {
			s := tip.TextSimilarity(texts[tc.a], texts[tc.b])
			t.Logf("TextSimilarity(%s, %s) = %.3f", tc.a, tc.b, s)
			if got, want := s >= tip.SameTextSimilarity, tc.same; got != want {
				t.Errorf("TextSimilarity(%s, %s) = %.3f: same = %v, want %v (threshold %.2f)",
					tc.a, tc.b, s, got, want, tip.SameTextSimilarity)
			}
		})
	}
}

// TestReadUnreadable: what is not an image, or too large, never reaches
// tesseract; an image it cannot decode comes back as ErrUnreadable too.
func TestReadUnreadable(t *testing.T) {
	ran := filepath.Join(t.TempDir(), "ran")
	fake := MustFakeReader(t, "touch "+ran+"; exit 1", Options{})
	chat := MustFixture(t, "chat.png")
	tests := []struct {
		name string
		img  []byte
	}{
		{"empty", nil},
		{"garbage", []byte("/etc/passwd\n/data/tiprelay.db\nnot an image at all")},
		{"too many bytes", append(bytes.Clone(chat), make([]byte, MaxImageBytes)...)},
		{"too many pixels", pngHeader(20000, 20000)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := fake.Read(context.Background(), tc.img)
			if !errors.Is(err, ErrUnreadable) {
				t.Errorf("Read: err = %v, want ErrUnreadable", err)
			}
			if _, err := os.Stat(ran); err == nil {
				t.Errorf("tesseract ran for %s", tc.name)
			}
		})
	}
	t.Run("truncated PNG", func(t *testing.T) {
		r := MustTesseract(t, Options{})
		_, err := r.Read(context.Background(), chat[:3000])
		if !errors.Is(err, ErrUnreadable) {
			t.Fatalf("Read: err = %v, want ErrUnreadable", err)
		}
		t.Logf("error: %v", err)
	})
}

// pngHeader returns the signature and IHDR chunk of a w×h grey PNG: enough
// for image.DecodeConfig.
func pngHeader(w, h uint32) []byte {
	ihdr := []byte("IHDR\x00\x00\x00\x00\x00\x00\x00\x00\x08\x00\x00\x00\x00")
	for i, v := range []uint32{w, h} {
		ihdr[4+4*i], ihdr[5+4*i], ihdr[6+4*i], ihdr[7+4*i] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v)
	}
	c := crc32.ChecksumIEEE(ihdr)
	out := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0d")
	out = append(out, ihdr...)
	return append(out, byte(c>>24), byte(c>>16), byte(c>>8), byte(c))
}

// TestNewUnavailable: New explains what is missing.
func TestNewUnavailable(t *testing.T) {
	failing := MustScript(t, "echo 'cannot load libtesseract' >&2; exit 127")
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"command not in PATH", Options{Command: "tiprelay-no-such-tesseract"}, "tiprelay-no-such-tesseract not found in PATH: install tesseract-ocr and tesseract-ocr-ind"},
		{"no such file", Options{Command: filepath.Join(t.TempDir(), "tesseract")}, "not found in PATH"},
		{"language missing", Options{Command: MustFakeTesseract(t, ""), Languages: "ind+xyz"}, `no language pack "xyz" of "ind+xyz": install tesseract-ocr-xyz`},
		{"--list-langs fails", Options{Command: failing}, "cannot load libtesseract"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(context.Background(), tc.opts)
			if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("New: err = %v, want ErrUnavailable with %q", err, tc.want)
			}
		})
	}
	t.Run("language missing in the real tesseract", func(t *testing.T) {
		MustTesseract(t, Options{})
		_, err := New(context.Background(), Options{Languages: "ind+xyz"})
		if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), `"xyz"`) {
			t.Errorf("New: err = %v, want ErrUnavailable naming xyz", err)
		}
	})
}
