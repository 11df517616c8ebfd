package sandbox

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/gazetteer"
	"github.com/tiprelay/tiprelay/internal/linknorm"
	"github.com/tiprelay/tiprelay/internal/ocr"
	"github.com/tiprelay/tiprelay/internal/phash"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// demo returns the demo with key.
func demo(tb testing.TB, w *World, key string) Demo {
	tb.Helper()
	i := slices.IndexFunc(w.Demos, func(d Demo) bool { return d.Key == key })
	if i < 0 {
		tb.Fatalf("no demo %q", key)
	}
	return w.Demos[i]
}

// sampleHashes holds the pHash of the largest size of every sample,
// computed once for the package's tests: seconds under the race detector.
var sampleHashes = sync.OnceValues(func() ([]phash.Hash, error) {
	var hs []phash.Hash
	for _, s := range drawnSamples() {
		h, err := phash.Decode(bytes.NewReader(s.Largest().Data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.Name, err)
		}
		hs = append(hs, h)
	}
	return hs, nil
})

// mustHashes returns sampleHashes.
func mustHashes(tb testing.TB) []phash.Hash {
	tb.Helper()
	hs, err := sampleHashes()
	if err != nil {
		tb.Fatal(err)
	}
	return hs
}

// TestDemosAreWellFormed: every demo names a valid sample or post and a
// staff member, and each repeat comes from another staff member than
// what it repeats, right after it.
func TestDemosAreWellFormed(t *testing.T) {
	w := sb0(t).World()
	for i, d := range w.Demos {
		switch d.Kind {
		case "photo":
			if d.Item < 0 || d.Item >= len(w.Samples) {
				t.Errorf("%s: no sample %d", d.Key, d.Item)
			}
		case "forward":
			if d.Item < 0 || d.Item >= len(w.Posts) {
				t.Errorf("%s: no post %d", d.Key, d.Item)
			}
		case "text":
			if d.Text == "" {
				t.Errorf("%s: a text demo without text", d.Key)
			}
		default:
			t.Errorf("%s: kind %q", d.Key, d.Kind)
		}
		if d.From >= len(w.Phones) || d.From >= 0 && w.Phones[d.From].Role != RoleStaff {
			t.Errorf("%s: sent by phone %d, want a staff member", d.Key, d.From)
		}
		if first, ok := strings.CutSuffix(d.Key, "_again"); ok {
			if i == 0 || w.Demos[i-1].Key != first {
				t.Errorf("%s does not follow %s", d.Key, first)
			} else if w.Demos[i-1].From == d.From {
				t.Errorf("%s and %s come from the same staff member", first, d.Key)
			}
		}
	}
}

// TestDemoRepeatsRepeatByTheBotsRules: each pair of the demo repeats by
// one of the bot's rules, and only by that one: the screenshot is another
// file (another SHA-256) whose pHash is within VeryNearDistance (folded
// after download even when OCR is off), the post is the same post, the
// link is one link per text whose two forms normalise to one key.
func TestDemoRepeatsRepeatByTheBotsRules(t *testing.T) {
	w := sb0(t).World()

	hs := mustHashes(t)
	si, ai := demo(t, w, "shot").Item, demo(t, w, "shot_again").Item
	shot, again := w.Samples[si], w.Samples[ai]
	a, b := shot.Largest(), again.Largest()
	if sha256.Sum256(a.Data) == sha256.Sum256(b.Data) || a.MIME != "image/png" || b.MIME != "image/jpeg" {
		t.Errorf("the screenshot sent again is %s (%d bytes) of a %s (%d bytes), want another file: a JPEG of the PNG", b.MIME, len(b.Data), a.MIME, len(a.Data))
	}
	if a.Width != b.Width || a.Height != b.Height || a.Width < 600 {
		t.Errorf("got sizes %dx%d and %dx%d, want the same phone-sized screenshot", a.Width, a.Height, b.Width, b.Height)
	}
	if d := phash.Distance(hs[si], hs[ai]); d > tip.VeryNearDistance {
		t.Errorf("the re-encoded screenshot is %d bits from the original, want at most %d", d, tip.VeryNearDistance)
	}
	for i, s := range w.Samples {
		if i == si || i == ai {
			continue
		}
		if d := phash.Distance(hs[si], hs[i]); d <= tip.NearDistance {
			t.Errorf("%s is %d bits from %s: the demo would mark it «mirip»", s.Name, d, shot.Name)
		}
	}

	if p, q := demo(t, w, "post"), demo(t, w, "post_again"); p.Item != q.Item || p.Kind != "forward" || q.Kind != "forward" {
		t.Errorf("got %+v and %+v, want the same post forwarded twice", p, q)
	}

	var keys []string
	for _, key := range []string{"link", "link_again"} {
		d := demo(t, w, key)
		var links []string
		for _, e := range telegramtest.DetectEntities(d.Text) {
			if e.Type == "url" {
				links = append(links, string([]rune(d.Text)[e.Offset:e.Offset+e.Length]))
			}
		}
		if len(links) != 1 {
			t.Fatalf("%s: got links %q, want exactly one (a tip with two links is not folded by link)", key, links)
		}
		k, ok := linknorm.Key(links[0])
		if !ok {
			t.Fatalf("%s: %q has no key", key, links[0])
		}
		keys = append(keys, k)
	}
	if demo(t, w, "link").Text == demo(t, w, "link_again").Text || keys[0] != keys[1] {
		t.Errorf("got keys %q, want two texts whose links have one key", keys)
	}
}

// requireOCR returns a Reader, or skips the test when tesseract is
// missing, unless TIPRELAY_REQUIRE_OCR=1 (CI) makes that a failure.
func requireOCR(tb testing.TB) *ocr.Reader {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	r, err := ocr.New(ctx, ocr.Options{})
	switch {
	case errors.Is(err, ocr.ErrUnavailable) && os.Getenv("TIPRELAY_REQUIRE_OCR") != "1":
		tb.Skipf("needs tesseract: %v (TIPRELAY_REQUIRE_OCR=1 makes this a failure)", err)
	case err != nil:
		tb.Fatal(err)
	}
	return r
}

// TestDemoScreenshotsAreRead: Tesseract reads the drawn screenshots as
// the demo needs: "TPS 17 DITUTUP" and Kuta (region Badung) in the chat,
// the same words in its re-encoded copy (the two are the same image by
// the bot's rule), #hoaks and Gianyar in the social post.
func TestDemoScreenshotsAreRead(t *testing.T) {
	r := requireOCR(t)
	w := sb0(t).World()
	g := gazetteer.Bali()
	read := func(s Sample) string {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		text, err := r.Read(ctx, s.Largest().Data)
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		return text
	}
	shot, again := w.Samples[sampleTPS17], w.Samples[sampleTPS17Again]
	a, b := read(shot), read(again)
	if !strings.Contains(a, "TPS 17 DITUTUP") || !slices.Contains(g.Find(a), "badung") {
		t.Errorf("%s read as %q, want TPS 17 DITUTUP and a place in Badung", shot.Name, a)
	}
	hs := mustHashes(t)
	d := phash.Distance(hs[sampleTPS17], hs[sampleTPS17Again])
	if !tip.SameImage(d, a, b) {
		t.Errorf("%s and %s, %d bits apart, with texts %q and %q, are not the same image by tip.SameImage", shot.Name, again.Name, d, a, b)
	}
	social := w.Samples[sampleSocial]
	if s := read(social); !strings.Contains(s, "#hoaks") || !slices.Contains(g.Find(s), "gianyar") {
		t.Errorf("%s read as %q, want #hoaks and Gianyar", social.Name, s)
	}
}

// TestDemoScreenshotServedAsJPEG: the re-encoded screenshot reaches the
// bot as a photo and the page serves it as the JPEG it is.
func TestDemoScreenshotServedAsJPEG(t *testing.T) {
	sb, srv := mustSandbox(t)
	d := demo(t, sb.World(), "shot_again")
	var res sent
	req := sendRequest{From: sb.World().Phones[d.From].User.ID, Kind: d.Kind, Item: d.Item, Text: d.Text}
	if code := post(t, srv, "/api/send", req, &res); code != 200 || len(res.MessageIDs) != 1 {
		t.Fatalf("got %d %v", code, res)
	}
	m, _ := sb.emu.Message(req.From, res.MessageIDs[0])
	if len(m.Photo) != 2 || m.Caption != d.Text {
		t.Fatalf("got %+v, want a photo in two sizes with the demo's caption", m)
	}
	want := sb.World().Samples[d.Item].Largest().Data
	for _, path := range []string{fileURL(m.Photo[1].FileID), fmt.Sprintf("/api/sample/%d", d.Item)} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		img, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.Header.Get("Content-Type") != "image/jpeg" || !bytes.Equal(img, want) {
			t.Errorf("GET %s: %s, %d bytes; want the JPEG", path, resp.Header.Get("Content-Type"), len(img))
		}
	}
}

// TestDemosInWorldView: the page gets each demo with the user id of its
// sender (0 for the phone shown) and whether OCR is on, as SetDisplay
// said.
func TestDemosInWorldView(t *testing.T) {
	sb, srv := mustSandbox(t)
	sb.SetDisplay(Display{OCR: false, OCRNote: "tesseract not found"})
	resp, err := http.Get(srv.URL + "/api/world")
	if err != nil {
		t.Fatal(err)
	}
	var wv worldView
	err = json.NewDecoder(resp.Body).Decode(&wv)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	phones := sb.World().Phones
	want := map[string]int64{"shot": phones[0].User.ID, "shot_again": phones[1].User.ID, "search": 0}
	for _, d := range wv.Demos {
		if id, ok := want[d.Key]; ok && d.From != id {
			t.Errorf("%s: from %d, want %d", d.Key, d.From, id)
		}
	}
	if wv.OCR.On || wv.OCR.Note != "tesseract not found" {
		t.Errorf("got OCR %+v, want off with its reason", wv.OCR)
	}
}
