// Package linknorm turns a link found in a tip into a canonical key, so that
// two links to the same post compare equal and a repeat can be folded.
//
// The contract of [Key]: links that differ only in case of scheme and host,
// a "www.", "m.", "mobile." or "web." host prefix, a default port (80, 443),
// http versus https, a fragment, tracking parameters (utm_*, fbclid, gclid,
// igshid, si, mibextid, ...), the order of query parameters, a trailing slash,
// dot segments or the spelling of percent-encoding get the same key. Posts of
// the platforms tips come from (YouTube, X/Twitter, Instagram, TikTok,
// Facebook, WhatsApp channels, Telegram) get a short platform key such as
// "youtube:dQw4w9WgXcQ" or "x:1790000000000000000" whatever host, mirror or
// URL form names them; any other link gets its normalised URL,
// "https://host/path?sorted-query". Two different posts never get the same
// key by normalisation: identifiers (video ids, shortcodes, invite codes,
// paths) keep their case, and parameters that identify content stay.
//
// Short links that need the network to resolve (vt.tiktok.com, fb.watch,
// facebook.com/share, t.co) keep their own key: a short link and the long
// link it redirects to are not unified. The package does no I/O.
package linknorm

import "strings"

// maxUnwrap bounds how many redirect wrappers (l.facebook.com/l.php?u=...,
// google.com/url?q=...) are peeled off one link.
const maxUnwrap = 3

// Key returns the canonical key of the link raw and true, or "" and false
// when raw is not an absolute http or https URL or is (or normalises to)
// more than 8192 bytes. A link without a scheme
// whose host looks like a domain ("example.com/x", as Telegram's url
// entities give it) is read as https. Key is idempotent on the URL keys it
// returns: Key of a key that starts with "https://" is that key.
func Key(raw string) (key string, ok bool) {
	return keyDepth(raw, 0)
}

func keyDepth(raw string, depth int) (string, bool) {
	l, ok := parse(raw)
	if !ok {
		return "", false
	}
	if depth < maxUnwrap {
		if inner, ok := unwrapTarget(l); ok {
			if k, ok := keyDepth(inner, depth+1); ok {
				return k, true
			}
		}
	}
	if k, ok := platformKey(l); ok {
		return k, true
	}
	// Escaping can triple a link; a key must itself be a readable link.
	if k := l.generic(); len(k) <= maxLen {
		return k, true
	}
	return "", false
}

// generic renders l as "https://host/path?query" after dropping the
// parameters that do not identify content; the parameters are already
// sorted.
func (l *link) generic() string {
	var b strings.Builder
	b.Grow(len("https://") + len(l.host) + len(l.port) + len(l.path) + 16*len(l.params))
	b.WriteString("https://")
	b.WriteString(canonicalHost(l))
	if l.port != "" {
		b.WriteByte(':')
		b.WriteString(l.port)
	}
	b.WriteString(l.path)
	sep := byte('?')
	for _, p := range l.params {
		if dropParam(l, p.key) {
			continue
		}
		b.WriteByte(sep)
		sep = '&'
		b.WriteString(queryEscape(p.key))
		if p.hasValue {
			b.WriteByte('=')
			b.WriteString(queryEscape(p.value))
		}
	}
	return b.String()
}
