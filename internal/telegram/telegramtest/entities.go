package telegramtest

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/tiprelay/tiprelay/internal/botapi"
)

// UTF16Offset converts a byte offset in s to a UTF-16 offset, for tests
// that build entities by hand.
func UTF16Offset(s string, byteOffset int) int {
	return botapi.UTF16Len(s[:byteOffset])
}

// entityPattern finds what Telegram highlights by itself in user text. The
// alternatives are tried left to right, so an e-mail wins over the mention
// inside it. Groups: 1 email, 2 url, 3 mention, 4 hashtag, 5 bot_command.
// Compiled once: a regexp is safe for concurrent use and never changes.
var entityPattern = compileEntityPattern()

func compileEntityPattern() *regexp.Regexp {
	const (
		email   = `([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})`
		url     = `((?:https?://[^\s<>"]+)|(?:www\.[^\s<>"]+)|(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|id|io|me|info|gov|edu|co|ly|app|dev|news|link)(?:/[^\s<>"]*)?))`
		mention = `(?:^|[^\w@])(@[A-Za-z0-9_]{4,32})`
		hashtag = `(?:^|[^\w#])(#[\pL\pN_]+)`
		command = `(?:^|\s)(/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{4,32})?)`
	)
	return regexp.MustCompile(`(?:\b` + email + `)|(?:\b` + url + `)|` + mention + `|` + hashtag + `|` + command)
}

// DetectEntities returns the entities Telegram adds by itself to text a
// user sends: url, email, mention, hashtag and bot_command, with UTF-16
// offsets.
func DetectEntities(text string) []MessageEntity {
	types := [...]string{"", "email", "url", "mention", "hashtag", "bot_command"}
	var out []MessageEntity
	for _, loc := range entityPattern.FindAllStringSubmatchIndex(text, -1) {
		for g := 1; g < len(types); g++ {
			start, end := loc[2*g], loc[2*g+1]
			if start < 0 {
				continue
			}
			if types[g] == "url" {
				end = start + len(strings.TrimRight(text[start:end], ".,;:!?)'\""))
			}
			out = append(out, MessageEntity{
				Type:   types[g],
				Offset: botapi.UTF16Len(text[:start]),
				Length: botapi.UTF16Len(text[start:end]),
			})
			break
		}
	}
	return out
}

// tooLong reports whether s has more than n UTF-16 code units.
func tooLong(s string, n int) bool {
	return utf8.RuneCountInString(s) > n/2 && botapi.UTF16Len(s) > n
}
