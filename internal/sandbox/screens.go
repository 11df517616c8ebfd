package sandbox

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"strings"

	"github.com/golang/freetype/truetype"
	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/math/fixed"
)

// The screenshots of the repeats demo are drawn at start with the Go
// fonts, in the layout of the OCR fixtures (internal/ocr/testdata/gen), so
// that Tesseract reads them as it reads those: a group chat saying "TPS 17
// DITUTUP" in Kuta (OCR sets the tip's region to Badung and /cari ditutup
// finds it), the same chat re-encoded as JPEG the way a messenger passes
// it on (another file, another SHA-256, a pHash 0-2 bits away: folded
// after download), and a social post whose hashtags and place name set the
// category and region of a tip that has no caption.

// Size of the drawn screenshots: a phone screen as Telegram keeps it.
const screenW, screenH = 720, 1280

// reencodeQuality is the JPEG quality of the re-encoded screenshot, as a
// messenger that recompresses photos would choose.
const reencodeQuality = 70

// fonts makes faces of the Go fonts.
type fonts struct{ regular, bold *truetype.Font }

func newFonts() fonts {
	r, err := truetype.Parse(goregular.TTF)
	if err != nil {
		panic(err) // the embedded Go fonts always parse
	}
	b, err := truetype.Parse(gobold.TTF)
	if err != nil {
		panic(err)
	}
	return fonts{regular: r, bold: b}
}

// face returns a face of px pixels.
func (f fonts) face(bold bool, px float64) font.Face {
	ft := f.regular
	if bold {
		ft = f.bold
	}
	return truetype.NewFace(ft, &truetype.Options{Size: px, DPI: 72, Hinting: font.HintingFull})
}

// roundRect fills r with corners of the given radius.
func (c canvas) roundRect(r image.Rectangle, radius int, col color.RGBA) {
	c.rect(r.Min.X, r.Min.Y+radius, r.Dx(), r.Dy()-2*radius, col)
	for y := r.Min.Y; y < r.Min.Y+radius; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			dx := max(r.Min.X+radius-x, x-(r.Max.X-1-radius), 0)
			dy := r.Min.Y + radius - y
			if dx*dx+dy*dy <= radius*radius {
				c.img.SetRGBA(x, y, col)
				c.img.SetRGBA(x, r.Max.Y-1-(y-r.Min.Y), col)
			}
		}
	}
}

// say draws s with its baseline at y and returns its width.
func (c canvas) say(x, y int, s string, face font.Face, col color.RGBA) int {
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

func rgb(v uint32) color.RGBA { return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff} }

// bubble is one message of a chat screenshot; an outgoing one has no
// sender.
type bubble struct{ sender, text, clock string }

// tps17 is the chat of the demo's screenshot, the text of the OCR
// fixture chat.png.
var tps17 = []bubble{
	{"Made", "INFO PENTING!! TPS 17 DITUTUP", "10:31"},
	{"Made", "Warga diminta tidak datang ke TPS 17 Desa Kuta besok pagi. Pemungutan suara dipindah ke balai banjar.", "10:31"},
	{"", "Info ini dari siapa? Sudah dicek ke KPU atau panitia?", "10:35"},
	{"Putu", "Katanya dari panitia desa. Tolong disebarkan ke grup lain ya.", "10:38"},
	{"", "Jangan disebar dulu. Kami teruskan ke Diskominfos untuk dicek.", "10:40"},
}

// chatScreen draws a messenger's group chat holding msgs.
func chatScreen(f fonts, title, members string, msgs []bubble) canvas {
	c := newCanvas(screenW, screenH, rgb(0xece5dd))
	white, muted := color.RGBA{255, 255, 255, 255}, rgb(0x667781)
	status, small := f.face(false, 20), f.face(false, 16)

	c.rect(0, 0, screenW, 40, rgb(0x054d44))
	c.say(24, 28, "10:42", status, white)
	c.say(screenW-110, 28, "4G 87%", status, white)
	c.rect(0, 40, screenW, 96, rgb(0x075e54))
	c.disc(70, 88, 30, rgb(0xcfd8dc))
	c.say(116, 80, title, f.face(true, 26), white)
	c.say(116, 114, members, f.face(false, 19), rgb(0xcce6e3))

	chip := "HARI INI"
	cw := font.MeasureString(small, chip).Ceil()
	c.roundRect(image.Rect((screenW-cw)/2-14, 156, (screenW+cw)/2+14, 188), 8, rgb(0xe1f3fb))
	c.say((screenW-cw)/2, 178, chip, small, muted)

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
		x, bg := 20, white
		if m.sender == "" {
			x, bg = screenW-20-w, rgb(0xdcf8c6)
		}
		c.roundRect(image.Rect(x, y, x+w, y+h), 14, bg)
		ty := y + pad
		if m.sender != "" {
			c.say(x+pad, ty+20, m.sender, name, rgb(0xc2185b))
			ty += 28
		}
		for _, l := range lines {
			c.say(x+pad, ty+24, l, body, rgb(0x111b21))
			ty += lineH
		}
		c.say(x+w-pad-font.MeasureString(small, m.clock).Ceil(), y+h-pad/2-2, m.clock, small, muted)
		y += h + 14
	}

	c.rect(0, screenH-96, screenW, 96, rgb(0xf0f0f0))
	c.roundRect(image.Rect(16, screenH-80, screenW-100, screenH-16), 32, white)
	c.say(48, screenH-38, "Ketik pesan", f.face(false, 24), rgb(0x8696a0))
	c.disc(screenW-52, screenH-48, 32, rgb(0x00a884))
	return c
}

// socialScreen draws a social network's feed with one post about a hoax
// in Gianyar, tagged #hoaks.
func socialScreen(f fonts) canvas {
	c := newCanvas(screenW, screenH, color.RGBA{255, 255, 255, 255})
	dark, muted, rule := rgb(0x050505), rgb(0x65676b), rgb(0xced0d4)
	status := f.face(false, 20)

	c.say(24, 28, "09:15", status, dark)
	c.say(screenW-120, 28, "LTE 64%", status, dark)
	c.say(24, 88, "Beranda", f.face(true, 34), rgb(0x1877f2))
	c.disc(screenW-60, 76, 24, rgb(0xe4e6eb))
	c.disc(screenW-120, 76, 24, rgb(0xe4e6eb))
	c.rect(0, 120, screenW, 8, rule)

	c.disc(60, 180, 32, rgb(0x42b72a))
	c.say(108, 172, "Kabar Gianyar Hari Ini", f.face(true, 24), dark)
	c.say(108, 202, "3 jam · Publik", f.face(false, 19), muted)

	body := f.face(false, 26)
	y := 262
	text := "Surat suara untuk TPS di Gianyar katanya sudah dicoblos panitia tadi malam. " +
		"Sebarkan sebelum dihapus! Warga tidak perlu datang ke TPS."
	for _, l := range wrap(body, text, screenW-48) {
		c.say(24, y, l, body, dark)
		y += 38
	}
	y += 8
	c.say(24, y, "#hoaks #Gianyar #Pemilu", body, rgb(0x216fdb))
	y += 30

	// A photo of a polling station: sky, a tent and ballot boxes.
	for i := range 420 {
		t := float64(i) / 420
		c.rect(0, y+i, screenW, 1, color.RGBA{uint8(135 + 100*t), uint8(206 + 40*t), uint8(235 - 20*t), 255})
	}
	c.rect(0, y+300, screenW, 120, rgb(0x8d9e6e))
	c.rect(160, y+120, 400, 30, rgb(0xc62828))
	c.rect(180, y+150, 12, 170, rgb(0x5d4037))
	c.rect(528, y+150, 12, 170, rgb(0x5d4037))
	for i, x := range []int{240, 330, 420} {
		c.rect(x, y+240+i%2*6, 70, 70, rgb(0xeceff1))
	}
	y += 440

	c.say(24, y+20, "2,4 rb suka", f.face(false, 20), muted)
	c.say(screenW-330, y+20, "512 komentar  143 dibagikan", f.face(false, 20), muted)
	c.rect(24, y+40, screenW-48, 2, rule)
	actions := f.face(true, 22)
	for i, a := range []string{"Suka", "Komentari", "Bagikan"} {
		c.say(60+i*230, y+84, a, actions, muted)
	}
	return c
}

// reencoded returns the sample as a messenger passes it on: every size
// decoded and encoded again as JPEG.
func reencoded(s Sample, name string) Sample {
	out := Sample{Name: name}
	for _, z := range s.Sizes {
		img, _, err := image.Decode(bytes.NewReader(z.Data))
		if err != nil {
			panic(err) // the sample was encoded above
		}
		rgba := image.NewRGBA(img.Bounds())
		xdraw.Draw(rgba, rgba.Bounds(), img, image.Point{}, xdraw.Src)
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, rgba, &jpeg.Options{Quality: reencodeQuality}); err != nil {
			panic(err) // an in-memory image always encodes
		}
		out.Sizes = append(out.Sizes, SampleSize{Width: z.Width, Height: z.Height, MIME: "image/jpeg", Data: buf.Bytes()})
	}
	return out
}
