package config

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Rate is at most N messages per window Per. The zero Rate is off: no limit.
type Rate struct {
	N   int
	Per time.Duration
}

// Off reports whether the rate imposes no limit.
func (r Rate) Off() bool { return r.N <= 0 || r.Per <= 0 }

// String formats the rate as ParseRate reads it: "20/1m", "1/1s" or "off".
func (r Rate) String() string {
	if r.Off() {
		return "off"
	}
	return strconv.Itoa(r.N) + "/" + shortDuration(r.Per)
}

// ParseRate parses "N/duration", where N is a positive count and duration a
// positive Go duration ("20/1m", "30/1s", "1/1.5s"; "30/s" is read as
// "30/1s"), or "off" for no limit.
func ParseRate(s string) (Rate, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "off") {
		return Rate{}, nil
	}
	bad := func(why string) error {
		return fmt.Errorf("%q is not a rate: %s (use N/duration such as 20/1m, or off)", s, why)
	}
	count, window, ok := strings.Cut(s, "/")
	if !ok {
		return Rate{}, bad("missing /")
	}
	n, err := strconv.Atoi(strings.TrimSpace(count))
	if err != nil || n <= 0 {
		return Rate{}, bad("the count must be a positive whole number")
	}
	window = strings.TrimSpace(window)
	per, err := time.ParseDuration(window)
	if err != nil && window != "" && (window[0] < '0' || window[0] > '9') {
		per, err = time.ParseDuration("1" + window)
	}
	if err != nil {
		return Rate{}, bad("the window must be a Go duration such as 1s or 1m")
	}
	if per <= 0 {
		return Rate{}, bad("the window must be positive")
	}
	return Rate{N: n, Per: per}, nil
}

// validate reports a Rate that is neither off nor a positive count per
// positive window, e.g. one built by hand with a negative window.
func (r Rate) validate() error {
	if r == (Rate{}) || (r.N > 0 && r.Per > 0) {
		return nil
	}
	return errors.New("must be a positive count per positive window, or off")
}

// shortDuration formats d like time.Duration.String without the trailing
// zero units: 1m instead of 1m0s, 1h instead of 1h0m0s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
