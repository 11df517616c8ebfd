// Package text holds every sentence tiprelay shows to people, in Bahasa
// Indonesia (the default) and English, and renders the HTML messages the bot
// sends. Keeping them in one place lets a translator review them together.
package text

import (
	"fmt"
	"html"
	"strings"
)

// Lang is a language the bot speaks.
type Lang string

// Supported languages.
const (
	Indonesian Lang = "id"
	English    Lang = "en"
)

// Catalog renders the bot's texts in one language. The zero value is not
// usable; get one from For.
type Catalog struct {
	lang Lang
	m    *messages
}

// For returns the catalog of lang, falling back to Indonesian for an
// unknown language.
func For(lang Lang) Catalog {
	if lang == English {
		return Catalog{lang: English, m: &english}
	}
	return Catalog{lang: Indonesian, m: &indonesian}
}

// Escape escapes s for Telegram's HTML parse mode.
func Escape(s string) string {
	// Telegram's HTML mode needs only <, > and & escaped, and " inside
	// attributes; html.EscapeString also escapes ' which Telegram accepts.
	return html.EscapeString(s)
}

// Help is the answer to /start and /help for staff.
func (c Catalog) Help() string { return c.m.help }

// GroupHelp is the answer to /help in a group.
func (c Catalog) GroupHelp() string { return c.m.groupHelp }

// Ack confirms to the staff member that tip number n was stored.
func (c Catalog) Ack(n int64) string { return fmt.Sprintf(c.m.ack, n) }

// Outsider refuses a user who is not staff, showing their id so an admin can
// add them.
func (c Catalog) Outsider(userID int64) string {
	return fmt.Sprintf(c.m.outsider, userID, userID)
}

// Unsupported tells a staff member that content of kind (as named by the
// Bot API: sticker, poll, location, ...) cannot be a tip.
func (c Catalog) Unsupported(kind string) string {
	name, ok := c.m.kinds[kind]
	if !ok {
		name = c.m.kinds[""]
	}
	return fmt.Sprintf(c.m.unsupported, name)
}

// Empty answers a staff message that carries nothing to report.
func (c Catalog) Empty() string { return c.m.empty }

// UnknownCommand answers a command the bot does not know.
func (c Catalog) UnknownCommand(name string) string {
	return fmt.Sprintf(c.m.unknownCommand, Escape(name))
}

// ChatID answers /id with the chat id and, in a forum topic, the thread id
// and the value to put in TIPRELAY_RELAY_CHAT_ID.
func (c Catalog) ChatID(chatID, threadID int64, userID int64) string {
	var b strings.Builder
	fmt.Fprintf(&b, c.m.chatID, chatID)
	if threadID != 0 {
		b.WriteString("\n")
		fmt.Fprintf(&b, c.m.threadID, threadID, chatID, threadID)
	}
	if userID != 0 {
		b.WriteString("\n")
		fmt.Fprintf(&b, c.m.userID, userID)
	}
	return b.String()
}

// PrivateOnly tells a user that a command works only in a private chat.
func (c Catalog) PrivateOnly() string { return c.m.privateOnly }

// AdminOnly refuses an admin command to a non-admin.
func (c Catalog) AdminOnly() string { return c.m.adminOnly }

// StaffUsage explains the argument of /staff_add and /staff_remove.
func (c Catalog) StaffUsage(command string) string {
	return fmt.Sprintf(c.m.staffUsage, command)
}

// StaffAdded confirms /staff_add; already is true if the user was staff.
func (c Catalog) StaffAdded(userID int64, already bool) string {
	if already {
		return fmt.Sprintf(c.m.staffAlready, userID)
	}
	return fmt.Sprintf(c.m.staffAdded, userID)
}

// StaffRemoved confirms /staff_remove; found is false if the user was not
// staff added by command; fromConfig is true if the user is staff by
// configuration and so cannot be removed by command.
func (c Catalog) StaffRemoved(userID int64, found, fromConfig bool) string {
	switch {
	case fromConfig:
		return fmt.Sprintf(c.m.staffFromConfig, userID)
	case !found:
		return fmt.Sprintf(c.m.staffNotFound, userID)
	default:
		return fmt.Sprintf(c.m.staffRemoved, userID)
	}
}
