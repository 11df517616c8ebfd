package digest

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Compute builds the digest of p from its items, the previous period's
// total and the relay backlog, with times in loc (UTC when nil). Items
// created outside p are ignored, so a store that returns too much cannot
// skew the counts; the others are listed by tip number. Its Response is
// computed without the tips' status history (Responses with no first
// changes): Build and BuildRegion replace it with one that has it.
//
// Counting rule. A digest counts reports: every item created in p is a
// report, and an item is either an original (DuplicateOf 0, as stored
// when the digest is built) or a repeat of one. The originals are the
// period's tips: Total (and the store's PrevTotal), the counts by region,
// category, priority, status, kind, source, domain and hour, the list,
// the unanswered tips and the response times are of originals only, as
// the police received them. Every repeat created in p counts once in
// Repeats, whenever its original was created; Repeated counts the
// distinct originals the repeats of p point at. A repeat of an original
// of p adds one to that original's Reports (its reports in p, itself
// included), which orders the list and shows as «N×». A repeat in p of
// an original created before p (yesterday's tip reported again today)
// counts in Repeats, its original in Repeated and in RepeatedOlder, and
// nothing else: the original is not a tip of p, so it is neither in
// Total nor in the list; it was counted in its own period. The counts
// per staff member are of every report, repeats included: they measure
// the staff's work. Reports is thus a count within p, not the lifetime
// count of the relayed header («Dilaporkan 4×»): rebuilt later, a
// digest of p shows the same numbers (statuses aside), and Total plus
// the repeats is every report of p.
func Compute(items []tip.DigestItem, prevTotal int, pending int, failing []tip.FailingTarget, p Period, loc *time.Location) Digest {
	if loc == nil {
		loc = time.UTC
	}
	d := Digest{
		Period:     Period{From: p.From.In(loc), To: p.To.In(loc)},
		Location:   loc,
		PrevTotal:  prevTotal,
		ByKind:     make(map[Kind]int, len(Kinds)),
		Pending:    pending,
		Failing:    failing,
		Hours:      hourBuckets(p, loc),
		ByRegion:   map[tip.RegionKey]int{},
		ByCategory: map[tip.Category]int{},
		ByPriority: map[tip.Priority]int{},
		ByStatus:   map[tip.Status]int{},
	}
	all := make([]tip.DigestItem, 0, len(items))
	for _, it := range items {
		if p.Contains(it.Tip.CreatedAt) {
			all = append(all, it)
		}
	}
	slices.SortStableFunc(all, func(a, b tip.DigestItem) int { return cmp.Compare(a.Tip.ID, b.Tip.ID) })
	d.Items = all
	if n := countIf(all, isRepeat); n > 0 {
		d.Items = make([]tip.DigestItem, 0, len(all)-n)
		d.Repeats = make([]tip.DigestItem, 0, n)
		for _, it := range all {
			if isRepeat(it) {
				d.Repeats = append(d.Repeats, it)
			} else {
				d.Items = append(d.Items, it)
			}
		}
	}
	d.Total = len(d.Items)
	countRepeats(&d)

	staff := map[int64]*StaffCount{}
	for _, it := range all { // by number, so that a name is the latest
		t := it.Tip
		s := staff[t.Reporter.ID]
		if s == nil {
			s = &StaffCount{ID: t.Reporter.ID}
			staff[t.Reporter.ID] = s
		}
		s.Count++
		s.Name, s.Username = t.Reporter.Name(), t.Reporter.Username
	}
	origins := newCounter()
	domains := newCounter()
	for _, it := range d.Items {
		t := it.Tip
		for _, k := range KindsOf(t) {
			d.ByKind[k]++
		}
		d.ByRegion[t.Triage.Region]++
		d.ByCategory[t.Triage.Category]++
		d.ByPriority[t.Triage.EffectivePriority()]++
		d.ByStatus[t.Status.Status]++
		if o := t.Origin; o != nil {
			key, src := originSource(o)
			origins.add(key, src)
		}
		seen := map[string]bool{}
		for _, l := range ownLinks(t) {
			if dom := Domain(l); dom != "" && !seen[dom] {
				seen[dom] = true
				domains.add(dom, Source{Label: dom})
			}
		}
		if h := hourIndex(d.Hours, t.CreatedAt); h >= 0 {
			d.Hours[h].Count++
		}
	}
	d.Unanswered = unanswered(d.Items, MaxUnanswered)
	d.Response = Responses(d.Items, nil)
	d.Origins = origins.top(TopN)
	d.Domains = domains.top(TopN)
	for _, s := range staff {
		d.Staff = append(d.Staff, *s)
	}
	slices.SortFunc(d.Staff, func(a, b StaffCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return d
}

// isRepeat reports whether it is a repeat of an earlier tip.
func isRepeat(it tip.DigestItem) bool { return it.Tip.DuplicateOf != 0 }

// countIf returns how many of items satisfy f.
func countIf(items []tip.DigestItem, f func(tip.DigestItem) bool) int {
	n := 0
	for _, it := range items {
		if f(it) {
			n++
		}
	}
	return n
}

// countRepeats sets the repeat counts of d from d.Repeats and d.Items
// (see the counting rule of Compute).
func countRepeats(d *Digest) {
	if len(d.Repeats) == 0 {
		return
	}
	inPeriod := make(map[int64]bool, len(d.Items))
	for _, it := range d.Items {
		inPeriod[it.Tip.ID] = true
	}
	d.repeatsOf = map[int64]int{}
	older := map[int64]bool{}
	for _, it := range d.Repeats {
		o := it.Tip.DuplicateOf
		if inPeriod[o] {
			d.repeatsOf[o]++
		} else {
			older[o] = true
		}
	}
	d.Repeated, d.RepeatedOlder = len(d.repeatsOf)+len(older), len(older)
}

// hourBuckets returns one empty bucket per hour of p (the last one may be
// shorter), with starts in loc.
func hourBuckets(p Period, loc *time.Location) []HourCount {
	start := hourStart(p.From, loc)
	n := int((p.From.Add(p.Duration()).Sub(start) + time.Hour - 1) / time.Hour)
	if n < 0 {
		n = 0
	}
	hours := make([]HourCount, n)
	for i := range hours {
		hours[i].Start = start.Add(time.Duration(i) * time.Hour).In(loc)
	}
	return hours
}

// hourIndex returns the bucket of hours that t falls in, or -1.
func hourIndex(hours []HourCount, t time.Time) int {
	if len(hours) == 0 || t.Before(hours[0].Start) {
		return -1
	}
	if h := int(t.Sub(hours[0].Start) / time.Hour); h < len(hours) {
		return h
	}
	return -1
}

// hourStart returns the start of the hour of loc's clock that t falls in:
// an on-demand digest from 01:49 has its first row at 01:00, not 01:49.
func hourStart(t time.Time, loc *time.Location) time.Time {
	l := t.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), 0, 0, 0, loc)
}

// originSource returns the key that identifies o among the period's
// origins (the chat or user id, or the hidden user's name) and its source.
func originSource(o *tip.Origin) (string, Source) {
	src := Source{Label: o.Label(), Kind: o.Kind}
	var key string
	switch {
	case o.ChatID != 0:
		key = "chat:" + strconv.FormatInt(o.ChatID, 10)
		if o.ChatUsername != "" {
			src.Link = "https://t.me/" + o.ChatUsername
		}
	case o.SenderID != 0:
		key = "user:" + strconv.FormatInt(o.SenderID, 10)
		if o.SenderUsername != "" {
			src.Link = "https://t.me/" + o.SenderUsername
		}
	default:
		key = string(o.Kind) + ":" + src.Label
	}
	if src.Label == "" {
		src.Label = "?"
	}
	return key, src
}

// counter counts sources by key, keeping the latest label of each.
type counter struct {
	m map[string]*Source
}

func newCounter() counter { return counter{m: map[string]*Source{}} }

func (c counter) add(key string, s Source) {
	if old := c.m[key]; old != nil {
		s.Count = old.Count
	}
	s.Count++
	c.m[key] = &s
}

// top returns the n sources with the most tips; ties by label.
func (c counter) top(n int) []Source {
	out := make([]Source, 0, len(c.m))
	for _, s := range c.m {
		out = append(out, *s)
	}
	slices.SortFunc(out, func(a, b Source) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Label, b.Label), cmp.Compare(a.Link, b.Link))
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}
