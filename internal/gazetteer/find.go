package gazetteer

import (
	"unicode"
	"unicode/utf8"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Find returns the regions whose places text names, in order of first
// mention, each once; nil when it names none.
//
// Matching is on whole words, case-insensitive: a word is a run of Unicode
// letters, digits and combining marks, so "Kutai" does not name Kuta and
// "Ubud," names Ubud. The words of a multi-word place ("Nusa Dua") may be
// separated by spaces or hyphens only. Where places overlap the longest
// wins ("Nusa Penida" before a shorter place starting with "Nusa"), and the
// words it covers are not read again. A place marked common counts only
// right after the word "Kecamatan", "Desa" or "Kec." (with its dot); a
// common place without the marker is skipped in favour of a shorter place
// at the same word, if any.
func (g *Gazetteer) Find(text string) []tip.RegionKey {
	if g == nil || len(g.index) == 0 {
		return nil
	}
	lower, toks := tokenize(text)
	var found []tip.RegionKey
	for i := 0; i < len(toks); {
		n := 1
		if pl, ok := g.match(lower, toks, i); ok {
			n = len(pl.words)
			if !containsKey(found, pl.region) {
				found = append(found, pl.region)
			}
		}
		i += n
	}
	return found
}

// match returns the longest place starting at token i that may count
// there.
func (g *Gazetteer) match(lower []byte, toks []span, i int) (place, bool) {
	candidates := g.index[string(lower[toks[i].start:toks[i].end])]
	for _, pl := range candidates {
		if i+len(pl.words) > len(toks) || !sameWords(lower, toks[i:i+len(pl.words)], pl.words) {
			continue
		}
		if pl.common && !afterMarker(lower, toks, i) {
			continue
		}
		return pl, true
	}
	return place{}, false
}

// sameWords reports whether toks spell words, each separated from the one
// before by spaces or hyphens only. toks[0] is known to match.
func sameWords(lower []byte, toks []span, words []string) bool {
	for k := 1; k < len(words); k++ {
		if !joins(lower[toks[k-1].end:toks[k].start]) || string(lower[toks[k].start:toks[k].end]) != words[k] {
			return false
		}
	}
	return true
}

// afterMarker reports whether token i follows "kecamatan" or "desa" with
// only spaces between, or "kec" followed by a dot and optional spaces.
func afterMarker(lower []byte, toks []span, i int) bool {
	if i == 0 {
		return false
	}
	prev := string(lower[toks[i-1].start:toks[i-1].end])
	gap := lower[toks[i-1].end:toks[i].start]
	switch prev {
	case "kecamatan", "desa":
		return onlySpace(gap)
	case "kec":
		return len(gap) > 0 && gap[0] == '.' && onlySpace(gap[1:])
	}
	return false
}

// joins reports whether gap may separate the words of one place: one or
// more spaces or hyphens.
func joins(gap []byte) bool {
	if len(gap) == 0 {
		return false
	}
	for len(gap) > 0 {
		r, size := utf8.DecodeRune(gap)
		if r != '-' && !unicode.IsSpace(r) {
			return false
		}
		gap = gap[size:]
	}
	return true
}

// onlySpace reports whether gap is white space only (or empty).
func onlySpace(gap []byte) bool {
	for len(gap) > 0 {
		r, size := utf8.DecodeRune(gap)
		if !unicode.IsSpace(r) {
			return false
		}
		gap = gap[size:]
	}
	return true
}

// span is a word's byte range in the lower-cased text.
type span struct{ start, end int }

// tokenize returns text lower-cased and the spans of its words in it.
func tokenize(text string) (lower []byte, toks []span) {
	lower = make([]byte, 0, len(text))
	toks = make([]span, 0, len(text)/6+1)
	start := -1
	for i := 0; i < len(text); {
		var r rune
		var size int
		if c := text[i]; c < utf8.RuneSelf {
			r, size = rune(c), 1
			if 'A' <= c && c <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
			r = unicode.ToLower(r)
		}
		i += size
		word := isWord(r)
		switch {
		case word && start < 0:
			start = len(lower)
		case !word && start >= 0:
			toks = append(toks, span{start, len(lower)})
			start = -1
		}
		lower = utf8.AppendRune(lower, r)
	}
	if start >= 0 {
		toks = append(toks, span{start, len(lower)})
	}
	return lower, toks
}

// isWord reports whether r belongs to a word: a letter, digit or
// combining mark.
func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// words returns the lower-case words of a name, as Find reads a text.
func words(name string) []string {
	lower, toks := tokenize(name)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = string(lower[t.start:t.end])
	}
	return out
}

// containsKey reports whether keys holds k.
func containsKey(keys []tip.RegionKey, k tip.RegionKey) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}
