package phash

import (
	"bytes"
	"image"
	"math/rand/v2"
	"testing"
)

// bkTree is a Burkhard-Keller tree over Hamming distance, kept in the tests
// only to compare with Index (see BenchmarkNear1M).
type bkTree struct{ nodes []bkNode }

type bkNode struct {
	h           Hash
	id          int64
	d           int8  // distance to the parent
	first, next int32 // first child, next sibling; -1 for none
}

func (t *bkTree) add(h Hash, id int64) {
	n := bkNode{h: h, id: id, first: -1, next: -1}
	if len(t.nodes) == 0 {
		t.nodes = append(t.nodes, n)
		return
	}
	cur := int32(0)
	for {
		d := int8(Distance(t.nodes[cur].h, h))
		c := t.nodes[cur].first
		for c >= 0 && t.nodes[c].d != d {
			c = t.nodes[c].next
		}
		if c < 0 {
			n.d, n.next = d, t.nodes[cur].first
			t.nodes = append(t.nodes, n)
			t.nodes[cur].first = int32(len(t.nodes) - 1)
			return
		}
		cur = c
	}
}

func (t *bkTree) near(h Hash, maxDist int) (matches, visited int) {
	if len(t.nodes) == 0 {
		return 0, 0
	}
	stack := []int32{0}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		visited++
		d := Distance(t.nodes[cur].h, h)
		if d <= maxDist {
			matches++
		}
		for c := t.nodes[cur].first; c >= 0; c = t.nodes[c].next {
			if cd := int(t.nodes[c].d); cd >= d-maxDist && cd <= d+maxDist {
				stack = append(stack, c)
			}
		}
	}
	return matches, visited
}

// corpus1M returns 1,000,000 random hashes, 100 query hashes, and, mixed
// into the corpus, 7 neighbours of each query at distances 0 to 6.
func corpus1M() (hashes, queries []Hash) {
	rng := rand.New(rand.NewPCG(7, 7))
	hashes = make([]Hash, 0, 1_000_000+700)
	for range 1_000_000 {
		hashes = append(hashes, Hash(rng.Uint64()))
	}
	queries = make([]Hash, 100)
	for i := range queries {
		queries[i] = Hash(rng.Uint64())
		for d := range 7 {
			hashes = append(hashes, nearBy(rng, queries[i], d))
		}
	}
	rng.Shuffle(len(hashes), func(i, j int) { hashes[i], hashes[j] = hashes[j], hashes[i] })
	return hashes, queries
}

func BenchmarkNear1M(b *testing.B) {
	hashes, queries := corpus1M()
	b.Run("mih", func(b *testing.B) {
		var x Index
		for i, h := range hashes {
			x.Add(h, int64(i))
		}
		found := 0
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			found += len(x.Near(queries[i%len(queries)], 6))
		}
		b.ReportMetric(float64(found)/float64(b.N), "matches/op")
	})
	b.Run("bktree", func(b *testing.B) {
		var t bkTree
		for i, h := range hashes {
			t.add(h, int64(i))
		}
		found, visited := 0, 0
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			m, v := t.near(queries[i%len(queries)], 6)
			found += m
			visited += v
		}
		b.ReportMetric(float64(found)/float64(b.N), "matches/op")
		b.ReportMetric(float64(visited)/float64(b.N), "nodes/op")
	})
	b.Run("linear", func(b *testing.B) {
		found := 0
		for i := 0; b.Loop(); i++ {
			q := queries[i%len(queries)]
			for _, h := range hashes {
				if Distance(h, q) <= 6 {
					found++
				}
			}
		}
		b.ReportMetric(float64(found)/float64(b.N), "matches/op")
	})
}

func BenchmarkOf(b *testing.B) {
	img := render(b, randomChat(1)) // 1080×2340 RGBA
	jpg := mustJPEG(b, img, 80)
	ycc, _, err := image.Decode(bytes.NewReader(jpg))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("rgba", func(b *testing.B) {
		for b.Loop() {
			Of(img)
		}
	})
	b.Run("ycbcr", func(b *testing.B) {
		for b.Loop() {
			Of(ycc)
		}
	})
	b.Run("decode-jpeg", func(b *testing.B) {
		b.SetBytes(int64(len(jpg)))
		for b.Loop() {
			if _, err := Decode(bytes.NewReader(jpg)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
