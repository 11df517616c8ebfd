package digest

import (
	"cmp"
	"slices"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Response is how fast the police gave the tips of a digest their first
// status: over the tips that have one, overall and per police chat the
// first status was set from.
type Response struct {
	Overall ResponseTime
	// ByChat has one entry per police chat, most tips first, then by
	// unit and chat id.
	ByChat []ChatResponse
}

// ResponseTime summarises the times from tips' arrival to their first
// status.
type ResponseTime struct {
	// Count is the number of tips the times cover: those with a status.
	Count int
	// Median and P90 are the 50th and 90th percentiles (nearest rank,
	// see Percentile); zero when Count is 0.
	Median, P90 time.Duration
}

// ChatResponse is the response time of one police chat: the tips whose
// first status was set from it.
type ChatResponse struct {
	// ChatID is the chat's id; 0 when the tips' history was not read and
	// Unit, the unit of their current status, stands for it.
	ChatID int64
	// Unit is the police unit of the chat ("Polres Badung"), as recorded
	// with the latest tip's first status there; may be empty.
	Unit string
	ResponseTime
}

// Responses computes the time from each tip's arrival (CreatedAt) to its
// first status, over the items that got one, overall and per police chat.
//
// firsts holds the first status change of tips (their history's first
// entry, in any order; entries of tips not among items are ignored): it
// gives the time and the chat and unit of the first status. A tip with
// no entry there but with Status.FirstAt set is counted with that time
// and, as its chat, the unit of its current status (ChatID 0). A time
// before the tip's arrival (a clock that stepped back) counts as zero.
func Responses(items []tip.DigestItem, firsts []tip.StatusChange) Response {
	first := make(map[int64]tip.StatusChange, len(firsts))
	for _, c := range firsts {
		if old, ok := first[c.TipID]; !ok || c.At.Before(old.At) {
			first[c.TipID] = c
		}
	}
	type chatKey struct {
		id   int64
		unit string // only when id is 0
	}
	var all []time.Duration
	byChat := map[chatKey][]time.Duration{}
	units := map[chatKey]string{}
	var order []chatKey
	for _, it := range items {
		t := it.Tip
		c, ok := first[t.ID]
		if !ok {
			if t.Status.FirstAt.IsZero() {
				continue
			}
			c = tip.StatusChange{TipID: t.ID, Unit: t.Status.Unit, At: t.Status.FirstAt}
		}
		d := max(c.At.Sub(t.CreatedAt), 0)
		all = append(all, d)
		k := chatKey{id: c.ChatID}
		if k.id == 0 {
			k.unit = c.Unit
		}
		if _, seen := byChat[k]; !seen {
			order = append(order, k)
		}
		byChat[k] = append(byChat[k], d)
		if c.Unit != "" {
			units[k] = c.Unit
		}
	}
	r := Response{Overall: responseTime(all)}
	for _, k := range order {
		r.ByChat = append(r.ByChat, ChatResponse{ChatID: k.id, Unit: units[k], ResponseTime: responseTime(byChat[k])})
	}
	slices.SortFunc(r.ByChat, func(a, b ChatResponse) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Unit, b.Unit), cmp.Compare(a.ChatID, b.ChatID))
	})
	return r
}

// responseTime returns the count, median and 90th percentile of ds,
// which it sorts.
func responseTime(ds []time.Duration) ResponseTime {
	slices.Sort(ds)
	return ResponseTime{Count: len(ds), Median: Percentile(ds, 50), P90: Percentile(ds, 90)}
}

// Percentile returns the p-th percentile (0 < p <= 100) of sorted, which
// must be in ascending order, by the nearest-rank method: the smallest
// value such that at least p% of the values are at most it, which is
// sorted[ceil(p*n/100)-1] for n values. It is always one of the values
// (the median of an even count is the lower middle one, not a mean). It
// returns 0 for no values; p is clamped to [1, 100].
func Percentile(sorted []time.Duration, p int) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	p = min(max(p, 1), 100)
	rank := (p*n + 99) / 100 // ceil(p*n/100), at least 1
	return sorted[rank-1]
}
