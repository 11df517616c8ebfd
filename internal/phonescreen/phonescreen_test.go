package phonescreen

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// TestDrawsTheOCRFixtures: what the package draws is, pixel for pixel,
// what the OCR tests read (internal/ocr/testdata), so that the sandbox's
// screenshots, drawn here too, read as the tests measured.
func TestDrawsTheOCRFixtures(t *testing.T) {
	d, err := New()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		fixture string
		img     image.Image
	}{
		{"TPS 17 chat, light", "chat.png", d.Chat(TPS17(Light()))},
		{"TPS 17 chat, dark", "chat-dark.png", d.Chat(TPS17(Dark()))},
		{"photo without text", "photo.png", Photo()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("..", "ocr", "testdata", tt.fixture))
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			want := image.NewRGBA(img.Bounds())
			draw.Draw(want, want.Bounds(), img, image.Point{}, draw.Src)
			got := image.NewRGBA(tt.img.Bounds())
			draw.Draw(got, got.Bounds(), tt.img, image.Point{}, draw.Src)
			if got.Bounds() != want.Bounds() || !bytes.Equal(got.Pix, want.Pix) {
				t.Errorf("drawn %v differs from %s %v: regenerate the fixtures with go run ./internal/ocr/testdata/gen/main.go",
					got.Bounds(), tt.fixture, want.Bounds())
			}
		})
	}
}
