package sandbox

import (
	"bytes"
	"image"
	"image/jpeg"

	xdraw "golang.org/x/image/draw"

	"github.com/tiprelay/tiprelay/internal/phonescreen"
)

// The screenshots of the repeats demo are drawn at start by
// internal/phonescreen, which draws the OCR fixtures too, so that
// Tesseract reads them as it reads those: a group chat saying "TPS 17
// DITUTUP" in Kuta (OCR sets the tip's region to Badung and /cari ditutup
// finds it), the same chat re-encoded as JPEG the way a messenger passes
// it on (another file, another SHA-256, a pHash 0-2 bits away: folded
// after download), and a social post whose hashtags and place name set the
// category and region of a tip that has no caption.

// reencodeQuality is the JPEG quality of the re-encoded screenshot, as a
// messenger that recompresses photos would choose. At 80 this chat's pHash
// moves 2 bits, so the demo folds it even with TIPRELAY_OCR=off (a very
// close hash alone decides when no text was read). At 70 it moves 4 bits
// (as the OCR fixtures chat.png and chat-q70.jpg do): with OCR it still
// folds, by its text; without, it would only be marked «mirip».
const reencodeQuality = 80

// tps17Chat is the demo's group chat screenshot, the OCR fixture chat.png.
func tps17Chat(d *phonescreen.Drawer) canvas {
	return canvas{d.Chat(phonescreen.TPS17(phonescreen.Light()))}
}

// socialPost is the demo's social network screenshot: a post about a
// hoax in Gianyar, tagged #hoaks.
func socialPost(d *phonescreen.Drawer) canvas {
	return canvas{d.Post(phonescreen.Post{
		Author: "Kabar Gianyar Hari Ini", Age: "3 jam · Publik",
		Text: "Surat suara untuk TPS di Gianyar katanya sudah dicoblos panitia tadi malam. " +
			"Sebarkan sebelum dihapus! Warga tidak perlu datang ke TPS.",
		Tags: "#hoaks #Gianyar #Pemilu",
	})}
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
