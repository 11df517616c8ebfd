package digest_test

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestChart(t *testing.T) {
	loc := MustWITA(t)
	tests := []struct {
		name   string
		lang   text.Lang
		big    bool
		region tip.RegionKey // a region digest
	}{
		{"day of tips", text.Indonesian, false, ""},
		{"5000 tips in english", text.English, true, ""},
		{"region digest", text.Indonesian, false, "badung"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			day, items := dayOfTips(t)
			if tt.big {
				day, items = bigDay(t, 5000)
			}
			d := laidOut(digest.Compute(items, 0, 0, nil, day, loc), baliLayout)
			if tt.region != "" {
				d = mustRegion(t, baliLayout, items, nil, tt.region, day)
			}
			data, err := digest.Chart(d, text.For(tt.lang))
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("got undecodable PNG: %v", err)
			}
			if got, want := img.Bounds().Size(), image.Pt(digest.ChartWidth, digest.ChartHeight); got != want {
				t.Errorf("got size %v, want %v", got, want)
			}
			if got := colours(img); got < 4 {
				t.Errorf("got %d colours, want a chart, not a blank image", got)
			}
			if dir := os.Getenv("TIPRELAY_CHART_DIR"); dir != "" { // to look at the chart
				os.WriteFile(filepath.Join(dir, t.Name()[len("TestChart/"):]+".png"), data, 0o644)
			}
		})
	}
}

// colours counts the distinct colours of img, up to 100.
func colours(img image.Image) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y && len(seen) < 100; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
		}
	}
	return len(seen)
}

func TestChartEmpty(t *testing.T) {
	loc := MustWITA(t)
	tests := []struct {
		name string
		d    digest.Digest
	}{
		{"empty day", digest.Compute(nil, 0, 0, nil, Yesterday(wita(t, 2026, 11, 24, 7, 0, 0), loc), loc)},
		{"zero digest", digest.Digest{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := digest.Chart(tt.d, text.For(text.Indonesian))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := png.Decode(bytes.NewReader(data)); err != nil {
				t.Errorf("got undecodable PNG: %v", err)
			}
			if got := digest.Render(tt.d, text.For(text.Indonesian)); len(got) != 1 {
				t.Errorf("got %d messages, want 1", len(got))
			}
		})
	}
}
