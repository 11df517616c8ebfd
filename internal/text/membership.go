package text

import (
	"fmt"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// membershipTexts are the sentences about the bot's own membership of a
// chat, per language.
type membershipTexts struct {
	removed, restricted string
}

var membership = map[Lang]membershipTexts{
	Indonesian: {
		removed:    "bot dikeluarkan dari chat oleh %s (id %d)",
		restricted: "bot dibatasi oleh %s (id %d) dan tidak lagi menjadi anggota chat",
	},
	English: {
		removed:    "the bot was removed from the chat by %s (id %d)",
		restricted: "the bot was restricted by %s (id %d) and is no longer a member of the chat",
	},
}

// BotRemoved is the reason, in plain text, why a chat that removed the
// bot is marked failing: who removed it, or restricted it out of the chat
// when restricted is true. It is what TargetFailing and /relay_retry show
// for the chat, and both escape it.
func (c Catalog) BotRemoved(by tip.Person, restricted bool) string {
	t := membership[c.lang]
	format := t.removed
	if restricted {
		format = t.restricted
	}
	return fmt.Sprintf(format, by.Name(), by.ID)
}
