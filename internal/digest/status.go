package digest

import (
	"cmp"
	"slices"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// StatusCount is the number of tips with one current police status;
// tip.StatusNone counts the tips without one.
type StatusCount struct {
	Status tip.Status
	Count  int
}

// Statuses returns the tips per current police status: every status in
// button order (tip.Statuses, with zero counts), then statuses the bot
// does not know (from a newer version's database), by key, then the tips
// without a status, always, so that a digest says how many wait.
func (d Digest) Statuses() []StatusCount {
	var out []StatusCount
	known := map[tip.Status]bool{tip.StatusNone: true}
	for _, s := range tip.Statuses() {
		known[s] = true
		out = append(out, StatusCount{s, d.ByStatus[s]})
	}
	var extra []tip.Status
	for s, n := range d.ByStatus {
		if n > 0 && !known[s] {
			extra = append(extra, s)
		}
	}
	slices.Sort(extra)
	for _, s := range extra {
		out = append(out, StatusCount{s, d.ByStatus[s]})
	}
	return append(out, StatusCount{tip.StatusNone, d.ByStatus[tip.StatusNone]})
}

// unanswered returns at most n of items that have no status, oldest
// first (by arrival, then number).
func unanswered(items []tip.DigestItem, n int) []tip.DigestItem {
	var idx []int
	for i, it := range items {
		if it.Tip.Status.Status == tip.StatusNone {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return nil
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		ta, tb := items[a].Tip, items[b].Tip
		return cmp.Or(ta.CreatedAt.Compare(tb.CreatedAt), cmp.Compare(ta.ID, tb.ID))
	})
	out := make([]tip.DigestItem, 0, min(n, len(idx)))
	for _, i := range idx[:min(n, len(idx))] {
		out = append(out, items[i])
	}
	return out
}
