// Package phonescreen draws phone screenshots with the Go fonts: a
// messenger's group chat, a social network's post, and a photo without
// text. The OCR fixtures (internal/ocr/testdata, drawn by its gen
// command) and the sandbox's demo screenshots are both drawn here, so that
// Tesseract reads the sandbox's as the tests measured it reading the
// fixtures. Drawing is deterministic: the same content gives the same
// pixels.
//
// It draws through github.com/golang/freetype, which the module already
// requires: the x/image opentype package would need golang.org/x/text in
// go.mod.
package phonescreen

import (
	"fmt"
	"image"
	"image/color"
	"strings"

	"github.com/golang/freetype/truetype"
	"golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/math/fixed"
)

// Size of the screenshots: a 1080×1920 phone screen as Telegram sends it
// after shrinking a photo, then a little smaller.
const Width, Height = 720, 1280

// Drawer draws screenshots with the Go fonts in any pixel size.
type Drawer struct {
	regular, bold *truetype.Font
}

// New parses the Go fonts.
func New() (*Drawer, error) {
	r, err := truetype.Parse(goregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("parse goregular: %w", err)
	}
	b, err := truetype.Parse(gobold.TTF)
	if err != nil {
		return nil, fmt.Errorf("parse gobold: %w", err)
	}
	return &Drawer{regular: r, bold: b}, nil
}

func (d *Drawer) face(bold bool, px float64) font.Face {
	ft := d.regular
	if bold {
		ft = d.bold
	}
	return truetype.NewFace(ft, &truetype.Options{Size: px, DPI: 72, Hinting: font.HintingFull})
}

// canvas draws shapes and text on an RGBA image.
type canvas struct{ img *image.RGBA }

func newCanvas(bg color.Color) canvas {
	c := canvas{image.NewRGBA(image.Rect(0, 0, Width, Height))}
	c.fill(c.img.Bounds(), bg)
	return c
}

func (c canvas) fill(r image.Rectangle, col color.Color) {
	draw.Draw(c.img, r, image.NewUniform(col), image.Point{}, draw.Src)
}

// roundRect fills r with corners of the given radius.
func (c canvas) roundRect(r image.Rectangle, radius int, col color.Color) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			dx := max(r.Min.X+radius-x, x-(r.Max.X-1-radius), 0)
			dy := max(r.Min.Y+radius-y, y-(r.Max.Y-1-radius), 0)
			if dx*dx+dy*dy <= radius*radius {
				c.img.Set(x, y, col)
			}
		}
	}
}

func (c canvas) circle(cx, cy, r int, col color.Color) {
	c.roundRect(image.Rect(cx-r, cy-r, cx+r, cy+r), r, col)
}

// text draws s with its baseline at y and returns its width.
func (c canvas) text(x, y int, s string, face font.Face, col color.Color) int {
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(col), Face: face, Dot: fixed.P(x, y)}
	d.DrawString(s)
	return (d.Dot.X - fixed.I(x)).Ceil()
}

// wrap breaks s into lines no wider than w.
func wrap(face font.Face, s string, w int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		try := strings.TrimSpace(line + " " + word)
		if line != "" && font.MeasureString(face, try).Ceil() > w {
			lines = append(lines, line)
			try = word
		}
		line = try
	}
	return append(lines, line)
}

func rgb(v uint32) color.RGBA {
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}

// Resize scales img by f with a Catmull-Rom filter.
func Resize(img image.Image, f float64) *image.RGBA {
	b := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, int(float64(b.Dx())*f), int(float64(b.Dy())*f)))
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	return dst
}
