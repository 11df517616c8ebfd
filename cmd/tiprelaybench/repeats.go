package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
)

// The repeats scenario sends a burst in which 30% of the tips repeat an
// earlier tip of the same burst, as when a hoax goes viral and several
// staff members report it within minutes. The originals are plain texts,
// links, screenshots and forwarded channel posts; a repeat is the same
// channel post forwarded again, the same link in another of its forms
// (tracking parameters, mobile host, short link), or the same photo
// forwarded on or sent again with a caption of its own. Plain texts are
// never repeated: no rule folds two texts by their words.
//
// Re-encoded screenshots (a repeat found only by pHash and OCR after the
// download) are left out: their fold waits on tesseract's ~0.25-0.6 s per
// picture, which does not scale with the window the way Telegram's minute
// does, so it would weigh about 60 times too much against it.

// repeatPercent is the share of the burst that repeats an earlier tip.
const repeatPercent = 30

// repeatsSeed fixes the burst, so that every run sends the same.
const repeatsSeed = 20261130

// burstKind is the shape of a tip of the burst.
type burstKind int

const (
	burstText    burstKind = iota // plain text, no link: never repeated
	burstLink                     // a text with exactly one link
	burstPhoto                    // a screenshot with a caption
	burstForward                  // a post forwarded from a public channel
)

func (k burstKind) String() string {
	return [...]string{"text", "link", "photo", "forward"}[k]
}

// originalShares splits the originals 30/30/25/15 over text, link, photo
// and forward; repeatWeights weighs the kind of a repeat 0/35/25/40, as
// forwards and links travel furthest.
var (
	originalShares = [...]int{30, 30, 25, 15}
	repeatWeights  = [...]int{0, 35, 25, 40}
)

// burstTip is one tip of the burst: an original (Of < 0) or a repeat of
// tip Of, an earlier original of the same kind.
type burstTip struct {
	Kind burstKind `json:"kind"`
	Of   int       `json:"of"`
	// Variant picks the form a repeat takes: the link's other form, or
	// whether a photo is forwarded on with its caption or sent again with
	// a caption of its own.
	Variant int `json:"variant,omitempty"`
}

func (t burstTip) repeat() bool { return t.Of >= 0 }

// resent reports whether repeat t is its original's message sent again
// (a channel post forwarded again, a photo forwarded on with its
// caption), rather than content of its own with the same link or file.
func (t burstTip) resent() bool {
	return t.repeat() && (t.Kind == burstForward || (t.Kind == burstPhoto && t.Variant%2 == 0))
}

// burst is the plan of the repeats scenario, in sending order.
type burst []burstTip

// burstCounts counts a burst's tips by kind, originals and repeats apart.
type burstCounts struct {
	Originals [4]int `json:"originals"` // by burstKind
	Repeats   [4]int `json:"repeats"`   // by burstKind of the original
	// Own counts the repeats with content of their own (see resent).
	Own int `json:"repeats_with_own_content"`
}

func (c burstCounts) originals() int { return sum(c.Originals[:]) }
func (c burstCounts) repeats() int   { return sum(c.Repeats[:]) }

func (c burstCounts) String() string {
	o, r := c.Originals, c.Repeats
	return fmt.Sprintf("%d originals (%d texts, %d links, %d photos, %d forwards) and %d repeats (%d links, %d photos, %d forwards)",
		c.originals(), o[burstText], o[burstLink], o[burstPhoto], o[burstForward],
		c.repeats(), r[burstLink], r[burstPhoto], r[burstForward])
}

func sum(v []int) int {
	n := 0
	for _, x := range v {
		n += x
	}
	return n
}

// counts returns how many tips of each kind b holds.
func (b burst) counts() burstCounts {
	var c burstCounts
	for _, t := range b {
		if t.repeat() {
			c.Repeats[t.Kind]++
			if !t.resent() {
				c.Own++
			}
		} else {
			c.Originals[t.Kind]++
		}
	}
	return c
}

// reports returns, for each tip, how many times the police should see it
// reported: 1 plus its repeats for an original, 0 for a repeat.
func (b burst) reports() []int {
	out := make([]int, len(b))
	for i, t := range b {
		if t.repeat() {
			out[t.Of]++
		} else {
			out[i]++
		}
	}
	return out
}

// newBurst plans a burst of n tips, repeatPercent of them (rounded)
// repeats, the same on every run. The first tip is a repeatable
// original, so that a repeat always has an earlier original to name; a
// repeat names one of the earlier originals of its kind, the earliest
// more often (they have had longer to spread).
func newBurst(n int) burst {
	rng := rand.New(rand.NewPCG(repeatsSeed, repeatsSeed))
	repeats := (n*repeatPercent + 50) / 100
	if n > 0 {
		repeats = min(repeats, n-1)
	}
	originals := n - repeats

	// The originals' kinds, by their shares, shuffled.
	kinds := make([]burstKind, 0, originals)
	for k := burstLink; k <= burstForward; k++ {
		for range (originals*originalShares[k] + 50) / 100 {
			kinds = append(kinds, k)
		}
	}
	kinds = kinds[:min(len(kinds), originals)]
	for len(kinds) < originals {
		kinds = append(kinds, burstText)
	}
	rng.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
	first := slices.IndexFunc(kinds, func(k burstKind) bool { return k != burstText })
	switch {
	case first > 0:
		kinds[0], kinds[first] = kinds[first], kinds[0]
	case first < 0 && repeats > 0:
		kinds[0] = burstForward // a burst too small for the shares
	}

	// Which places after the first are repeats.
	isRepeat := make([]bool, n)
	for i := range repeats {
		isRepeat[1+i] = true
	}
	if n > 1 {
		rest := isRepeat[1:]
		rng.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	}

	b := make(burst, 0, n)
	var byKind [4][]int // the originals so far, by kind
	variants := [4]int{}
	for i := range n {
		if !isRepeat[i] {
			k := kinds[0]
			kinds = kinds[1:]
			byKind[k] = append(byKind[k], i)
			b = append(b, burstTip{Kind: k, Of: -1})
			continue
		}
		k := pickKind(rng, byKind)
		pool := byKind[k]
		u := rng.Float64()
		of := pool[int(u*u*float64(len(pool)))]
		b = append(b, burstTip{Kind: k, Of: of, Variant: variants[k]})
		variants[k]++
	}
	return b
}

// pickKind draws the kind of a repeat by repeatWeights among the kinds
// that have an original so far.
func pickKind(rng *rand.Rand, byKind [4][]int) burstKind {
	total := 0
	for k, w := range repeatWeights {
		if len(byKind[k]) > 0 {
			total += w
		}
	}
	x := rng.IntN(total)
	for k, w := range repeatWeights {
		if len(byKind[k]) == 0 {
			continue
		}
		if x < w {
			return burstKind(k)
		}
		x -= w
	}
	panic("unreachable")
}
