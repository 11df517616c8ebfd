package telegramtest

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tiprelay/tiprelay/internal/botapi"
)

// htmlTags maps the tags Telegram's HTML parse mode accepts to entity types.
func htmlEntityType(tag string) (string, bool) {
	switch tag {
	case "b", "strong":
		return "bold", true
	case "i", "em":
		return "italic", true
	case "u", "ins":
		return "underline", true
	case "s", "strike", "del":
		return "strikethrough", true
	case "tg-spoiler", "span":
		return "spoiler", true
	case "a":
		return "text_link", true
	case "code":
		return "code", true
	case "pre":
		return "pre", true
	case "blockquote":
		return "blockquote", true
	case "tg-emoji":
		return "custom_emoji", true
	}
	return "", false
}

type openTag struct {
	name   string
	offset int // UTF-16 offset of the content start
	attrs  map[string]string
}

// parseHTML checks text the way Telegram's parse_mode HTML does and returns
// the visible text and its entities, or the error description after
// "Bad Request: ".
func parseHTML(text string) (string, []MessageEntity, string) {
	var out strings.Builder
	var ents []MessageEntity
	var stack []openTag
	off := 0 // UTF-16 length of out
	for i := 0; i < len(text); {
		c := text[i]
		switch c {
		case '<':
			end := strings.IndexByte(text[i:], '>')
			if end < 0 {
				return "", nil, fmt.Sprintf("can't parse entities: Unclosed start tag at byte offset %d", i)
			}
			body := text[i+1 : i+end]
			if closing, ok := strings.CutPrefix(body, "/"); ok {
				name := strings.ToLower(strings.TrimSpace(closing))
				if len(stack) == 0 {
					return "", nil, fmt.Sprintf("can't parse entities: Unexpected end tag at byte offset %d", i)
				}
				top := stack[len(stack)-1]
				if name != top.name {
					return "", nil, fmt.Sprintf("can't parse entities: Can't find end tag corresponding to start tag \"%s\"", top.name)
				}
				stack = stack[:len(stack)-1]
				if e, ok := closeTag(top, off); ok {
					ents = append(ents, e)
				}
			} else {
				tag, err := parseTag(body, i)
				if err != "" {
					return "", nil, err
				}
				tag.offset = off
				stack = append(stack, tag)
			}
			i += end + 1
		case '&':
			r, n, ok := htmlEntity(text[i:])
			if !ok {
				if semi := strings.IndexByte(text[i:], ';'); semi > 1 && semi < 12 && isEntityName(text[i+1:i+semi]) {
					return "", nil, fmt.Sprintf("can't parse entities: Unsupported HTML entity \"%s\" at byte offset %d", text[i:i+semi+1], i)
				}
				r, n = "&", 1 // a lone ampersand stands for itself
			}
			out.WriteString(r)
			off += botapi.UTF16Len(r)
			i += n
		default:
			j := i + 1
			for j < len(text) && text[j] != '<' && text[j] != '&' {
				j++
			}
			out.WriteString(text[i:j])
			off += botapi.UTF16Len(text[i:j])
			i = j
		}
	}
	if len(stack) > 0 {
		return "", nil, fmt.Sprintf("can't parse entities: Can't find end tag corresponding to start tag \"%s\"", stack[len(stack)-1].name)
	}
	sortEntities(ents)
	return out.String(), ents, ""
}

// parseTag parses the inside of a start tag found at byte offset at.
func parseTag(body string, at int) (openTag, string) {
	name, rest, _ := strings.Cut(strings.TrimSpace(body), " ")
	name = strings.ToLower(name)
	if _, ok := htmlEntityType(name); !ok {
		return openTag{}, fmt.Sprintf("can't parse entities: Unsupported start tag \"%s\" at byte offset %d", name, at)
	}
	attrs := make(map[string]string)
	rest = strings.TrimSpace(rest)
	for rest != "" {
		key, after, found := strings.Cut(rest, "=")
		if !found {
			attrs[strings.ToLower(strings.TrimSpace(key))] = ""
			break
		}
		key = strings.ToLower(strings.TrimSpace(key))
		after = strings.TrimLeft(after, " ")
		var val string
		if after != "" && (after[0] == '"' || after[0] == '\'') {
			end := strings.IndexByte(after[1:], after[0])
			if end < 0 {
				return openTag{}, fmt.Sprintf("can't parse entities: Unclosed start tag at byte offset %d", at)
			}
			val, rest = after[1:1+end], after[2+end:]
		} else {
			val, rest, _ = strings.Cut(after, " ")
		}
		attrs[key] = unescapeAttr(val)
		rest = strings.TrimSpace(rest)
	}
	switch {
	case name == "span" && attrs["class"] != "tg-spoiler":
		return openTag{}, fmt.Sprintf("can't parse entities: Tag \"span\" must have class \"tg-spoiler\" at byte offset %d", at)
	case name == "tg-emoji" && attrs["emoji-id"] == "":
		return openTag{}, fmt.Sprintf("can't parse entities: Custom emoji entity must contain a valid custom emoji identifier at byte offset %d", at)
	}
	return openTag{name: name, attrs: attrs}, ""
}

// closeTag turns a closed tag into an entity; empty spans give none.
func closeTag(t openTag, end int) (MessageEntity, bool) {
	typ, _ := htmlEntityType(t.name)
	e := MessageEntity{Type: typ, Offset: t.offset, Length: end - t.offset}
	switch t.name {
	case "a":
		e.URL = t.attrs["href"]
		if e.URL == "" {
			return e, false
		}
	case "pre":
		e.Language = strings.TrimPrefix(t.attrs["class"], "language-")
	case "tg-emoji":
		e.CustomEmojiID = t.attrs["emoji-id"]
	}
	return e, e.Length > 0
}

// htmlEntity decodes the character reference at the start of s.
func htmlEntity(s string) (string, int, bool) {
	semi := strings.IndexByte(s, ';')
	if semi < 2 {
		return "", 0, false
	}
	name := s[1:semi]
	switch name {
	case "lt":
		return "<", semi + 1, true
	case "gt":
		return ">", semi + 1, true
	case "amp":
		return "&", semi + 1, true
	case "quot":
		return `"`, semi + 1, true
	}
	if num, ok := strings.CutPrefix(name, "#"); ok {
		base := 10
		if hex, ok := strings.CutPrefix(strings.ToLower(num), "x"); ok {
			num, base = hex, 16
		}
		if n, err := strconv.ParseUint(num, base, 32); err == nil && n > 0 && n <= 0x10FFFF {
			return string(rune(n)), semi + 1, true
		}
	}
	return "", 0, false
}

func isEntityName(s string) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '#') {
			return false
		}
	}
	return s != ""
}

func unescapeAttr(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); {
		if v[i] == '&' {
			if r, n, ok := htmlEntity(v[i:]); ok {
				b.WriteString(r)
				i += n
				continue
			}
		}
		b.WriteByte(v[i])
		i++
	}
	return b.String()
}
