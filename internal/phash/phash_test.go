package phash

import (
	"bytes"
	"errors"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// mustDecode hashes the encoded image in b.
func mustDecode(tb testing.TB, b []byte) Hash {
	tb.Helper()
	h, err := Decode(bytes.NewReader(b))
	if err != nil {
		tb.Fatalf("Decode: %v", err)
	}
	return h
}

// mustJPEG encodes img as JPEG at quality q.
func mustJPEG(tb testing.TB, img image.Image, q int) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		tb.Fatalf("jpeg.Encode: %v", err)
	}
	return buf.Bytes()
}

// mustPNG encodes img as PNG.
func mustPNG(tb testing.TB, img image.Image) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatalf("png.Encode: %v", err)
	}
	return buf.Bytes()
}

func TestDistance(t *testing.T) {
	tests := []struct {
		name string
		a, b Hash
		want int
	}{
		{"equal", 0xdeadbeef, 0xdeadbeef, 0},
		{"one bit", 0, 1 << 63, 1},
		{"complement", 0x0123456789abcdef, ^Hash(0x0123456789abcdef), 64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Distance(tt.a, tt.b); got != tt.want {
				t.Errorf("Distance(%v, %v) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestOfBalanced(t *testing.T) {
	// The median splits the 64 coefficients in half.
	h := Of(render(t, randomChat(1)))
	if got := Distance(h, 0); got != 32 {
		t.Errorf("bits set = %d, want 32 (hash %v)", got, h)
	}
	if got := Of(image.NewRGBA(image.Rectangle{})); got != 0 {
		t.Errorf("Of(empty) = %v, want 0", got)
	}
}

// TestNearDuplicates checks that re-encoding, resizing and a changed status
// bar leave a chat screenshot within 6 bits of the original.
func TestNearDuplicates(t *testing.T) {
	c := randomChat(1)
	orig := render(t, c)
	want := Of(orig)
	otherClock := c
	otherClock.clock = "23:17"
	tests := []struct {
		name string
		hash func(t *testing.T) Hash
	}{
		{"png round trip", func(t *testing.T) Hash { return mustDecode(t, mustPNG(t, orig)) }},
		{"jpeg q90", func(t *testing.T) Hash { return mustDecode(t, mustJPEG(t, orig, 90)) }},
		{"jpeg q75", func(t *testing.T) Hash { return mustDecode(t, mustJPEG(t, orig, 75)) }},
		{"jpeg q60", func(t *testing.T) Hash { return mustDecode(t, mustJPEG(t, orig, 60)) }},
		{"resize 50%", func(t *testing.T) Hash { return Of(scale(orig, 0.5)) }},
		{"resize 75%", func(t *testing.T) Hash { return Of(scale(orig, 0.75)) }},
		{"resize 150%", func(t *testing.T) Hash { return Of(scale(orig, 1.5)) }},
		{"resize 33% jpeg q70", func(t *testing.T) Hash { return mustDecode(t, mustJPEG(t, scale(orig, 1.0/3), 70)) }},
		{"resize 50% jpeg q60", func(t *testing.T) Hash { return mustDecode(t, mustJPEG(t, scale(orig, 0.5), 60)) }},
		{"status bar clock changed", func(t *testing.T) Hash { return Of(render(t, otherClock)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.hash(t)
			d := Distance(got, want)
			t.Logf("%-26s distance %2d", tt.name, d)
			if d > 6 {
				t.Errorf("distance %d (%v vs %v), want ≤ 6", d, got, want)
			}
		})
	}
}

// TestDifferentChats checks that the same layout with other messages is
// more than 6 bits away. Cases with far false are measured and logged only:
// a chat that differs by one message is the borderline the OCR text check
// has to decide.
func TestDifferentChats(t *testing.T) {
	first := randomChat(1)
	base := Of(render(t, first))
	fewer := first
	fewer.messages = first.messages[:len(first.messages)-1]
	longer := first
	longer.messages = append([]string{first.messages[0] + " tolong sebarkan ke grup lain"}, first.messages[1:]...)
	tests := []struct {
		name string
		c    chat
		far  bool
	}{
		{"other messages (seed 2)", randomChat(2), true},
		{"other messages (seed 3)", randomChat(3), true},
		{"other messages (seed 4)", randomChat(4), true},
		{"other messages (seed 5)", randomChat(5), true},
		{"other messages (seed 6)", randomChat(6), true},
		{"first message longer", longer, true},
		{"last message removed", fewer, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Distance(Of(render(t, tt.c)), base)
			t.Logf("%-26s distance %2d", tt.name, d)
			if tt.far && d <= 6 {
				t.Errorf("distance %d, want > 6", d)
			}
		})
	}
}

// TestSameGeometryOtherWords documents the limit of the hash: the same
// bubbles holding other words of the same lengths.
func TestSameGeometryOtherWords(t *testing.T) {
	c := randomChat(1)
	swapped := c
	swapped.messages = nil
	for _, m := range c.messages {
		b := []byte(m)
		for i := range b {
			if b[i] != ' ' {
				b[i] = 'a' + (b[i]-'a'+7)%26
			}
		}
		swapped.messages = append(swapped.messages, string(b))
	}
	d := Distance(Of(render(t, c)), Of(render(t, swapped)))
	t.Logf("same bubbles, other letters: distance %d (informational: the hash sees layout, OCR must see words)", d)
}

// TestFalsePositives hashes 200 chats of one layout with different messages
// and counts the pairs within 6 bits, with this package's hash and with
// plain pHash (no equalisation) for comparison. Under the race detector it
// takes the first 50 chats only.
func TestFalsePositives(t *testing.T) {
	n := 200
	if raceEnabled {
		n = 50
	}
	pairs := n * (n - 1) / 2
	// Measured on 200 chats: 15 of 19,900 pairs (0.08%) equalised, 5,470
	// (27%) plain. Allowed: 0.2%.
	maxClose := pairs / 500
	ours := make([]Hash, n)
	plain := make([]Hash, n)
	for i := range ours {
		img := renderBase(randomChat(uint64(1000 + i)))
		ours[i] = Of(img)
		plain[i] = fromGrid(luma32(img))
	}
	for _, v := range []struct {
		name   string
		hashes []Hash
	}{{"equalised", ours}, {"plain pHash", plain}} {
		minD, close := 64, 0
		hist := map[int]int{}
		for i := range v.hashes {
			for j := i + 1; j < n; j++ {
				d := Distance(v.hashes[i], v.hashes[j])
				minD = min(minD, d)
				hist[d/4*4]++
				if d <= 6 {
					close++
				}
			}
		}
		t.Logf("%-11s %d pairs: minimum distance %d, pairs ≤ 6: %d (%.2f%%), pairs by distance/4*4: %v",
			v.name, pairs, minD, close, 100*float64(close)/float64(pairs), hist)
		if v.name == "equalised" && close > maxClose {
			t.Errorf("%d pairs within 6 bits, want ≤ %d", close, maxClose)
		}
	}
}

func TestDecodeFormats(t *testing.T) {
	img := renderBase(randomChat(5))
	want := Of(img)
	var g bytes.Buffer
	if err := gif.Encode(&g, img, nil); err != nil {
		t.Fatalf("gif.Encode: %v", err)
	}
	tests := []struct {
		name string
		data []byte
		max  int
	}{
		{"png", mustPNG(t, img), 0},
		{"jpeg", mustJPEG(t, img, 80), 6},
		{"gif", g.Bytes(), 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Distance(mustDecode(t, tt.data), want)
			t.Logf("%s: distance %d", tt.name, d)
			if d > tt.max {
				t.Errorf("distance %d, want ≤ %d", d, tt.max)
			}
		})
	}
}

func TestDecodeWebP(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	lossy := read("blue-purple-pink.lossy.webp")
	lossless := read("blue-purple-pink.lossless.webp")
	img, _, err := image.Decode(bytes.NewReader(lossy))
	if err != nil {
		t.Fatalf("image.Decode: %v", err)
	}
	if got, want := mustDecode(t, lossy), Of(img); got != want {
		t.Errorf("Decode = %v, want Of(decoded) = %v", got, want)
	}
	d := Distance(mustDecode(t, lossy), mustDecode(t, lossless))
	t.Logf("webp lossy vs lossless: distance %d", d)
	if d > 6 {
		t.Errorf("lossy vs lossless distance %d, want ≤ 6", d)
	}
}

func TestDecodeRejects(t *testing.T) {
	// A GIF header announcing 65535×65535 pixels (4.3 gigapixels) and no
	// pixel data: rejected from the header alone.
	bomb := []byte("GIF89a\xff\xff\xff\xff\x00\x00\x00")
	tests := []struct {
		name string
		data []byte
		is   error
	}{
		{"too many pixels", bomb, ErrTooLarge},
		{"not an image", []byte("hello, world"), image.ErrFormat},
		{"empty", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(bytes.NewReader(tt.data))
			if err == nil {
				t.Fatal("Decode: no error")
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("Decode: %v, want errors.Is %v", err, tt.is)
			}
		})
	}
}

func TestDecodeTruncated(t *testing.T) {
	b := mustPNG(t, renderBase(randomChat(6)))
	if _, err := Decode(bytes.NewReader(b[:len(b)/2])); err == nil {
		t.Error("Decode of half a PNG: no error")
	}
}
