package phash

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"io"

	// Formats Decode accepts.
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"

	_ "golang.org/x/image/webp"
)

// MaxPixels is the largest image, in pixels, that Decode accepts.
const MaxPixels = 50_000_000

// ErrTooLarge is returned by Decode for an image of more than MaxPixels
// pixels.
var ErrTooLarge = errors.New("phash: image too large")

// Decode reads a PNG, JPEG, GIF (first frame) or WebP image from r and
// returns its hash. It reads the header first and returns an error wrapping
// ErrTooLarge, without decoding the pixels, when the image has more than
// MaxPixels pixels; other errors come from the decoders (image.ErrFormat for
// an unknown format).
func Decode(r io.Reader) (Hash, error) {
	var head bytes.Buffer
	cfg, format, err := image.DecodeConfig(io.TeeReader(r, &head))
	if err != nil {
		return 0, fmt.Errorf("decode image header: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return 0, fmt.Errorf("decode %s: empty image %dx%d", format, cfg.Width, cfg.Height)
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return 0, fmt.Errorf("decode %s %dx%d: %w", format, cfg.Width, cfg.Height, ErrTooLarge)
	}
	img, _, err := image.Decode(io.MultiReader(&head, r))
	if err != nil {
		return 0, fmt.Errorf("decode %s: %w", format, err)
	}
	return Of(img), nil
}
