package phonescreen

import (
	"image"
	"image/color"

	"golang.org/x/image/font"
)

// Message is one chat bubble: an outgoing one has no sender.
type Message struct {
	Sender, Text, Clock string
}

// Chat is a messenger's group chat: its title, the members line under it,
// its messages and the colours of the app's light or dark mode.
type Chat struct {
	Title, Members string
	Messages       []Message
	Theme          Theme
}

// Theme holds the colours of a messenger's light or dark mode.
type Theme struct {
	chat, chip, in, out, text, muted, input, field color.RGBA
}

// Light is a messenger's light mode.
func Light() Theme {
	return Theme{rgb(0xece5dd), rgb(0xe1f3fb), rgb(0xffffff), rgb(0xdcf8c6), rgb(0x111b21), rgb(0x667781), rgb(0xf0f0f0), rgb(0xffffff)}
}

// Dark is a messenger's dark mode.
func Dark() Theme {
	return Theme{rgb(0x0b141a), rgb(0x182229), rgb(0x202c33), rgb(0x005c4b), rgb(0xe9edef), rgb(0x8696a0), rgb(0x1f2c34), rgb(0x2a3942)}
}

// Chat draws ch.
func (f *Drawer) Chat(ch Chat) *image.RGBA {
	msgs, th := ch.Messages, ch.Theme
	c := newCanvas(th.chat)
	white, muted := color.White, th.muted
	statusFace, small := f.face(false, 20), f.face(false, 16)

	c.fill(image.Rect(0, 0, Width, 40), rgb(0x054d44))
	c.text(24, 28, "10:42", statusFace, white)
	c.text(Width-110, 28, "4G 87%", statusFace, white)

	c.fill(image.Rect(0, 40, Width, 136), rgb(0x075e54))
	c.circle(70, 88, 30, rgb(0xcfd8dc))
	c.text(116, 80, ch.Title, f.face(true, 26), white)
	c.text(116, 114, ch.Members, f.face(false, 19), rgb(0xcce6e3))

	chip := "HARI INI"
	cw := font.MeasureString(small, chip).Ceil()
	c.roundRect(image.Rect((Width-cw)/2-14, 156, (Width+cw)/2+14, 188), 8, th.chip)
	c.text((Width-cw)/2, 178, chip, small, muted)

	body, name := f.face(false, 24), f.face(true, 20)
	const lineH, pad, maxW = 34, 16, 500
	y := 208
	for _, m := range msgs {
		lines := wrap(body, m.Text, maxW)
		w := 0
		for _, l := range lines {
			w = max(w, font.MeasureString(body, l).Ceil())
		}
		h := pad + len(lines)*lineH + 22 + pad/2
		if m.Sender != "" {
			h += 28
			w = max(w, font.MeasureString(name, m.Sender).Ceil())
		}
		w += 2*pad + 40
		x, bg := 20, th.in
		if m.Sender == "" {
			x, bg = Width-20-w, th.out
		}
		c.roundRect(image.Rect(x, y, x+w, y+h), 14, bg)
		ty := y + pad
		if m.Sender != "" {
			c.text(x+pad, ty+20, m.Sender, name, rgb(0xc2185b))
			ty += 28
		}
		for _, l := range lines {
			c.text(x+pad, ty+24, l, body, th.text)
			ty += lineH
		}
		c.text(x+w-pad-font.MeasureString(small, m.Clock).Ceil(), y+h-pad/2-2, m.Clock, small, muted)
		y += h + 14
	}

	c.fill(image.Rect(0, Height-96, Width, Height), th.input)
	c.roundRect(image.Rect(16, Height-80, Width-100, Height-16), 32, th.field)
	c.text(48, Height-38, "Ketik pesan", f.face(false, 24), rgb(0x8696a0))
	c.circle(Width-52, Height-48, 32, rgb(0x00a884))
	return c.img
}

// TPS17 is the group chat of the OCR fixture chat.png in theme th: a
// message saying "TPS 17 DITUTUP" in Desa Kuta passed around a volunteers'
// group. The sandbox's demo screenshot is the same chat.
func TPS17(th Theme) Chat {
	return Chat{Title: "Grup Relawan Desa Kuta", Members: "Made, Putu, Komang, Anda", Theme: th, Messages: []Message{
		{Sender: "Made", Text: "INFO PENTING!! TPS 17 DITUTUP", Clock: "10:31"},
		{Sender: "Made", Text: "Warga diminta tidak datang ke TPS 17 Desa Kuta besok pagi. Pemungutan suara dipindah ke balai banjar.", Clock: "10:31"},
		{Text: "Info ini dari siapa? Sudah dicek ke KPU atau panitia?", Clock: "10:35"},
		{Sender: "Putu", Text: "Katanya dari panitia desa. Tolong disebarkan ke grup lain ya.", Clock: "10:38"},
		{Text: "Jangan disebar dulu. Kami teruskan ke Diskominfos untuk dicek.", Clock: "10:40"},
	}}
}
