package main

import (
	"bytes"
	"image"
	"image/png"
	"math/rand/v2"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// The bot folds a photo into an earlier one with the same bytes (by
// SHA-256, after the download) or a perceptual hash within a few bits.
// telegramtest.Photo draws the same gradient every time, so a benchmark
// sending several of its photos would see them folded; distinctPhoto
// draws a picture of its own for each seed instead.

// photoGrid is the number of blocks of a distinct photo, across and down.
const photoGridX, photoGridY = 8, 6

// distinctPhoto returns a photo message with the caption, in three sizes
// (90, 320 and 800 pixels wide, 4:3) of a grid of grey blocks whose
// shades seed draws: photos of two seeds differ in their bytes and in
// their perceptual hash (by about half of its 64 bits), photos of one
// seed are the same. Grey keeps the PNGs small and quick to make and
// read; the perceptual hash reads only the luma anyway.
func distinctPhoto(seed uint64, caption string) telegramtest.Message {
	rng := rand.New(rand.NewPCG(seed, 0x70686f746f))
	var blocks [photoGridY][photoGridX]uint8
	for y := range blocks {
		for x := range blocks[y] {
			blocks[y][x] = uint8(rng.IntN(256))
		}
	}
	var sizes []telegramtest.PhotoSize
	for _, w := range []int{90, 320, 800} {
		h := w * 3 / 4
		sizes = append(sizes, telegramtest.PhotoSize{Width: w, Height: h, Content: blockPNG(&blocks, w, h)})
	}
	return telegramtest.Message{Photo: sizes, Caption: caption, CaptionEntities: telegramtest.DetectEntities(caption)}
}

// blockPNG renders blocks as a w×h grey PNG.
func blockPNG(blocks *[photoGridY][photoGridX]uint8, w, h int) []byte {
	img := image.NewGray(image.Rect(0, 0, w, h))
	row := make([]byte, w)
	for y := range h {
		if y == 0 || y*photoGridY/h != (y-1)*photoGridY/h {
			// The first line of a row of blocks; the others copy it.
			for x := range row {
				row[x] = blocks[y*photoGridY/h][x*photoGridX/w]
			}
		}
		copy(img.Pix[y*img.Stride:], row)
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	_ = enc.Encode(&buf, img) // writing to memory cannot fail
	return buf.Bytes()
}
