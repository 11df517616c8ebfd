// Package intake turns raw Bot API updates into what tiprelay acts on: a
// command, a tip draft, content it cannot take, or noise. It is pure (no I/O)
// and decodes each update on its own with lenient wire types, so a field or
// origin kind added to the Bot API later never stops the stream.
package intake

import (
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// UpdateKind says which field of the update was set.
type UpdateKind string

// Update kinds tiprelay distinguishes. Everything else is KindOther.
const (
	KindMessage       UpdateKind = "message"
	KindEditedMessage UpdateKind = "edited_message"
	KindOther         UpdateKind = "other"
)

// Update is a Bot API update reduced to what tiprelay acts on.
type Update struct {
	ID   int64
	Kind UpdateKind
	// Field is the name of the update's payload field as sent by Telegram
	// ("message", "edited_message", "my_chat_member", "poll", ...).
	Field string
	// Message is set for KindMessage and KindEditedMessage.
	Message *Message
}

// Chat is the chat a message was sent in.
type Chat struct {
	ID       int64
	Type     string // private, group, supergroup, channel
	Title    string
	Username string
	IsForum  bool
}

// IsPrivate reports whether the chat is a one-to-one chat with the bot.
func (c Chat) IsPrivate() bool { return c.Type == "private" }

// Command is a bot command at the start of a message ("/staff_add 42").
type Command struct {
	// Name is the command without the slash and without @botname, lower case.
	Name string
	// BotUsername is the "@botname" suffix without the @, if any.
	BotUsername string
	// Args is the rest of the text after the command, trimmed.
	Args string
}

// Message is a message or edited message.
type Message struct {
	ID       int64
	Date     time.Time
	EditDate time.Time // zero unless edited
	Chat     Chat
	From     tip.Person
	FromBot  bool
	// ThreadID is the forum topic of the message, if any.
	ThreadID int64
	// Text is the message text or the media caption.
	Text string
	// Command is set when the text starts with a bot_command entity.
	Command *Command
	// MediaGroupID is set for the messages of an album.
	MediaGroupID string
	// Unsupported names content tiprelay does not take as evidence
	// ("sticker", "poll", "location", "contact", "dice", "venue", "game",
	// "story", "paid_media", "invoice", ...); empty otherwise.
	Unsupported string
	// Service is true for service messages (members joined, title changed,
	// chat migrated, pinned message, ...) that carry no content.
	Service bool
	// MigrateToChatID is set on the service message telling that a group
	// became a supergroup.
	MigrateToChatID int64
	// Draft is the tip this message becomes when HasEvidence is true:
	// reporter, chat, message id, text, links, origin, attachments, sent time.
	Draft tip.Tip
	// HasEvidence is true when the message carries text, links, a forward
	// or a supported file, and is not a command.
	HasEvidence bool
}
