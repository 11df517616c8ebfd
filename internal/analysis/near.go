package analysis

import (
	"slices"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// sortNear orders close photos closest first, then oldest tip first, and
// keeps one entry per tip (its closest photo).
func sortNear(near []tip.NearImage) []tip.NearImage {
	slices.SortFunc(near, func(a, b tip.NearImage) int {
		if a.Distance != b.Distance {
			return a.Distance - b.Distance
		}
		return int(a.TipID - b.TipID)
	})
	seen := map[int64]bool{}
	out := near[:0]
	for _, n := range near {
		if !seen[n.TipID] {
			seen[n.TipID] = true
			out = append(out, n)
		}
	}
	return out
}
