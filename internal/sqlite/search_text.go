package sqlite

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// The search index (tips_fts, migration 0014) holds each column as its
// words separated and framed by two spaces, so that the trigram
// tokenizer can tell where a word begins and ends: a term of one or two
// characters is then found as "  17", three characters, and a quoted
// phrase as whole words, "  tps  17  ".

// The SQL names of searchText and searchRoots, registered on every
// connection by connectHook.
const (
	searchTextFunc  = "tiprelay_search_text"
	searchRootsFunc = "tiprelay_search_roots"
)

// searchSep separates and frames the words of an indexed column.
const searchSep = "  "

// searchText is the indexed form of a column's value v: its words
// (tip.SearchWords) separated and framed by searchSep, or "" when it has
// none. NULL is "", a number its digits.
func searchText(v any) string {
	return framed(tip.SearchWords(sqlText(v)))
}

// framed joins words with searchSep and frames them with it; "" for no
// words.
func framed(words []string) string {
	if len(words) == 0 {
		return ""
	}
	return searchSep + strings.Join(words, searchSep) + searchSep
}

// sqlText is an SQL value as text: NULL is "", a number its digits.
func sqlText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case []byte:
		return string(v)
	}
	return fmt.Sprint(v)
}

// searchRoots is the indexed form of the roots column: the roots of the
// words of v that the prefixes meN- and peN- made by replacing the
// root's first letter (tip.NasalRoot: "menutup" and "penutupan" give
// "tutup" and "tutupan"), each once, separated and framed by searchSep;
// "" when there are none. A typed word is then found inside such words
// at no cost to the query: "tutup" finds "penutupan".
func searchRoots(v any) string {
	var roots []string
	for _, w := range tip.SearchWords(sqlText(v)) {
		if r := tip.NasalRoot(w); r != "" && !slices.Contains(roots, r) {
			roots = append(roots, r)
		}
	}
	return framed(roots)
}

// ftsMatch renders terms as an FTS5 MATCH expression over the indexed
// form: each term one quoted string, which the trigram tokenizer makes a
// phrase of trigrams, the terms joined by AND.
//
//   - A typed word of three or more characters is its words joined by
//     searchSep: a substring anywhere ("tutup" finds "ditutup",
//     "fb.com/hoaks" the words fb, com, hoaks in a row).
//   - A typed word of one or two characters is searchSep and the word:
//     the start of a word ("17" finds "17" and "170", not "2017"); the
//     trigram tokenizer matches nothing shorter than three characters.
//   - A quoted phrase is its words joined and framed by searchSep: whole
//     words in a row.
//
// Words hold only letters, digits and marks (tip.SearchWords), so no
// quote, star, parenthesis, column name or keyword typed by a person
// reaches the query as syntax. It returns "" for no terms.
func ftsMatch(terms []tip.SearchTerm) string {
	var parts []string
	for _, t := range terms {
		if len(t.Words) == 0 {
			continue
		}
		s := strings.Join(t.Words, searchSep)
		switch {
		case !t.Prefix:
			s = searchSep + s + searchSep
		case utf8.RuneCountInString(s) < 3:
			s = searchSep + s
		}
		parts = append(parts, `"`+s+`"`)
	}
	return strings.Join(parts, " AND ")
}
