package phash

import (
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
)

// nearBy returns h with n distinct random bits flipped.
func nearBy(rng *rand.Rand, h Hash, n int) Hash {
	for _, b := range rng.Perm(64)[:n] {
		h ^= 1 << b
	}
	return h
}

// bruteNear is the reference for Index.Near.
func bruteNear(hashes []Hash, h Hash, maxDist int) []Match {
	var out []Match
	for i, e := range hashes {
		if d := Distance(e, h); d <= maxDist {
			out = append(out, Match{ID: int64(i), Distance: d})
		}
	}
	slices.SortFunc(out, func(a, b Match) int {
		if a.Distance != b.Distance {
			return a.Distance - b.Distance
		}
		return int(a.ID - b.ID)
	})
	return out
}

func TestIndexNearMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var hashes []Hash
	var x Index
	add := func(h Hash) {
		x.Add(h, int64(len(hashes)))
		hashes = append(hashes, h)
	}
	queries := make([]Hash, 20)
	for i := range queries {
		queries[i] = Hash(rng.Uint64())
	}
	for range 5000 {
		add(Hash(rng.Uint64()))
	}
	// Planted neighbours at every distance up to 20, some twice.
	for _, q := range queries {
		for d := range 21 {
			add(nearBy(rng, q, d))
		}
		add(q)
	}
	tests := []struct {
		name    string
		maxDist int
	}{
		{"exact", 0}, {"1 bit", 1}, {"3 bits", 3}, {"4 bits", 4},
		{"6 bits", 6}, {"7 bits", 7}, {"10 bits", 10}, {"15 bits", 15},
		{"16 bits, linear scan", 16}, {"20 bits, linear scan", 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, q := range queries {
				got, want := x.Near(q, tt.maxDist), bruteNear(hashes, q, tt.maxDist)
				if !slices.Equal(got, want) {
					t.Fatalf("Near(%v, %d) = %v, want %v", q, tt.maxDist, got, want)
				}
			}
		})
	}
	if got := x.Len(); got != len(hashes) {
		t.Errorf("Len() = %d, want %d", got, len(hashes))
	}
}

func TestIndexEmptyAndNegative(t *testing.T) {
	var x Index
	if got := x.Near(0, 6); got != nil {
		t.Errorf("empty Near = %v, want nil", got)
	}
	x.Add(0, 1)
	if got := x.Near(0, -1); got != nil {
		t.Errorf("Near(0, -1) = %v, want nil", got)
	}
	if got, want := x.Near(1, 64), []Match{{ID: 1, Distance: 1}}; !slices.Equal(got, want) {
		t.Errorf("Near(1, 64) = %v, want %v", got, want)
	}
}

// TestIndexConcurrent runs readers alongside a writer; run with -race.
func TestIndexConcurrent(t *testing.T) {
	var x Index
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range 2000 {
			x.Add(Hash(i), int64(i))
		}
	}()
	for r := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 500 {
				for _, m := range x.Near(Hash(i*r), 3) {
					if m.Distance > 3 {
						t.Errorf("match %v beyond 3 bits", m)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	if got := len(x.Near(0, 0)); got != 1 {
		t.Errorf("Near(0, 0) after writes: %d matches, want 1", got)
	}
}
