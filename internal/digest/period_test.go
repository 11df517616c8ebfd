package digest_test

import (
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestYesterday(t *testing.T) {
	loc := MustWITA(t)
	tests := []struct {
		name     string
		now      time.Time
		from, to time.Time
	}{
		{"00:30 WITA is already the next UTC-day's evening", wita(t, 2026, 11, 24, 0, 30, 0),
			time.Date(2026, 11, 22, 16, 0, 0, 0, time.UTC), time.Date(2026, 11, 23, 16, 0, 0, 0, time.UTC)},
		{"07:00 WITA", wita(t, 2026, 11, 24, 7, 0, 0),
			time.Date(2026, 11, 22, 16, 0, 0, 0, time.UTC), time.Date(2026, 11, 23, 16, 0, 0, 0, time.UTC)},
		{"23:59:59 WITA", wita(t, 2026, 11, 24, 23, 59, 59),
			time.Date(2026, 11, 22, 16, 0, 0, 0, time.UTC), time.Date(2026, 11, 23, 16, 0, 0, 0, time.UTC)},
		{"given in UTC", time.Date(2026, 11, 23, 16, 30, 0, 0, time.UTC),
			time.Date(2026, 11, 22, 16, 0, 0, 0, time.UTC), time.Date(2026, 11, 23, 16, 0, 0, 0, time.UTC)},
		{"across a month", wita(t, 2026, 12, 1, 0, 0, 0),
			time.Date(2026, 11, 29, 16, 0, 0, 0, time.UTC), time.Date(2026, 11, 30, 16, 0, 0, 0, time.UTC)},
		{"across a year", wita(t, 2027, 1, 1, 7, 0, 0),
			time.Date(2026, 12, 30, 16, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 16, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Yesterday(tt.now, loc)
			if !got.From.Equal(tt.from) || !got.To.Equal(tt.to) {
				t.Errorf("got [%s, %s), want [%s, %s)", got.From.UTC(), got.To.UTC(), tt.from, tt.to)
			}
			if !got.IsDay(loc) {
				t.Errorf("got IsDay false for %v, want true", got)
			}
		})
	}
}

func TestPeriodBoundariesAcrossMidnightWITA(t *testing.T) {
	loc := MustWITA(t)
	day := Yesterday(wita(t, 2026, 11, 24, 7, 0, 0), loc) // 23 November WITA
	tests := []struct {
		name    string
		created time.Time
		in      bool
	}{
		{"first instant of the day", wita(t, 2026, 11, 23, 0, 0, 0), true},
		{"23:59:59 WITA, 15:59:59 UTC", wita(t, 2026, 11, 23, 23, 59, 59), true},
		{"00:00:00 WITA belongs to the next day", wita(t, 2026, 11, 24, 0, 0, 0), false},
		{"23:59:59 WITA the day before", wita(t, 2026, 11, 22, 23, 59, 59), false},
		{"same UTC date, next WITA day", time.Date(2026, 11, 23, 17, 0, 0, 0, time.UTC), false},
		{"previous UTC date, same WITA day", time.Date(2026, 11, 22, 16, 30, 0, 0, time.UTC), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := day.Contains(tt.created); got != tt.in {
				t.Errorf("got Contains(%s) %v, want %v", tt.created, got, tt.in)
			}
			d := digest.Compute([]tip.DigestItem{item(1, tt.created)}, 0, 0, nil, day, loc)
			if got, want := d.Total, map[bool]int{true: 1, false: 0}[tt.in]; got != want {
				t.Errorf("got total %d, want %d", got, want)
			}
		})
	}
}

func TestPreviousAndLast(t *testing.T) {
	now := time.Date(2026, 11, 24, 1, 37, 0, 0, time.UTC)
	p := digest.Last(now, 24*time.Hour)
	if want := now.Add(-24 * time.Hour); !p.From.Equal(want) || !p.To.Equal(now) {
		t.Errorf("got Last [%s, %s), want [%s, %s)", p.From, p.To, want, now)
	}
	prev := p.Previous()
	if !prev.To.Equal(p.From) || prev.Duration() != p.Duration() {
		t.Errorf("got Previous [%s, %s), want the 24 hours before %s", prev.From, prev.To, p.From)
	}
	if p.IsDay(MustWITA(t)) {
		t.Errorf("got IsDay true for a period starting at 09:37 WITA, want false")
	}
}
