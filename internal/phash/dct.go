package phash

import "math"

// cosines holds the DCT-II basis: c[k][n] = cos(π(2n+1)k / 2N), N = side.
type cosines [side][side]float64

// newCosines returns the DCT-II basis. It costs about 1,000 cosines, a few
// microseconds, and is recomputed per hash rather than kept in a package
// variable.
func newCosines() *cosines {
	var c cosines
	for k := range side {
		for n := range side {
			c[k][n] = math.Cos(math.Pi * float64(2*n+1) * float64(k) / (2 * side))
		}
	}
	return &c
}

// lowDCT returns the unnormalised 2-D DCT-II coefficients X[u][v] of px for
// u, v in 1..8, row-major (index 8*(u-1)+(v-1)). Only the rows and columns
// needed are computed: the transform is separable, so the columns are first
// reduced to 8 horizontal frequencies, then those to 8 vertical ones. Scale
// factors are omitted: they are the same for every coefficient used, and
// the hash only compares coefficients with their median.
func lowDCT(px *grid, c *cosines) [64]float64 {
	// rows[y][v-1] = Σx px[y][x]·c[v][x]
	var rows [side][8]float64
	for y := range side {
		for v := 1; v <= 8; v++ {
			var s float64
			for x := range side {
				s += px[y][x] * c[v][x]
			}
			rows[y][v-1] = s
		}
	}
	var out [64]float64
	for u := 1; u <= 8; u++ {
		for v := range 8 {
			var s float64
			for y := range side {
				s += rows[y][v] * c[u][y]
			}
			out[(u-1)*8+v] = s
		}
	}
	return out
}
