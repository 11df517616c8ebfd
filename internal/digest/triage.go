package digest

import (
	"cmp"
	"slices"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Important returns at most n of the digest's tips, most important
// first: the most reported in the period first (see Reports); among tips
// reported as often, urgent, then important, then normal; within a
// priority by the layout's category order (tips of a category the layout
// does not know after the others, tips without a category last); then
// newest first.
func (d Digest) Important(n int) []tip.DigestItem {
	rank := make(map[tip.Category]int, len(d.Layout.categories()))
	for i, c := range d.Layout.categories() {
		rank[c] = i
	}
	unknown, none := len(rank), len(rank)+1
	catRank := func(c tip.Category) int {
		if c == "" {
			return none
		}
		if r, ok := rank[c]; ok {
			return r
		}
		return unknown
	}
	out := slices.Clone(d.Items)
	slices.SortStableFunc(out, func(a, b tip.DigestItem) int {
		ta, tb := a.Tip.Triage, b.Tip.Triage
		return cmp.Or(
			cmp.Compare(d.Reports(b.Tip.ID), d.Reports(a.Tip.ID)),
			cmp.Compare(tb.EffectivePriority().Rank(), ta.EffectivePriority().Rank()),
			cmp.Compare(catRank(ta.Category), catRank(tb.Category)),
			b.Tip.CreatedAt.Compare(a.Tip.CreatedAt),
			cmp.Compare(b.Tip.ID, a.Tip.ID),
		)
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// RegionCount is the number of tips of one region; Key "" counts the
// tips without a region.
type RegionCount struct {
	Region
	Count int
}

// Regions returns the tips per region in display order: every region of
// the layout (with zero counts), then regions with tips the layout does
// not know, by key, then the tips without a region when there are any.
func (d Digest) Regions() []RegionCount {
	var out []RegionCount
	known := map[tip.RegionKey]bool{}
	for _, r := range d.Layout.Regions {
		known[r.Key] = true
		out = append(out, RegionCount{r, d.ByRegion[r.Key]})
	}
	var extra []tip.RegionKey
	for k, n := range d.ByRegion {
		if k != "" && n > 0 && !known[k] {
			extra = append(extra, k)
		}
	}
	slices.Sort(extra)
	for _, k := range extra {
		out = append(out, RegionCount{Region{Key: k, Name: string(k)}, d.ByRegion[k]})
	}
	if n := d.ByRegion[""]; n > 0 {
		out = append(out, RegionCount{Count: n})
	}
	return out
}

// CategoryCount is the number of tips of one category; "" counts the
// tips without one.
type CategoryCount struct {
	Category tip.Category
	Count    int
}

// Categories returns the tips per category in display order: every
// category of the layout (with zero counts), then categories with tips
// the layout does not know, by key, then the tips without a category when
// there are any.
func (d Digest) Categories() []CategoryCount {
	var out []CategoryCount
	known := map[tip.Category]bool{}
	for _, c := range d.Layout.categories() {
		known[c] = true
		out = append(out, CategoryCount{c, d.ByCategory[c]})
	}
	var extra []tip.Category
	for c, n := range d.ByCategory {
		if c != "" && n > 0 && !known[c] {
			extra = append(extra, c)
		}
	}
	slices.Sort(extra)
	for _, c := range extra {
		out = append(out, CategoryCount{c, d.ByCategory[c]})
	}
	if n := d.ByCategory[""]; n > 0 {
		out = append(out, CategoryCount{Count: n})
	}
	return out
}
