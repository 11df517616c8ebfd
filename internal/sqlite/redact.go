package sqlite

import (
	"regexp"
	"unicode/utf8"
)

// Earlier versions of tiprelay could store the bot token in error texts
// (outbox.last_error, relay_targets.last_error, updates.error) when a web
// server in front of the Bot API answered with a page that echoed the
// request URL, and kept whole pages there. Migration
// 0004_scrub_secrets.sql rewrites those columns with tiprelay_redact,
// registered on every connection by connectHook.

// tokenLike matches a bot token, as BotFather makes them (the bot's id, a
// colon, 35 characters), also with the colon percent-encoded.
var tokenLike = regexp.MustCompile(`[0-9]{3,}(:|%3[Aa])[A-Za-z0-9_-]{30,}`)

// maxStoredError is the longest error text the scrub keeps, in runes.
const maxStoredError = 500

// redactSecrets returns s with every token-like string replaced by
// <redacted>, cut to maxStoredError runes.
func redactSecrets(s string) string {
	s = tokenLike.ReplaceAllString(s, "<redacted>")
	if utf8.RuneCountInString(s) > maxStoredError {
		s = string([]rune(s)[:maxStoredError]) + "…"
	}
	return s
}
