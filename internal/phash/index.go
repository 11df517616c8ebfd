package phash

import (
	"cmp"
	"math/bits"
	"slices"
	"sync"
)

// Match is one result of Index.Near.
type Match struct {
	ID       int64
	Distance int
}

// chunks is the number of 16-bit pieces a hash is split into.
const chunks = 4

// maxProbeRadius is the largest per-chunk radius probed; beyond it
// (maxDist ≥ 16) Near scans every hash.
const maxProbeRadius = 3

// Index holds hashes with their ids and finds those near a given hash. It is
// a multi-index hash (Norouzi, Punjani and Fleet, 2012): each hash is split
// into four 16-bit chunks, and each chunk value has a table of the entries
// holding it. Two hashes within d bits agree within ⌊d/4⌋ bits on at least
// one chunk (were all four further apart, the total would exceed d), so a
// lookup with d = 6 probes each table at the 17 values within one bit of the
// query's chunk and checks the full distance of the few entries found.
//
// The zero Index is empty and ready to use. Its methods are safe for
// concurrent use: lookups run in parallel, Add excludes them.
type Index struct {
	mu     sync.RWMutex
	hashes []Hash
	ids    []int64
	// tables[c][v] lists the positions of the entries whose chunk c is v.
	// Nil until the first Add.
	tables *[chunks][1 << 16][]uint32
}

// chunk returns the c-th 16-bit piece of h, c = 0 being the top bits.
func chunk(h Hash, c int) uint16 { return uint16(h >> (48 - 16*c)) }

// Add stores h under id. It does not look for an earlier entry: adding the
// same pair twice makes Near report it twice.
func (x *Index) Add(h Hash, id int64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.tables == nil {
		x.tables = new([chunks][1 << 16][]uint32)
	}
	pos := uint32(len(x.hashes))
	x.hashes = append(x.hashes, h)
	x.ids = append(x.ids, id)
	for c := range chunks {
		t := &x.tables[c][chunk(h, c)]
		*t = append(*t, pos)
	}
}

// Len returns the number of entries added.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.hashes)
}

// Near returns the entries within maxDist bits of h, sorted by distance and
// then by id. It returns nil when there are none or maxDist is negative.
func (x *Index) Near(h Hash, maxDist int) []Match {
	if maxDist < 0 {
		return nil
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	var out []Match
	r := maxDist / chunks
	if r > maxProbeRadius || x.tables == nil {
		for i, e := range x.hashes {
			if d := Distance(e, h); d <= maxDist {
				out = append(out, Match{ID: x.ids[i], Distance: d})
			}
		}
	} else {
		for c := range chunks {
			q := chunk(h, c)
			forEachWithin(q, r, func(v uint16) {
				for _, pos := range x.tables[c][v] {
					e := x.hashes[pos]
					d := Distance(e, h)
					if d > maxDist || foundEarlier(e, h, c, r) {
						continue
					}
					out = append(out, Match{ID: x.ids[pos], Distance: d})
				}
			})
		}
	}
	slices.SortFunc(out, func(a, b Match) int {
		return cmp.Or(cmp.Compare(a.Distance, b.Distance), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// foundEarlier reports whether e, found through chunk c, was already found
// through an earlier chunk, that is, lies within r bits of h there.
func foundEarlier(e, h Hash, c, r int) bool {
	for p := range c {
		if bits.OnesCount16(chunk(e, p)^chunk(h, p)) <= r {
			return true
		}
	}
	return false
}

// forEachWithin calls f with every 16-bit value within r bits of q, q first.
func forEachWithin(q uint16, r int, f func(uint16)) {
	f(q)
	var flip func(v uint16, from, left int)
	flip = func(v uint16, from, left int) {
		for b := from; b < 16; b++ {
			w := v ^ 1<<b
			f(w)
			if left > 1 {
				flip(w, b+1, left-1)
			}
		}
	}
	if r > 0 {
		flip(q, 0, r)
	}
}
