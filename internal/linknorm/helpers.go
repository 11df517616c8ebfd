package linknorm

import "strings"

// segsAre reports whether the path segments are exactly want.
func segsAre(segs []string, want ...string) bool {
	if len(segs) != len(want) {
		return false
	}
	for i := range want {
		if segs[i] != want[i] {
			return false
		}
	}
	return true
}

// segsPrefix reports whether the path segments start with want.
func segsPrefix(segs []string, want ...string) bool {
	return len(segs) >= len(want) && segsAre(segs[:len(want)], want...)
}

// oneOf reports whether s is one of set.
func oneOf(s string, set ...string) bool {
	for _, x := range set {
		if s == x {
			return true
		}
	}
	return false
}

// isCode reports whether s is a non-empty identifier of letters, digits,
// '-' and '_', the alphabet of every platform id and short code; ids keep
// their case.
func isCode(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// digits returns the decimal number s without leading zeros, and false when
// s is not 1 to 24 ASCII digits.
func digits(s string) (string, bool) {
	if s == "" || len(s) > 24 || strings.Trim(s, "0123456789") != "" {
		return "", false
	}
	if t := strings.TrimLeft(s, "0"); t != "" {
		return t, true
	}
	return "0", true
}
