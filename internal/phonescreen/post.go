package phonescreen

import (
	"image"
	"image/color"
	"math"
)

// Post is a social network's post as its feed shows it: the page that
// posted it, how long ago, its text and its hashtags, above a photo.
type Post struct {
	Author, Age, Text, Tags string
}

// Post draws a social network's feed with p on top.
func (f *Drawer) Post(p Post) *image.RGBA {
	c := newCanvas(color.White)
	dark, muted, rule := rgb(0x050505), rgb(0x65676b), rgb(0xced0d4)
	statusFace := f.face(false, 20)

	c.text(24, 28, "09:15", statusFace, dark)
	c.text(Width-120, 28, "LTE 64%", statusFace, dark)
	c.text(24, 88, "Beranda", f.face(true, 34), rgb(0x1877f2))
	c.circle(Width-60, 76, 24, rgb(0xe4e6eb))
	c.circle(Width-120, 76, 24, rgb(0xe4e6eb))
	c.fill(image.Rect(0, 120, Width, 128), rule)

	c.circle(60, 180, 32, rgb(0x42b72a))
	c.text(108, 172, p.Author, f.face(true, 24), dark)
	c.text(108, 202, p.Age, f.face(false, 19), muted)

	body := f.face(false, 26)
	y := 262
	for _, l := range wrap(body, p.Text, Width-48) {
		c.text(24, y, l, body, dark)
		y += 38
	}
	y += 8
	c.text(24, y, p.Tags, body, rgb(0x216fdb))
	y += 30

	photo := image.Rect(0, y, Width, y+420)
	sky(c, photo, rgb(0x87ceeb), rgb(0xfdfcdc))
	c.circle(520, y+120, 50, rgb(0xffd54f))
	hills(c, photo, rgb(0x4e7d3a), 0.55, 0.9)
	c.fill(image.Rect(300, y+260, 420, y+420), rgb(0x9e9e9e))
	y += 440

	c.text(24, y+20, "1,2 rb suka", f.face(false, 20), muted)
	c.text(Width-330, y+20, "318 komentar  97 dibagikan", f.face(false, 20), muted)
	c.fill(image.Rect(24, y+40, Width-24, y+42), rule)
	actions := f.face(true, 22)
	for i, a := range []string{"Suka", "Komentari", "Bagikan"} {
		c.text(60+i*230, y+84, a, actions, muted)
	}
	c.fill(image.Rect(0, y+110, Width, y+118), rule)

	c.circle(60, y+170, 32, rgb(0xf7b928))
	c.text(108, y+162, "Berita Bali Hari Ini", f.face(true, 24), dark)
	c.text(108, y+192, "5 jam · Publik", f.face(false, 19), muted)
	return c.img
}

// Photo draws a landscape without any text: sky, sun, hills, a road.
func Photo() *image.RGBA {
	c := newCanvas(color.White)
	b := c.img.Bounds()
	sky(c, b, rgb(0x3a6fb0), rgb(0xf6c28b))
	c.circle(480, 420, 90, rgb(0xfff1c1))
	hills(c, b, rgb(0x5b7f3a), 0.5, 1.4)
	hills(c, image.Rect(0, 200, Width, Height), rgb(0x3f6b2a), 0.62, 2.3)
	// A fence of posts and rails on the far hill, trees, and birds: shapes
	// that OCR may take for letters.
	for x := 24; x < Width; x += 36 {
		c.fill(image.Rect(x, 760, x+8, 840), rgb(0x8d6e63))
	}
	c.fill(image.Rect(0, 780, Width, 788), rgb(0x8d6e63))
	c.fill(image.Rect(0, 812, Width, 820), rgb(0x8d6e63))
	for i, x := range []int{90, 210, 560, 650} {
		tree(c, x, 700+i%2*40, 70+i*8, rgb(0x2e4d1f))
	}
	for i, x := range []int{120, 170, 230, 600} {
		bird(c, x, 180+i*23%60, 14, rgb(0x263238))
	}
	for x := 0; x < Width; x++ {
		// A road narrowing towards the horizon.
		for y := 900; y < Height; y++ {
			half := float64(y-880) * 0.35
			if math.Abs(float64(x-360)) < half {
				c.img.Set(x, y, rgb(0x6d6d6d))
			}
		}
	}
	return c.img
}

// tree draws a conifer: a trunk under a triangle of Height h whose tip is
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

// hills fills r below a sine ridge at the given fraction of its Height.
func hills(c canvas, r image.Rectangle, col color.RGBA, level, freq float64) {
	for x := r.Min.X; x < r.Max.X; x++ {
		ridge := r.Min.Y + int(float64(r.Dy())*(level+0.06*math.Sin(float64(x)/float64(r.Dx())*freq*math.Pi)))
		shade := col
		shade.G = uint8(min(255, int(col.G)+x%7))
		c.fill(image.Rect(x, ridge, x+1, r.Max.Y), shade)
	}
}
