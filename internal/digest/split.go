package digest

import (
	"strings"
	"unicode/utf8"

	"github.com/tiprelay/tiprelay/internal/botapi"
)

// MaxMessage is Telegram's limit on a text message, in UTF-16 code units
// after HTML parsing. Messages are measured raw, before parsing: parsing
// only removes tags and turns an escape into one character, so a raw
// length within the limit is within it after parsing too.
const MaxMessage = 4096

// maxEntities is how many formatting entities (here: HTML tags) one
// message may carry; Telegram ignores the formatting beyond the 100th.
const maxEntities = 100

// pack joins lines into messages of at most limit UTF-16 code units and
// maxEntities tags, splitting only between lines. Every line must be
// balanced HTML (each tag it opens, it closes), so no entity spans two
// messages. A line longer than limit is shortened with fitLine. Blank
// lines at the start or end of a message are dropped.
func pack(lines []string, limit int) []string {
	var msgs []string
	var b strings.Builder
	size, ents := 0, 0
	flush := func() {
		if s := strings.TrimRight(b.String(), "\n"); s != "" {
			msgs = append(msgs, s)
		}
		b.Reset()
		size, ents = 0, 0
	}
	for _, line := range lines {
		line = fitLine(line, limit)
		n, e := botapi.UTF16Len(line), strings.Count(line, "<")-strings.Count(line, "</")
		if size > 0 && (size+1+n > limit || ents+e > maxEntities) {
			flush()
		}
		if size == 0 {
			if line == "" {
				continue
			}
		} else {
			b.WriteByte('\n')
			size++
		}
		b.WriteString(line)
		size += n
		ents += e
	}
	flush()
	return msgs
}

// fitLine returns line unchanged when it fits in limit UTF-16 code units;
// else it cuts the text, never inside a tag or an HTML escape, marks the
// cut with an ellipsis and closes the tags still open.
func fitLine(line string, limit int) string {
	if botapi.UTF16Len(line) <= limit {
		return line
	}
	const ellipsis = "…" // one UTF-16 code unit
	var b strings.Builder
	var open []string // names of the open tags, innermost last
	closers := 0      // length of the closing tags of open
	size := 0
	for i := 0; i < len(line); {
		tok, name, closing := nextToken(line[i:])
		n := botapi.UTF16Len(tok)
		extra := 0
		if name != "" && !closing {
			extra = len(name) + 3 // its "</name>"
		}
		if size+n+extra+closers+1 > limit {
			break
		}
		b.WriteString(tok)
		size += n
		i += len(tok)
		switch {
		case name != "" && !closing:
			open = append(open, name)
			closers += extra
		case name != "" && closing && len(open) > 0:
			closers -= len(open[len(open)-1]) + 3
			open = open[:len(open)-1]
		}
	}
	b.WriteString(ellipsis)
	for j := len(open) - 1; j >= 0; j-- {
		b.WriteString("</" + open[j] + ">")
	}
	return b.String()
}

// nextToken returns the token at the start of s: a whole tag (with its
// name and whether it closes), a whole HTML escape, or one character.
func nextToken(s string) (tok, name string, closing bool) {
	switch s[0] {
	case '<':
		if end := strings.IndexByte(s, '>'); end > 0 {
			tok = s[:end+1]
			inner := strings.TrimPrefix(tok[1:end], "/")
			closing = strings.HasPrefix(tok, "</")
			name, _, _ = strings.Cut(inner, " ")
			return tok, name, closing
		}
	case '&':
		if end := strings.IndexByte(s, ';'); end > 0 && end < 12 {
			return s[:end+1], "", false
		}
	}
	_, w := utf8.DecodeRuneInString(s)
	return s[:w], "", false
}
