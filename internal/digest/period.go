// Package digest builds the daily overview of tips for the police group:
// totals and their change, counts by priority, region, category and
// content kind, the most reported sources, counts per staff member and
// per hour, the relay backlog and a line for each of the most important
// tips (every tip is in the CSV). A region digest is the same overview of
// one region's tips, for that region's police chat. Build reads the store once; everything after it
// (Compute, Render, CSV, Chart, Messages) is a pure function of its
// arguments, so digests are tested with fixed clocks and no database.
package digest

import "time"

// Period is the half-open time interval [From, To) a digest covers.
type Period struct {
	From, To time.Time
}

// Last returns the period of length d that ends at now.
func Last(now time.Time, d time.Duration) Period {
	return Period{From: now.Add(-d), To: now}
}

// Previous returns the period of the same length that ends where p begins.
func (p Period) Previous() Period {
	return Period{From: p.From.Add(-p.Duration()), To: p.From}
}

// Duration returns the length of the period.
func (p Period) Duration() time.Duration { return p.To.Sub(p.From) }

// Contains reports whether t lies in [From, To).
func (p Period) Contains(t time.Time) bool {
	return !t.Before(p.From) && t.Before(p.To)
}

// IsDay reports whether p is exactly one calendar day in loc, midnight to
// midnight (23 or 25 hours long on a daylight saving change).
func (p Period) IsDay(loc *time.Location) bool {
	if loc == nil {
		loc = time.UTC
	}
	from, to := p.From.In(loc), p.To.In(loc)
	y, m, d := from.Date()
	return from.Equal(time.Date(y, m, d, 0, 0, 0, 0, loc)) && to.Equal(time.Date(y, m, d+1, 0, 0, 0, 0, loc))
}

// sameDate reports whether the whole period falls on one local date, so
// that times can be shown without the date.
func (p Period) sameDate(loc *time.Location) bool {
	last := p.To.Add(-time.Nanosecond).In(loc)
	y1, m1, d1 := p.From.In(loc).Date()
	y2, m2, d2 := last.Date()
	return y1 == y2 && m1 == m2 && d1 == d2
}
