package sandbox

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"sync"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"

	"github.com/tiprelay/tiprelay/internal/phonescreen"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// Sample is a screenshot a staff member can attach: an image in the sizes
// Telegram keeps of a photo, smallest first.
type Sample struct {
	Name  string
	Sizes []SampleSize
}

// SampleSize is one size of a sample: a PNG or JPEG image.
type SampleSize struct {
	Width, Height int
	MIME          string // image/png or image/jpeg
	Data          []byte
}

// Largest returns the largest size.
func (s Sample) Largest() SampleSize { return s.Sizes[len(s.Sizes)-1] }

// message returns the photo message of the sample with caption.
func (s Sample) message(caption string) telegramtest.Message {
	m := telegramtest.Message{Caption: caption, CaptionEntities: telegramtest.DetectEntities(caption)}
	for _, z := range s.Sizes {
		m.Photo = append(m.Photo, telegramtest.PhotoSize{Width: z.Width, Height: z.Height, Content: z.Data})
	}
	return m
}

// canvas draws a sample: rectangles, discs and the 7×13 bitmap font,
// scaled by whole pixels so that it reads like a phone screenshot.
type canvas struct{ img *image.RGBA }

func newCanvas(w, h int, bg color.RGBA) canvas {
	c := canvas{image.NewRGBA(image.Rect(0, 0, w, h))}
	c.rect(0, 0, w, h, bg)
	return c
}

func (c canvas) rect(x, y, w, h int, col color.RGBA) {
	xdraw.Draw(c.img, image.Rect(x, y, x+w, y+h), image.NewUniform(col), image.Point{}, xdraw.Src)
}

func (c canvas) disc(cx, cy, r int, col color.RGBA) {
	for y := -r; y <= r; y++ {
		for x := -r; x <= r; x++ {
			if x*x+y*y <= r*r {
				c.img.SetRGBA(cx+x, cy+y, col)
			}
		}
	}
}

// text writes s with its top left corner at x, y, each font pixel drawn
// as a scale×scale block; it returns the height of the line.
func (c canvas) text(x, y int, s string, col color.RGBA, scale int) int {
	face := basicfont.Face7x13
	mask := image.NewAlpha(image.Rect(0, 0, face.Advance*len(s), face.Height))
	d := font.Drawer{Dst: mask, Src: image.Opaque, Face: face, Dot: fixed.P(0, face.Ascent)}
	d.DrawString(s)
	for my := 0; my < mask.Rect.Dy(); my++ {
		for mx := 0; mx < mask.Rect.Dx(); mx++ {
			if mask.AlphaAt(mx, my).A > 127 {
				c.rect(x+mx*scale, y+my*scale, scale, scale, col)
			}
		}
	}
	return face.Height * scale
}

// lines writes each line below the previous one, with a gap.
func (c canvas) lines(x, y int, col color.RGBA, scale int, ls ...string) int {
	for _, l := range ls {
		y += c.text(x, y, l, col, scale) + 4
	}
	return y
}

// sample encodes the canvas in its own size and a 90 pixel wide thumbnail.
func (c canvas) sample(name string) Sample {
	b := c.img.Bounds()
	th := b.Dy() * 90 / b.Dx()
	thumb := image.NewRGBA(image.Rect(0, 0, 90, th))
	xdraw.ApproxBiLinear.Scale(thumb, thumb.Bounds(), c.img, b, xdraw.Src, nil)
	return Sample{Name: name, Sizes: []SampleSize{
		{90, th, "image/png", encodePNG(thumb)},
		{b.Dx(), b.Dy(), "image/png", encodePNG(c.img)},
	}}
}

func encodePNG(img image.Image) []byte {
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		panic(err) // an in-memory RGBA image always encodes
	}
	return buf.Bytes()
}

var (
	white  = color.RGBA{255, 255, 255, 255}
	black  = color.RGBA{20, 20, 20, 255}
	grey   = color.RGBA{110, 110, 110, 255}
	red    = color.RGBA{200, 30, 30, 255}
	yellow = color.RGBA{250, 215, 40, 255}
)

// Indexes in World.Samples of the screenshots of the repeats demo (see
// screens.go).
const (
	sampleTPS17      = 4 // a group chat saying "TPS 17 DITUTUP" in Kuta
	sampleTPS17Again = 5 // the same, re-encoded as JPEG
	sampleSocial     = 6 // a social post: #hoaks in Gianyar
)

// drawnSamples returns the samples, drawn once per process: drawing takes
// a fifth of a second (seconds under the race detector), the result never
// changes, and every Sandbox of the process shares it, read-only.
var drawnSamples = sync.OnceValue(samples)

// samples draws the demo screenshots: a chat group, a social media post,
// a banner and a vote-buying message, distinct enough that none repeats
// another; then the screenshots of the repeats demo, drawn with the Go
// fonts so that OCR reads them, one of which repeats another on purpose.
func samples() []Sample {
	d, err := phonescreen.New()
	if err != nil {
		panic(err) // the embedded Go fonts always parse
	}
	tps := tps17Chat(d).sample("tangkapan-tps17.png")
	return []Sample{
		chatShot(), postShot(), bannerShot(), moneyShot(),
		sampleTPS17:      tps,
		sampleTPS17Again: reencoded(tps, "tangkapan-tps17-diteruskan.jpg"),
		sampleSocial:     socialPost(d).sample("postingan-hoaks-gianyar.png"),
	}
}

func chatShot() Sample {
	c := newCanvas(360, 640, color.RGBA{236, 229, 221, 255})
	c.rect(0, 0, 360, 56, color.RGBA{7, 94, 84, 255})
	c.text(16, 16, "Grup Warga Kuta", white, 2)
	bubble := func(y int, right bool, ls ...string) int {
		h := len(ls)*30 + 14
		x, col := 12, white
		if right {
			x, col = 96, color.RGBA{220, 248, 198, 255}
		}
		c.rect(x, y, 252, h, col)
		c.lines(x+10, y+8, black, 2, ls...)
		return y + h + 14
	}
	y := bubble(76, false, "Info dr grup:", "surat suara", "TPS 05 Kuta sdh", "dicoblos semua!!")
	y = bubble(y, false, "SEBARKAN sblm", "dihapus")
	y = bubble(y, true, "Serius? ada", "fotonya?")
	bubble(y, false, "cek: bit.ly/", "tps05-kuta")
	return c.sample("tangkapan-grup-wa.png")
}

func postShot() Sample {
	c := newCanvas(360, 640, color.RGBA{240, 242, 245, 255})
	c.rect(0, 0, 360, 56, color.RGBA{24, 119, 242, 255})
	c.text(16, 16, "facebook", white, 2)
	c.rect(10, 70, 340, 540, white)
	c.disc(44, 108, 22, color.RGBA{120, 160, 90, 255})
	c.text(76, 92, "Bali Bersatu", black, 2)
	c.text(76, 120, "2 jam lalu", grey, 1)
	c.lines(24, 150, black, 2, "PENGUMUMAN:", "Pencoblosan di", "Denpasar DIUNDUR", "ke hari Kamis!", "Sebarkan!!")
	c.rect(24, 330, 312, 200, color.RGBA{230, 120, 40, 255})
	c.rect(64, 370, 232, 120, color.RGBA{250, 235, 200, 255})
	c.text(96, 412, "KPU", red, 4)
	c.text(24, 560, "1,2 rb suka  340 bagikan", grey, 1)
	return c.sample("postingan-medsos.png")
}

func bannerShot() Sample {
	c := newCanvas(640, 360, color.RGBA{120, 170, 210, 255})
	c.rect(0, 250, 640, 110, color.RGBA{90, 90, 80, 255})
	c.rect(70, 60, 8, 260, color.RGBA{90, 60, 30, 255})
	c.rect(562, 60, 8, 260, color.RGBA{90, 60, 30, 255})
	c.rect(60, 60, 520, 170, red)
	c.text(92, 84, "JANGAN PILIH", yellow, 4)
	c.text(92, 144, "CALON NO. 2", white, 4)
	c.text(92, 200, "ANTEK ASING!", yellow, 2)
	return c.sample("spanduk-jalan.png")
}

func moneyShot() Sample {
	c := newCanvas(360, 640, color.RGBA{255, 255, 255, 255})
	c.rect(0, 0, 360, 56, color.RGBA{40, 40, 60, 255})
	c.text(16, 16, "Pesan baru", white, 2)
	c.rect(16, 80, 328, 210, color.RGBA{245, 245, 250, 255})
	c.lines(28, 92, black, 2, "Rp 200.000 per", "suara. Ambil di", "balai banjar,", "Kec. Tegallalang", "jam 7 malam.", "Bawa KTP.")
	c.rect(60, 320, 240, 130, color.RGBA{60, 150, 80, 255})
	c.rect(80, 340, 200, 90, color.RGBA{110, 190, 120, 255})
	c.text(108, 368, "100000", white, 3)
	c.rect(40, 480, 280, 40, color.RGBA{230, 230, 230, 255})
	c.text(56, 492, "Balas...", grey, 2)
	return c.sample("pesan-amplop.png")
}
