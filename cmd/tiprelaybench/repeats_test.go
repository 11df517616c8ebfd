package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/tiprelay/tiprelay/internal/linknorm"
	"github.com/tiprelay/tiprelay/internal/phash"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestBurstRepeatsEarlierOriginals(t *testing.T) {
	for _, n := range []int{500, 40, 7, 2, 1} {
		b := newBurst(n)
		if len(b) != n {
			t.Fatalf("newBurst(%d): got %d tips", n, len(b))
		}
		if !slices.Equal(b, newBurst(n)) {
			t.Errorf("newBurst(%d): got two bursts, want the same every time", n)
		}
		c := b.counts()
		if want := min((n*repeatPercent+50)/100, n-1); c.repeats() != want {
			t.Errorf("newBurst(%d): got %d repeats, want %d (%d%%)", n, c.repeats(), want, repeatPercent)
		}
		for i, x := range b {
			if !x.repeat() {
				continue
			}
			if x.Of >= i || b[x.Of].repeat() || b[x.Of].Kind != x.Kind || x.Kind == burstText {
				t.Errorf("newBurst(%d): tip %d %+v repeats tip %d %+v, want an earlier original of its kind, not a text",
					n, i, x, x.Of, b[x.Of])
			}
		}
	}
	c := newBurst(500).counts()
	for k := burstText; k <= burstForward; k++ {
		if c.Originals[k] == 0 || (k != burstText && c.Repeats[k] == 0) {
			t.Errorf("got %v, want originals of every kind and repeats of every kind but text", c)
		}
	}
}

// TestBurstMessagesFoldAsPlanned checks the messages against the bot's
// rules: a repeat has its original's forward origin, link key or photo,
// and no two originals share one. The photos are stand-ins (see
// TestDistinctPhotosAreFarApart for the real ones, slow under -race).
func TestBurstMessagesFoldAsPlanned(t *testing.T) {
	b := newBurst(500)
	stored := make([]telegramtest.Message, len(b))
	keys := map[string]int{} // an original's fold key -> its index
	for i, x := range b {
		var m telegramtest.Message
		if x.Kind == burstPhoto && x.repeat() {
			m = burstMessage(b, i, stored[x.Of], fakePhoto)
		} else {
			m = burstMessage(b, i, telegramtest.Message{}, fakePhoto)
		}
		stored[i] = m
		s := m.Text + m.Caption
		if strings.Contains(s, "#") {
			t.Errorf("tip %d: got %q, want no # in a tip", i, s)
		}
		if m.Entities != nil && !slices.Equal(m.Entities, telegramtest.DetectEntities(m.Text)) {
			t.Errorf("tip %d: got entities %+v for %q, want what Telegram detects", i, m.Entities, m.Text)
		}
		want := i
		if x.resent() {
			want = x.Of // the same message again
		}
		if got := markedTips(s); !slices.Equal(got, []int{want}) {
			t.Errorf("tip %d %+v: got markers of %v in %q, want %d", i, x, got, s, want)
		}
		key := foldKey(t, m)
		if x.Kind == burstText {
			if key != "" {
				t.Errorf("tip %d: a plain text has fold key %q", i, key)
			}
			continue
		}
		if !x.repeat() {
			if j, ok := keys[key]; ok {
				t.Errorf("originals %d and %d share the fold key %q", j, i, key)
			}
			keys[key] = i
			continue
		}
		if keys[key] != x.Of {
			t.Errorf("repeat %d %+v: key %q is tip %d's, want its original %d's", i, x, key, keys[key], x.Of)
		}
	}
}

// fakePhoto is a photo whose content is its seed: as cheap as can be.
func fakePhoto(seed uint64, caption string) telegramtest.Message {
	return telegramtest.Message{Photo: []telegramtest.PhotoSize{{Width: 800, Height: 600, Content: []byte(fmt.Sprint(seed))}}, Caption: caption}
}

// TestDistinctPhotosAreFarApart: photos of different seeds are further
// apart in perceptual hash than the bot's "close" (so neither folded nor
// marked "mirip"), and differ in their bytes; one seed gives one photo.
func TestDistinctPhotosAreFarApart(t *testing.T) {
	seeds := []uint64{0, 1, 2, 41, 499, 1_000_000, 1_000_001, 1_000_002}
	hashes := make([]phash.Hash, len(seeds))
	sums := map[[32]byte]uint64{}
	for i, seed := range seeds {
		m := distinctPhoto(seed, "")
		if len(m.Photo) != 3 || m.Photo[2].Width != 800 {
			t.Fatalf("seed %d: got sizes %+v, want 90, 320 and 800 wide", seed, m.Photo)
		}
		sum := sha256.Sum256(m.Photo[2].Content)
		if other, ok := sums[sum]; ok {
			t.Errorf("seeds %d and %d: got the same bytes", other, seed)
		}
		sums[sum] = seed
		hashes[i] = mustHash(t, m)
		for j := range i {
			if d := phash.Distance(hashes[i], hashes[j]); d <= tip.NearDistance {
				t.Errorf("seeds %d and %d: photos %d bits apart, want more than %d", seeds[j], seed, d, tip.NearDistance)
			}
		}
	}
	if again := sha256.Sum256(distinctPhoto(seeds[1], "").Photo[2].Content); sums[again] != seeds[1] {
		t.Error("got two photos for one seed, want the same")
	}
}

// foldKey returns the key the bot finds m by: its forward origin, its
// file, or its one link; "" for none.
func foldKey(t *testing.T, m telegramtest.Message) string {
	t.Helper()
	if o := m.ForwardOrigin; o != nil && o.Chat != nil {
		return fmt.Sprintf("origin:%d:%d", o.Chat.ID, o.MessageID)
	}
	if len(m.Photo) > 0 {
		return fmt.Sprintf("file:%s", m.Photo[len(m.Photo)-1].Content)
	}
	text := utf16.Encode([]rune(m.Text))
	var keys []string
	for _, e := range m.Entities {
		if e.Type != "url" {
			continue
		}
		link := string(utf16.Decode(text[e.Offset : e.Offset+e.Length]))
		k, ok := linknorm.Key(link)
		if !ok {
			t.Fatalf("no key for link %q of %q", link, m.Text)
		}
		keys = append(keys, k)
	}
	if len(keys) > 1 {
		t.Fatalf("%q has %d links, want at most one", m.Text, len(keys))
	}
	return strings.Join(keys, "")
}

// mustHash returns the perceptual hash of the largest size of photo m.
func mustHash(tb testing.TB, m telegramtest.Message) phash.Hash {
	tb.Helper()
	h, err := phash.Decode(bytes.NewReader(m.Photo[len(m.Photo)-1].Content))
	if err != nil {
		tb.Fatal(err)
	}
	return h
}
