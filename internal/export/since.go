package export

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseSince reads the start of an export period: a duration before now
// (Go's syntax, "36h", "90m", or a number of days, "7d"), a date
// ("2026-11-29", its midnight in loc) or an RFC 3339 time
// ("2026-11-29T08:00:00+08:00"). An empty s is the zero time: every tip.
func ParseSince(s string, now time.Time, loc *time.Location) (time.Time, error) {
	return parseMoment("--since", s, now, loc, false)
}

// ParseUntil reads the end of an export period, which is excluded: the
// same forms as ParseSince, except that a date ("2026-11-29") stands for
// the end of that day in loc (the next midnight), so that
// `--since 2026-11-29 --until 2026-11-29` is that one day. An empty s is
// the zero time: no end.
func ParseUntil(s string, now time.Time, loc *time.Location) (time.Time, error) {
	return parseMoment("--until", s, now, loc, true)
}

// parseMoment reads a moment as ParseSince and ParseUntil do; flag names
// the setting in errors, and endOfDay makes a date its next midnight.
func parseMoment(flag, s string, now time.Time, loc *time.Location, endOfDay bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.Atoi(days); err == nil && n > 0 {
			return now.AddDate(0, 0, -n), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil {
		if d <= 0 {
			return time.Time{}, fmt.Errorf("%s %q: the duration must be positive", flag, s)
		}
		return now.Add(-d), nil
	}
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		if endOfDay {
			t = time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, loc)
		}
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%s %q: want a duration (36h, 7d), a date (2026-11-29) or an RFC 3339 time", flag, s)
}
