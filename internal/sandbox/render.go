package sandbox

import (
	"html"
	"net/url"
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// renderHTML returns text as safe HTML for the page: every character
// escaped, and the formatting of its entities (UTF-16 offsets, as
// Telegram sends them) as b, i, u, s, code, pre, blockquote, a spoiler
// span and links. A link opens in a new tab with rel="noopener
// noreferrer" and only for http, https, tg and mailto URLs; any other
// entity, and a link to another scheme, shows as plain text. Overlapping
// entities are closed and reopened, so the tags always nest.
func renderHTML(text string, ents []telegramtest.MessageEntity) string {
	runes := []rune(text)
	pos := make([]int, len(runes)+1) // UTF-16 offset of each rune, and the end
	for i, r := range runes {
		pos[i+1] = pos[i] + utf16.RuneLen(r)
		if pos[i+1] == pos[i] { // invalid rune: one unit, as U+FFFD
			pos[i+1]++
		}
	}
	end := pos[len(runes)]
	var spans []*span
	for i, e := range ents {
		s := &span{start: max(e.Offset, 0), end: min(e.Offset+e.Length, end), order: i}
		if s.start >= s.end {
			continue
		}
		if s.open, s.close = tagsFor(e, sliceUTF16(runes, pos, s.start, s.end)); s.open != "" {
			spans = append(spans, s)
		}
	}
	// Outer before inner: earlier start first, then the longer one.
	slices.SortStableFunc(spans, func(a, b *span) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	var b strings.Builder
	var stack []*span
	next := 0
	for i, r := range runes {
		stack = closeAt(&b, stack, pos[i])
		for next < len(spans) && spans[next].start <= pos[i] {
			if s := spans[next]; s.end > pos[i] {
				b.WriteString(s.open)
				stack = append(stack, s)
			}
			next++
		}
		b.WriteString(html.EscapeString(string(r)))
	}
	closeAt(&b, stack, end)
	return b.String()
}

// span is an entity's place in the text and its tags.
type span struct {
	start, end  int
	order       int
	open, close string
}

// closeAt closes the spans of stack that end at or before p; spans above
// one of them that go on are closed with it and reopened.
func closeAt(b *strings.Builder, stack []*span, p int) []*span {
	k := slices.IndexFunc(stack, func(s *span) bool { return s.end <= p })
	if k < 0 {
		return stack
	}
	var reopen []*span
	for len(stack) > k {
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		b.WriteString(top.close)
		if top.end > p {
			reopen = append(reopen, top)
		}
	}
	for i := len(reopen) - 1; i >= 0; i-- {
		b.WriteString(reopen[i].open)
		stack = append(stack, reopen[i])
	}
	return stack
}

// sliceUTF16 returns the runes between UTF-16 offsets from and to.
func sliceUTF16(runes []rune, pos []int, from, to int) string {
	i, _ := slices.BinarySearch(pos, from)
	j, _ := slices.BinarySearch(pos, to)
	return string(runes[i:min(j, len(runes))])
}

// tagsFor returns the opening and closing tags of an entity, or "" for
// an entity shown as plain text; covered is the text it covers.
func tagsFor(e telegramtest.MessageEntity, covered string) (string, string) {
	switch e.Type {
	case "bold":
		return "<b>", "</b>"
	case "italic":
		return "<i>", "</i>"
	case "underline":
		return "<u>", "</u>"
	case "strikethrough":
		return "<s>", "</s>"
	case "spoiler":
		return `<span class="spoiler">`, "</span>"
	case "code":
		return "<code>", "</code>"
	case "pre":
		return "<pre>", "</pre>"
	case "blockquote", "expandable_blockquote":
		return "<blockquote>", "</blockquote>"
	case "hashtag":
		return `<span class="tag">`, "</span>"
	case "text_link":
		return linkTags(e.URL)
	case "url":
		if !strings.Contains(covered, "://") {
			covered = "http://" + covered
		}
		return linkTags(covered)
	case "email":
		return linkTags("mailto:" + covered)
	}
	return "", ""
}

// linkTags returns the tags of a link to raw, or "" when raw is not an
// http, https, tg or mailto URL.
func linkTags(raw string) (string, string) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "tg", "mailto":
	default:
		return "", ""
	}
	return `<a href="` + html.EscapeString(u.String()) + `" target="_blank" rel="noopener noreferrer">`, "</a>"
}
