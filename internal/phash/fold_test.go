package phash

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/ocr"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// TestNoFoldAmongDifferentChats is the false-positive check of the
// duplicate rule as the bot applies it (tip.SameImage): 200 generated
// chat screenshots of one layout with different messages. The pairs whose
// hashes are within tip.NearDistance are read by tesseract, as the bot
// would read them, and none may be judged the same picture. The same
// chat re-encoded is judged the same, so the check is not vacuous.
func TestNoFoldAmongDifferentChats(t *testing.T) {
	reader := tesseract(t)
	n := 200
	if raceEnabled {
		n = 50
	}
	hashes := make([]Hash, n)
	for i := range hashes {
		hashes[i] = Of(renderBase(randomChat(uint64(1000 + i))))
	}
	texts := map[int]string{}
	read := func(i int) string {
		if s, ok := texts[i]; ok {
			return s
		}
		s := readChat(t, reader, randomChat(uint64(1000+i)))
		texts[i] = s
		return s
	}
	close, folded := 0, 0
	for i := range hashes {
		for j := i + 1; j < n; j++ {
			d := Distance(hashes[i], hashes[j])
			if d > tip.NearDistance {
				continue
			}
			close++
			if tip.SameImage(d, read(i), read(j)) {
				folded++
				t.Errorf("chats %d and %d (%d bits apart) judged the same: %q / %q", i, j, d, texts[i], texts[j])
			}
		}
	}
	t.Logf("%d chats: %d pairs within %d bits, read by OCR; %d folded", n, close, tip.NearDistance, folded)

	// The same chat, drawn again at another size, is the same picture.
	c := randomChat(1000)
	a, b := render(t, c), scale(renderBase(c), 2.0)
	d := Distance(Of(a), Of(b))
	if !tip.SameImage(d, read(0), readImage(t, reader, b)) {
		t.Errorf("the same chat at two sizes (%d bits apart) not judged the same", d)
	}
}

// tesseract returns an OCR reader, skipping the test when tesseract is
// missing unless TIPRELAY_REQUIRE_OCR=1 (CI) makes that a failure.
func tesseract(t *testing.T) *ocr.Reader {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	r, err := ocr.New(ctx, ocr.Options{Workers: 2})
	if err != nil {
		if os.Getenv("TIPRELAY_REQUIRE_OCR") == "1" {
			t.Fatalf("OCR required (TIPRELAY_REQUIRE_OCR=1): %v", err)
		}
		t.Skipf("OCR unavailable: %v", err)
	}
	return r
}

func readChat(t *testing.T, r *ocr.Reader, c chat) string {
	t.Helper()
	return readImage(t, r, render(t, c))
}

// readImage reads img's text as the bot reads a photo: PNG bytes given
// to tesseract.
func readImage(t *testing.T, r *ocr.Reader, img image.Image) string {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := r.Read(ctx, buf.Bytes())
	if err != nil {
		t.Fatalf("read chat screenshot: %v", err)
	}
	return s
}
