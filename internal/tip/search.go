package tip

import (
	"context"
	"strings"
	"unicode"
)

// SearchTerm is one thing a search looks for: the words of one typed
// word or of one quoted phrase, in order. Words hold only letters, digits
// and marks: a typed "fb.com/hoaks" is the words fb, com, hoaks in a row,
// the way the search index splits text.
type SearchTerm struct {
	Words []string
	// Prefix makes the last word match any word it begins ("tutup"
	// finds "tutupnya"); a quoted phrase is matched exactly.
	Prefix bool
}

// Limits of ParseSearch: a search of more is cut, so that no query can
// grow without bound.
const (
	MaxSearchTerms = 10
	MaxSearchWords = 16 // words of one term
)

// ParseSearch turns what a person typed into search terms. Every
// whitespace-separated word is a prefix term and every "quoted phrase"
// (an unclosed quote runs to the end) an exact phrase; a tip matches when
// it holds all of them. Nothing typed is ever an operator: punctuation,
// quotes and stars only separate words. It returns nil when nothing
// searchable was typed.
func ParseSearch(input string) []SearchTerm {
	var terms []SearchTerm
	add := func(s string, phrase bool) {
		words := strings.FieldsFunc(s, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
		})
		if len(words) == 0 || len(terms) == MaxSearchTerms {
			return
		}
		if len(words) > MaxSearchWords {
			words = words[:MaxSearchWords]
		}
		terms = append(terms, SearchTerm{Words: words, Prefix: !phrase})
	}
	for rest := input; rest != ""; {
		rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
		if rest == "" {
			break
		}
		if q, ok := strings.CutPrefix(rest, `"`); ok {
			phrase, after, _ := strings.Cut(q, `"`)
			add(phrase, true)
			rest = after
			continue
		}
		end := strings.IndexFunc(rest, func(r rune) bool { return unicode.IsSpace(r) || r == '"' })
		if end < 0 {
			end = len(rest)
		}
		add(rest[:end], false)
		rest = rest[end:]
	}
	return terms
}

// SearchQuery asks for the tips matching all of Terms.
type SearchQuery struct {
	Terms []SearchTerm
	// RelayedTo, when not 0, keeps only the tips relayed to that chat.
	RelayedTo int64
	// Limit is how many tips to return at most.
	Limit int
}

// SearchResult is the newest matching tips (number first, without their
// message ids and attachments) and how many tips match in all.
type SearchResult struct {
	Tips  []Tip
	Total int
}

// Searcher finds tips by their text, captions, links, origin and the
// text read from their screenshots.
type Searcher interface {
	// Search returns the tips matching q, newest (highest number) first.
	// A query without terms matches nothing.
	Search(ctx context.Context, q SearchQuery) (SearchResult, error)
}
