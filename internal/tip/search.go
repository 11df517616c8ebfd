package tip

import (
	"context"
	"strings"
	"time"
	"unicode"
)

// SearchTerm is one thing a search looks for: the words of one typed
// word or of one quoted phrase, in order. Words hold only letters, digits
// and marks (SearchWords): a typed "fb.com/hoaks" is the words fb, com,
// hoaks in a row.
type SearchTerm struct {
	Words []string
	// Prefix is set for a typed word: it matches wherever its words
	// stand in a row, also inside longer words ("tutup" finds "DITUTUP",
	// "pilkada" finds "#hoakspilkada") and inside the roots of words
	// made with meN- and peN- (NasalRoot: "tutup" finds "penutupan"); a
	// word of one or two characters matches the words it begins ("17"
	// finds "17" and "170", not "2017"). A quoted phrase (Prefix false)
	// matches whole words only, in a row.
	Prefix bool
}

// Limits of ParseSearch: a search of more is cut, so that no query can
// grow without bound.
const (
	MaxSearchTerms = 10
	MaxSearchWords = 16 // words of one term
)

// MaxSearchCount is where a search stops counting its matches: a total
// above it is shown as "more than MaxSearchCount", so that a search of a
// word in every tip costs no more than one of a rare word.
const MaxSearchCount = 1_000

// SearchWords splits s into the words a search sees: the runs of
// letters, digits and marks. Everything else (spaces, punctuation,
// symbols, emoji) only separates words.
func SearchWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	})
}

// ParseSearch turns what a person typed into search terms. Every
// whitespace-separated word is a prefix term and every "quoted phrase"
// (an unclosed quote runs to the end) an exact phrase; a tip matches when
// it holds all of them. Nothing typed is ever an operator: punctuation,
// quotes and stars only separate words. It returns nil when nothing
// searchable was typed.
func ParseSearch(input string) []SearchTerm {
	var terms []SearchTerm
	add := func(s string, phrase bool) {
		words := SearchWords(s)
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

// NasalRoot returns the root of a word that the prefix meN- or peN- made
// by replacing the root's first letter, and "" for any other word: the
// prefix turns t into n ("menutup", "penutupan": tutup, tutupan), p into m
// ("memilih": pilih), k into ng ("mengirim": kirim) and s into ny
// ("menyebar": sebar) before a vowel. Before any other letter it keeps the
// root whole ("membakar", "mencoblos"), which a search finds inside the
// word as it is. A word that only looks made so ("menikah", "memakan")
// gets a root nobody searches for ("tikah", "pakan"), which does no harm.
func NasalRoot(word string) string {
	w := []rune(strings.ToLower(word))
	if len(w) < 5 || w[1] != 'e' || (w[0] != 'm' && w[0] != 'p') {
		return ""
	}
	rest := string(w[2:])
	for _, r := range []struct{ nasal, letter string }{{"ny", "s"}, {"ng", "k"}, {"n", "t"}, {"m", "p"}} {
		after, ok := strings.CutPrefix(rest, r.nasal)
		if !ok {
			continue
		}
		if a := []rune(after); len(a) >= 3 && strings.ContainsRune("aeiou", a[0]) {
			return r.letter + after
		}
		return ""
	}
	return ""
}

// SearchQuery asks for the tips matching all of Terms.
type SearchQuery struct {
	Terms []SearchTerm
	// RelayedTo, when not 0, keeps only the tips relayed to that chat.
	RelayedTo int64
	// Offset skips that many of the newest matches (paging).
	Offset int
	// Limit is how many tips to return at most.
	Limit int
}

// SearchResult is one page of matching tips (newest first, without
// their message ids and attachments) and how many tips match in all.
type SearchResult struct {
	Tips []Tip
	// Total is how many tips match, counted up to MaxSearchCount; Capped
	// is set when more match than that (Total is then MaxSearchCount).
	Total  int
	Capped bool
}

// SavedSearch is a /cari answered with several pages: its result
// message's buttons name it by ID, since the words typed do not fit in a
// button's 64 bytes of callback data.
type SavedSearch struct {
	ID        int64
	ChatID    int64 // where it was asked, and its results shown
	UserID    int64 // who asked
	Query     string
	CreatedAt time.Time
}

// Searcher finds tips by their text, captions, links, origin and the
// text read from their screenshots, and keeps the searches whose results
// have more than one page.
type Searcher interface {
	// Search returns the tips matching q, newest (highest number) first.
	// A query without terms matches nothing.
	Search(ctx context.Context, q SearchQuery) (SearchResult, error)
	// SaveSearch stores s (its ID is ignored) and returns its ID. Only
	// the latest searches are kept: an old one is forgotten.
	SaveSearch(ctx context.Context, s SavedSearch) (int64, error)
	// SavedSearch returns search id, or an error wrapping ErrNotFound.
	SavedSearch(ctx context.Context, id int64) (SavedSearch, error)
}
