package botapi

import "strings"

// links returns the URLs of the url and text_link entities of text, in
// entity order, without duplicates. A url entity yields the text it covers,
// with "https://" put in front when it has no scheme (Telegram marks bare
// "example.com/x" as a url, and its clients open it over https); a
// text_link yields its url unchanged. Entities that do not fit the text
// (see byteRanges) are skipped.
func links(text string, entities []wireEntity) []string {
	spans := make([]span, len(entities))
	for i, e := range entities {
		spans[i] = span{offset: e.Offset, length: e.Length}
	}
	ranges := byteRanges(text, spans)
	var out []string
	for i, e := range entities {
		r := ranges[i]
		if !r.ok {
			continue
		}
		var u string
		switch e.Type {
		case "url":
			u = withScheme(strings.TrimSpace(text[r.start:r.end]))
		case "text_link":
			u = strings.TrimSpace(e.URL)
		}
		if u != "" {
			out = append(out, u)
		}
	}
	return out
}

// withScheme returns u with "https://" in front when it has no "scheme://"
// prefix, and "" for "".
func withScheme(u string) string {
	if u == "" || hasScheme(u) {
		return u
	}
	return "https://" + u
}

// hasScheme reports whether u starts with an RFC 3986 scheme followed by
// "://", such as "http://" or "tg://".
func hasScheme(u string) bool {
	i := strings.Index(u, "://")
	if i <= 0 {
		return false
	}
	for j, c := range u[:i] {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		other := c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'
		if !letter && (j == 0 || !other) {
			return false
		}
	}
	return true
}

// dedupe returns the non-empty strings of lists in order, each once.
func dedupe(lists ...[]string) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range lists {
		for _, s := range l {
			if s != "" && !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	return out
}
