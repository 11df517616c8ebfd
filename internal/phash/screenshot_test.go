package phash

import (
	"image"
	"image/color"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// chat describes a generated WhatsApp-like chat screenshot.
type chat struct {
	clock    string   // status bar time
	contact  string   // header title
	messages []string // alternately incoming (left) and outgoing (right)
}

var words = strings.Fields(`tps ditutup hoaks warga kabar surat suara desa
camat pemilu besok pagi jangan percaya sebarkan video polisi kecamatan
kabupaten uang amplop serangan fajar calon nomor saksi kotak dibakar
relawan posko jalan rusak banjir pesan berantai grup admin tolong cek
benar tidak jam lokasi foto kiriman teman dari sebelah katanya sudah`)

// randomChat returns a chat with the given contact and between 4 and 9
// messages of 2 to 30 words drawn from seed.
func randomChat(seed uint64) chat {
	rng := rand.New(rand.NewPCG(seed, 13))
	c := chat{clock: "10:42", contact: "Grup Relawan Desa"}
	for range 4 + rng.IntN(6) {
		n := 2 + rng.IntN(29)
		w := make([]string, n)
		for i := range w {
			w[i] = words[rng.IntN(len(words))]
		}
		c.messages = append(c.messages, strings.Join(w, " "))
	}
	return c
}

// Colours of the layout.
var (
	statusBg   = color.RGBA{0x05, 0x4d, 0x44, 0xff}
	headerBg   = color.RGBA{0x07, 0x5e, 0x54, 0xff}
	chatBg     = color.RGBA{0xec, 0xe5, 0xdd, 0xff}
	inBubble   = color.RGBA{0xff, 0xff, 0xff, 0xff}
	outBubble  = color.RGBA{0xdc, 0xf8, 0xc6, 0xff}
	inputBg    = color.RGBA{0xf6, 0xf6, 0xf6, 0xff}
	textColour = color.RGBA{0x11, 0x1b, 0x21, 0xff}
)

// base size of the drawing; render scales it up by 3 to a 1080×2340 phone.
const baseW, baseH = 360, 780

// renderBase draws c at 360×780 with the 7×13 bitmap font.
func renderBase(c chat) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, baseW, baseH))
	fill := func(r image.Rectangle, col color.Color) {
		draw.Draw(img, r, image.NewUniform(col), image.Point{}, draw.Src)
	}
	text := func(x, y int, s string, col color.Color) {
		d := font.Drawer{Dst: img, Src: image.NewUniform(col), Face: basicfont.Face7x13,
			Dot: fixed.P(x, y)}
		d.DrawString(s)
	}
	fill(img.Bounds(), chatBg)
	fill(image.Rect(0, 0, baseW, 20), statusBg)
	text(8, 15, c.clock, color.White)
	text(baseW-60, 15, "4G 87%", color.White)
	fill(image.Rect(0, 20, baseW, 70), headerBg)
	fill(image.Rect(10, 30, 40, 60), color.RGBA{0xcc, 0xcc, 0xcc, 0xff}) // avatar
	text(50, 44, c.contact, color.White)
	text(50, 60, "online", color.RGBA{0xcc, 0xe6, 0xe3, 0xff})
	fill(image.Rect(0, baseH-50, baseW, baseH), inputBg)
	fill(image.Rect(8, baseH-42, baseW-56, baseH-8), color.White)
	fill(image.Rect(baseW-46, baseH-44, baseW-8, baseH-6), headerBg)

	const maxChars, lineH, pad = 34, 16, 8
	y := 80
	for i, m := range c.messages {
		lines := wrap(m, maxChars)
		width := 0
		for _, l := range lines {
			width = max(width, len(l)*7)
		}
		bw, bh := width+2*pad, len(lines)*lineH+2*pad
		x, col := 10, color.Color(inBubble)
		if i%2 == 1 {
			x, col = baseW-10-bw, outBubble
		}
		if y+bh > baseH-60 {
			break
		}
		fill(image.Rect(x, y, x+bw, y+bh), col)
		for j, l := range lines {
			text(x+pad, y+pad+11+j*lineH, l, textColour)
		}
		y += bh + 10
	}
	return img
}

// wrap splits s into lines of at most n characters at spaces.
func wrap(s string, n int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len(line)+1+len(w) > n {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}

// render draws c as a 1080×2340 phone screenshot.
func render(tb testing.TB, c chat) *image.RGBA {
	tb.Helper()
	return scale(renderBase(c), 3.0)
}

// scale resizes img by f with a bilinear filter.
func scale(img image.Image, f float64) *image.RGBA {
	b := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, int(float64(b.Dx())*f+0.5), int(float64(b.Dy())*f+0.5)))
	draw.BiLinear.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	return dst
}
