package linknorm

import (
	"cmp"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxLen is the longest link Key reads; longer strings are not links a
// person forwards.
const maxLen = 8192

// link is a parsed, normalised absolute URL.
type link struct {
	host   string   // lower-case, without a dropped prefix or trailing dot
	port   string   // decimal, "" when absent or default
	site   site     // the platform host names, or siteOther
	path   string   // canonical escaped path, "" for the root, no trailing slash
	segs   []string // the path's non-empty segments, decoded
	params []param  // decoded query parameters, sorted by key then value
	frag   string   // the raw fragment, read only for X's "#!/" links
}

// param is one decoded query parameter; hasValue tells "k=" from "k".
type param struct {
	key, value string
	hasValue   bool
}

// get returns the value of the first parameter named key, or "".
func (l *link) get(key string) string {
	for _, p := range l.params {
		if p.key == key {
			return p.value
		}
	}
	return ""
}

// hostPrefixes are dropped from the front of a host while what remains
// still has a dot.
var hostPrefixes = []string{"www.", "m.", "mobile.", "web."}

// parse reads raw as an absolute http(s) URL, or as a bare domain with a
// path, and normalises every part of it.
func parse(raw string) (*link, bool) {
	s := strings.TrimSpace(raw)
	if s == "" || len(s) > maxLen {
		return nil, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return nil, false
		}
	}
	bare := true
	if i := strings.Index(s, "://"); i > 0 && isScheme(s[:i]) {
		switch strings.ToLower(s[:i]) {
		case "http", "https":
		default:
			return nil, false
		}
		s, bare = s[i+3:], false
	} else if strings.HasPrefix(s, "//") {
		s = s[2:]
	}

	end := strings.IndexAny(s, "/?#")
	if end < 0 {
		end = len(s)
	}
	auth, rest := s[:end], s[end:]
	if at := strings.LastIndexByte(auth, '@'); at >= 0 {
		if bare {
			return nil, false // "mailto:a@b.c", "user@example.com"
		}
		auth = auth[at+1:]
	}
	l := &link{}
	var ok bool
	if l.host, l.port, ok = parseAuthority(auth, bare); !ok {
		return nil, false
	}
	l.site = siteOf(l.host)

	rawPath, rawQuery := rest, ""
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rawPath, l.frag = rest[:i], rest[i+1:]
	}
	if i := strings.IndexByte(rawPath, '?'); i >= 0 {
		rawPath, rawQuery = rawPath[:i], rawPath[i+1:]
	}
	if l.site == siteX {
		// X user names are case-insensitive: x.com/NASA is x.com/nasa.
		rawPath = strings.ToLower(rawPath)
	}
	l.path = normalisePath(rawPath)
	for seg := range strings.SplitSeq(l.path, "/") {
		if seg != "" {
			l.segs = append(l.segs, unescape(seg, false))
		}
	}
	l.params = parseQuery(rawQuery)
	return l, true
}

// isScheme reports whether s is an RFC 3986 scheme.
func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return s != ""
}

// parseAuthority validates and normalises host[:port]. A bare link (no
// scheme) must name a domain with a dot and a non-numeric top label, or an
// IP address, so that "3.14" or "tel:+62..." are not read as links.
func parseAuthority(auth string, bare bool) (host, port string, ok bool) {
	hostPart, portPart := auth, ""
	if strings.HasPrefix(auth, "[") {
		end := strings.IndexByte(auth, ']')
		if end < 0 {
			return "", "", false
		}
		hostPart, portPart = auth[1:end], auth[end+1:]
		if portPart != "" && portPart[0] != ':' {
			return "", "", false
		}
		portPart = strings.TrimPrefix(portPart, ":")
		addr, err := netip.ParseAddr(hostPart)
		if err != nil || !addr.Is6() || addr.Zone() != "" {
			return "", "", false
		}
		host = "[" + addr.String() + "]"
	} else {
		if i := strings.IndexByte(auth, ':'); i >= 0 {
			hostPart, portPart = auth[:i], auth[i+1:]
		}
		host = strings.TrimSuffix(strings.ToLower(hostPart), ".")
		if !validHost(host) {
			return "", "", false
		}
		if bare && !bareDomain(host) {
			return "", "", false
		}
		for dropped := true; dropped; {
			dropped = false
			for _, p := range hostPrefixes {
				if rest, ok := strings.CutPrefix(host, p); ok && strings.Contains(rest, ".") {
					host, dropped = rest, true
				}
			}
		}
	}
	if portPart != "" {
		if len(portPart) > 5 || strings.Trim(portPart, "0123456789") != "" {
			return "", "", false
		}
		n, err := strconv.Atoi(portPart)
		if err != nil || n > 65535 {
			return "", "", false
		}
		// http and https are one scheme here, so both defaults go.
		if n != 80 && n != 443 {
			port = strconv.Itoa(n)
		}
	}
	return host, port, true
}

// validHost reports whether host is a lower-case domain name or IPv4
// address: labels of letters, digits, '-' and '_', or any non-ASCII letters
// of an internationalised name, none empty.
func validHost(host string) bool {
	if host == "" || !utf8.ValidString(host) {
		return false
	}
	for label := range strings.SplitSeq(host, ".") {
		if label == "" {
			return false
		}
		for _, r := range label {
			switch {
			case 'a' <= r && r <= 'z', '0' <= r && r <= '9', r == '-', r == '_':
			case r >= 0x80 && r != utf8.RuneError:
			default:
				return false
			}
		}
	}
	return true
}

// bareDomain reports whether host, written without a scheme, is plausibly
// a link: an IPv4 address or a name whose top label is not all digits.
func bareDomain(host string) bool {
	if addr, err := netip.ParseAddr(host); err == nil && addr.Is4() {
		return true
	}
	i := strings.LastIndexByte(host, '.')
	return i > 0 && strings.Trim(host[i+1:], "0123456789") != ""
}

// parseQuery splits a raw query on '&', decodes each parameter ('+' is a
// space) and sorts them by key, then value.
func parseQuery(raw string) []param {
	var ps []param
	for pair := range strings.SplitSeq(raw, "&") {
		if pair == "" {
			continue
		}
		k, v, has := strings.Cut(pair, "=")
		ps = append(ps, param{key: unescape(k, true), value: unescape(v, true), hasValue: has})
	}
	slices.SortStableFunc(ps, func(a, b param) int {
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.value, b.value)
	})
	return ps
}

// queryEscape is the one spelling of a query key or value in a key.
func queryEscape(s string) string { return url.QueryEscape(s) }
