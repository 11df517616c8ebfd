//go:build ignore

// Command gen draws the phone screenshots under internal/ocr/testdata that
// the OCR tests read: two group-chat screenshots in one layout with
// different messages (chat.png, chat-other.png), the first also in dark
// mode (chat-dark.png), re-encoded as JPEG at quality 70 (chat-q70.jpg) and
// resized to 75% (chat-75.png); a social-media post (post.png); a photo
// without text (photo.png).
// The drawing is deterministic, so running it again rewrites the same
// files. From the repository root:
//
//	go run ./internal/ocr/testdata/gen/main.go
//
// It draws with the Go fonts (golang.org/x/image/font/gofont) through
// github.com/golang/freetype, which the module already requires: the
// x/image opentype package would need golang.org/x/text in go.mod.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"log"
	"math"
	"os"
	"path/filepath"
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
const width, height = 720, 1280

func main() {
	out := flag.String("out", "internal/ocr/testdata", "directory to write the fixtures to")
	flag.Parse()
	f, err := newFonts()
	if err != nil {
		log.Fatal(err)
	}
	chat := drawChat(f, chatA, light)
	var small image.Image = resize(chat, 0.75)
	files := []struct {
		name string
		img  image.Image
		jpeg bool
	}{
		{"chat.png", chat, false},
		{"chat-q70.jpg", chat, true},
		{"chat-75.png", small, false},
		{"chat-other.png", drawChat(f, chatB, light), false},
		{"chat-dark.png", drawChat(f, chatA, dark), false},
		{"post.png", drawPost(f), false},
		{"photo.png", drawPhoto(), false},
	}
	for _, file := range files {
		var buf bytes.Buffer
		if file.jpeg {
			err = jpeg.Encode(&buf, file.img, &jpeg.Options{Quality: 70})
		} else {
			err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, file.img)
		}
		if err != nil {
			log.Fatalf("encode %s: %v", file.name, err)
		}
		path := filepath.Join(*out, file.name)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s %dx%d %d bytes\n", path, file.img.Bounds().Dx(), file.img.Bounds().Dy(), buf.Len())
	}
}

// fonts makes faces of the Go fonts in any pixel size.
type fonts struct {
	regular, bold *truetype.Font
}

func newFonts() (fonts, error) {
	r, err := truetype.Parse(goregular.TTF)
	if err != nil {
		return fonts{}, fmt.Errorf("parse goregular: %w", err)
	}
	b, err := truetype.Parse(gobold.TTF)
	if err != nil {
		return fonts{}, fmt.Errorf("parse gobold: %w", err)
	}
	return fonts{regular: r, bold: b}, nil
}

func (f fonts) face(bold bool, px float64) font.Face {
	ft := f.regular
	if bold {
		ft = f.bold
	}
	return truetype.NewFace(ft, &truetype.Options{Size: px, DPI: 72, Hinting: font.HintingFull})
}

// canvas draws shapes and text on an RGBA image.
type canvas struct{ img *image.RGBA }

func newCanvas(bg color.Color) canvas {
	c := canvas{image.NewRGBA(image.Rect(0, 0, width, height))}
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

// message is one chat bubble: outgoing ones have no sender.
type message struct {
	sender, text, clock string
}

var chatA = []message{
	{"Made", "INFO PENTING!! TPS 17 DITUTUP", "10:31"},
	{"Made", "Warga diminta tidak datang ke TPS 17 Desa Kuta besok pagi. Pemungutan suara dipindah ke balai banjar.", "10:31"},
	{"", "Info ini dari siapa? Sudah dicek ke KPU atau panitia?", "10:35"},
	{"Putu", "Katanya dari panitia desa. Tolong disebarkan ke grup lain ya.", "10:38"},
	{"", "Jangan disebar dulu. Kami teruskan ke Diskominfos untuk dicek.", "10:40"},
}

var chatB = []message{
	{"Komang", "KABAR BURUK: Jembatan Tukad Ayung putus", "10:31"},
	{"Komang", "Jalan menuju pasar tidak bisa dilewati kendaraan sejak tadi malam. Hati-hati kalau lewat sana.", "10:31"},
	{"", "Ada fotonya? Biar kami kirim ke petugas di lapangan.", "10:35"},
	{"Putu", "Nanti saya fotokan waktu pulang kerja sore ini.", "10:38"},
	{"", "Terima kasih, kami tunggu kabarnya.", "10:40"},
}

// theme holds the colours of a messenger's light or dark mode.
type theme struct {
	chat, chip, in, out, text, muted, input, field color.RGBA
}

var (
	light = theme{rgb(0xece5dd), rgb(0xe1f3fb), rgb(0xffffff), rgb(0xdcf8c6), rgb(0x111b21), rgb(0x667781), rgb(0xf0f0f0), rgb(0xffffff)}
	dark  = theme{rgb(0x0b141a), rgb(0x182229), rgb(0x202c33), rgb(0x005c4b), rgb(0xe9edef), rgb(0x8696a0), rgb(0x1f2c34), rgb(0x2a3942)}
)

// drawChat draws a messenger's group chat holding msgs in theme th.
func drawChat(f fonts, msgs []message, th theme) *image.RGBA {
	c := newCanvas(th.chat)
	white, muted := color.White, th.muted
	statusFace, small := f.face(false, 20), f.face(false, 16)

	c.fill(image.Rect(0, 0, width, 40), rgb(0x054d44))
	c.text(24, 28, "10:42", statusFace, white)
	c.text(width-110, 28, "4G 87%", statusFace, white)

	c.fill(image.Rect(0, 40, width, 136), rgb(0x075e54))
	c.circle(70, 88, 30, rgb(0xcfd8dc))
	c.text(116, 80, "Grup Relawan Desa Kuta", f.face(true, 26), white)
	c.text(116, 114, "Made, Putu, Komang, Anda", f.face(false, 19), rgb(0xcce6e3))

	chip := "HARI INI"
	cw := font.MeasureString(small, chip).Ceil()
	c.roundRect(image.Rect((width-cw)/2-14, 156, (width+cw)/2+14, 188), 8, th.chip)
	c.text((width-cw)/2, 178, chip, small, muted)

	body, name := f.face(false, 24), f.face(true, 20)
	const lineH, pad, maxW = 34, 16, 500
	y := 208
	for _, m := range msgs {
		lines := wrap(body, m.text, maxW)
		w := 0
		for _, l := range lines {
			w = max(w, font.MeasureString(body, l).Ceil())
		}
		h := pad + len(lines)*lineH + 22 + pad/2
		if m.sender != "" {
			h += 28
			w = max(w, font.MeasureString(name, m.sender).Ceil())
		}
		w += 2*pad + 40
		x, bg := 20, th.in
		if m.sender == "" {
			x, bg = width-20-w, th.out
		}
		c.roundRect(image.Rect(x, y, x+w, y+h), 14, bg)
		ty := y + pad
		if m.sender != "" {
			c.text(x+pad, ty+20, m.sender, name, rgb(0xc2185b))
			ty += 28
		}
		for _, l := range lines {
			c.text(x+pad, ty+24, l, body, th.text)
			ty += lineH
		}
		c.text(x+w-pad-font.MeasureString(small, m.clock).Ceil(), y+h-pad/2-2, m.clock, small, muted)
		y += h + 14
	}

	c.fill(image.Rect(0, height-96, width, height), th.input)
	c.roundRect(image.Rect(16, height-80, width-100, height-16), 32, th.field)
	c.text(48, height-38, "Ketik pesan", f.face(false, 24), rgb(0x8696a0))
	c.circle(width-52, height-48, 32, rgb(0x00a884))
	return c.img
}

// drawPost draws a social network's feed with one post about a hoax.
func drawPost(f fonts) *image.RGBA {
	c := newCanvas(color.White)
	dark, muted, rule := rgb(0x050505), rgb(0x65676b), rgb(0xced0d4)
	statusFace := f.face(false, 20)

	c.text(24, 28, "09:15", statusFace, dark)
	c.text(width-120, 28, "LTE 64%", statusFace, dark)
	c.text(24, 88, "Beranda", f.face(true, 34), rgb(0x1877f2))
	c.circle(width-60, 76, 24, rgb(0xe4e6eb))
	c.circle(width-120, 76, 24, rgb(0xe4e6eb))
	c.fill(image.Rect(0, 120, width, 128), rule)

	c.circle(60, 180, 32, rgb(0x42b72a))
	c.text(108, 172, "Info Gianyar Terkini", f.face(true, 24), dark)
	c.text(108, 202, "3 jam · Publik", f.face(false, 19), muted)

	body := f.face(false, 26)
	y := 262
	text := "Beredar pesan berantai bahwa jembatan di Gianyar putus dan semua jalan ke Ubud ditutup. " +
		"Pesan itu tidak benar, jalan masih bisa dilewati seperti biasa."
	for _, l := range wrap(body, text, width-48) {
		c.text(24, y, l, body, dark)
		y += 38
	}
	y += 8
	c.text(24, y, "#hoaks #Gianyar #CekFakta", body, rgb(0x216fdb))
	y += 30

	photo := image.Rect(0, y, width, y+420)
	sky(c, photo, rgb(0x87ceeb), rgb(0xfdfcdc))
	c.circle(520, y+120, 50, rgb(0xffd54f))
	hills(c, photo, rgb(0x4e7d3a), 0.55, 0.9)
	c.fill(image.Rect(300, y+260, 420, y+420), rgb(0x9e9e9e))
	y += 440

	c.text(24, y+20, "1,2 rb suka", f.face(false, 20), muted)
	c.text(width-330, y+20, "318 komentar  97 dibagikan", f.face(false, 20), muted)
	c.fill(image.Rect(24, y+40, width-24, y+42), rule)
	actions := f.face(true, 22)
	for i, a := range []string{"Suka", "Komentari", "Bagikan"} {
		c.text(60+i*230, y+84, a, actions, muted)
	}
	c.fill(image.Rect(0, y+110, width, y+118), rule)

	c.circle(60, y+170, 32, rgb(0xf7b928))
	c.text(108, y+162, "Berita Bali Hari Ini", f.face(true, 24), dark)
	c.text(108, y+192, "5 jam · Publik", f.face(false, 19), muted)
	return c.img
}

// drawPhoto draws a landscape without any text: sky, sun, hills, a road.
func drawPhoto() *image.RGBA {
	c := newCanvas(color.White)
	b := c.img.Bounds()
	sky(c, b, rgb(0x3a6fb0), rgb(0xf6c28b))
	c.circle(480, 420, 90, rgb(0xfff1c1))
	hills(c, b, rgb(0x5b7f3a), 0.5, 1.4)
	hills(c, image.Rect(0, 200, width, height), rgb(0x3f6b2a), 0.62, 2.3)
	// A fence of posts and rails on the far hill, trees, and birds: shapes
	// that OCR may take for letters.
	for x := 24; x < width; x += 36 {
		c.fill(image.Rect(x, 760, x+8, 840), rgb(0x8d6e63))
	}
	c.fill(image.Rect(0, 780, width, 788), rgb(0x8d6e63))
	c.fill(image.Rect(0, 812, width, 820), rgb(0x8d6e63))
	for i, x := range []int{90, 210, 560, 650} {
		tree(c, x, 700+i%2*40, 70+i*8, rgb(0x2e4d1f))
	}
	for i, x := range []int{120, 170, 230, 600} {
		bird(c, x, 180+i*23%60, 14, rgb(0x263238))
	}
	for x := 0; x < width; x++ {
		// A road narrowing towards the horizon.
		for y := 900; y < height; y++ {
			half := float64(y-880) * 0.35
			if math.Abs(float64(x-360)) < half {
				c.img.Set(x, y, rgb(0x6d6d6d))
			}
		}
	}
	return c.img
}

// tree draws a conifer: a trunk under a triangle of height h whose tip is
// at (x, top).
func tree(c canvas, x, top, h int, col color.RGBA) {
	c.fill(image.Rect(x-5, top+h, x+5, top+h+20), rgb(0x5d4037))
	for y := 0; y < h; y++ {
		half := y * 2 / 5
		c.fill(image.Rect(x-half, top+y, x+half+1, top+y+1), col)
	}
}

// bird draws a flying bird as two strokes meeting in a V at (x, y).
func bird(c canvas, x, y, span int, col color.RGBA) {
	for i := 0; i <= span; i++ {
		up := i / 2
		c.fill(image.Rect(x-i, y-up, x-i+3, y-up+3), col)
		c.fill(image.Rect(x+i, y-up, x+i+3, y-up+3), col)
	}
}

// sky fills r with a vertical gradient from top to bottom.
func sky(c canvas, r image.Rectangle, top, bottom color.RGBA) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		t := float64(y-r.Min.Y) / float64(r.Dy())
		col := color.RGBA{mix(top.R, bottom.R, t), mix(top.G, bottom.G, t), mix(top.B, bottom.B, t), 0xff}
		c.fill(image.Rect(r.Min.X, y, r.Max.X, y+1), col)
	}
}

func mix(a, b uint8, t float64) uint8 {
	return uint8(float64(a)*(1-t) + float64(b)*t)
}

// hills fills r below a sine ridge at the given fraction of its height.
func hills(c canvas, r image.Rectangle, col color.RGBA, level, freq float64) {
	for x := r.Min.X; x < r.Max.X; x++ {
		ridge := r.Min.Y + int(float64(r.Dy())*(level+0.06*math.Sin(float64(x)/float64(r.Dx())*freq*math.Pi)))
		shade := col
		shade.G = uint8(min(255, int(col.G)+x%7))
		c.fill(image.Rect(x, ridge, x+1, r.Max.Y), shade)
	}
}

// resize scales img by f with a Catmull-Rom filter.
func resize(img image.Image, f float64) *image.RGBA {
	b := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, int(float64(b.Dx())*f), int(float64(b.Dy())*f)))
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	return dst
}
