package config

import (
	"fmt"
	"strings"
	"time"
)

// DefaultDuplicateWindow is how far back a repeat is folded into an
// earlier tip (TIPRELAY_DUPLICATE_WINDOW): seven days.
const DefaultDuplicateWindow = 168 * time.Hour

// parseDuplicateWindow reads TIPRELAY_DUPLICATE_WINDOW: "off" (or 0) is 0,
// which folds nothing; anything else a positive Go duration.
func parseDuplicateWindow(v string) (time.Duration, error) {
	v = strings.TrimSpace(v)
	if strings.EqualFold(v, "off") || v == "0" {
		return 0, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration such as 168h, or off", v)
	}
	if d < 0 {
		return 0, fmt.Errorf("%s is negative: use a positive duration such as 168h, or off", v)
	}
	return d, nil
}

// windowString formats TIPRELAY_DUPLICATE_WINDOW as parseDuplicateWindow
// reads it.
func windowString(d time.Duration) string {
	if d == 0 {
		return "off"
	}
	return shortDuration(d)
}
