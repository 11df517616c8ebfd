package phash

import (
	"fmt"
	"image"
	"math/bits"
	"slices"

	"golang.org/x/image/draw"
)

// Hash is a 64-bit perceptual hash. Bit 63-(8*(u-1)+(v-1)) holds DCT
// coefficient (u, v) of the 32×32 image, for u (vertical frequency) and v
// (horizontal frequency) in 1..8.
type Hash uint64

// String returns the hash as 16 lower-case hexadecimal digits.
func (h Hash) String() string { return fmt.Sprintf("%016x", uint64(h)) }

// Distance returns the Hamming distance between a and b: the number of bits,
// 0 to 64, in which they differ.
func Distance(a, b Hash) int { return bits.OnesCount64(uint64(a ^ b)) }

// side is the width and height of the image the DCT runs on.
const side = 32

// grid is a side×side single-channel image.
type grid [side][side]float64

// Of returns the perceptual hash of img: luma, 32×32, soft histogram
// equalisation, DCT, 8×8 low frequencies against their median (see the
// package comment). Transparent pixels count as black. An empty image
// hashes to 0.
func Of(img image.Image) Hash {
	if img.Bounds().Empty() {
		return 0
	}
	px := luma32(img)
	equalise(px)
	return fromGrid(px)
}

// luma32 resizes img to 32×32 with a Catmull-Rom filter and returns its
// luma. Resizing before taking the luma is equivalent (both are linear,
// except for clamping) and lets the draw package use its fast paths.
func luma32(img image.Image) *grid {
	small := image.NewRGBA(image.Rect(0, 0, side, side))
	draw.CatmullRom.Scale(small, small.Bounds(), img, img.Bounds(), draw.Src, nil)
	var px grid
	for y := range side {
		for x := range side {
			o := small.PixOffset(x, y)
			p := small.Pix[o : o+3 : o+3]
			// ITU-R BT.601 luma, as in JPEG and the pHash library.
			px[y][x] = 0.299*float64(p[0]) + 0.587*float64(p[1]) + 0.114*float64(p[2])
		}
	}
	return &px
}

// fromGrid returns the hash of px: bit set where a low-frequency DCT
// coefficient exceeds the median of the 64.
func fromGrid(px *grid) Hash {
	coef := lowDCT(px, newCosines())
	med := median(coef)
	var h Hash
	for i, c := range coef {
		if c > med {
			h |= 1 << (63 - i)
		}
	}
	return h
}

// median returns the median of the 64 values: the mean of the two middle
// ones.
func median(v [64]float64) float64 {
	s := v
	slices.Sort(s[:])
	return (s[31] + s[32]) / 2
}
