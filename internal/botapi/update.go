// Package botapi decodes the Bot API wire format into what tiprelay acts
// on: a command, a tip draft, content it cannot take, a press on one of
// its buttons, a change of the bot's own membership of a chat, or noise.
// It is pure (no I/O, no Telegram library) and decodes each update on its
// own with lenient wire types, so a field or origin kind added to the Bot
// API later never stops the stream. It also holds the UTF-16 arithmetic of the Bot API's entity
// offsets and length limits.
package botapi

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
	KindMyChatMember  UpdateKind = "my_chat_member"
	KindCallbackQuery UpdateKind = "callback_query"
	KindOther         UpdateKind = "other"
)

// Update is a Bot API update reduced to what tiprelay acts on.
type Update struct {
	ID   int64
	Kind UpdateKind
	// Field is the name of the update's payload field as sent by Telegram
	// ("message", "edited_message", "my_chat_member", "poll", ...): for
	// KindOther, the first member of the update other than update_id, or ""
	// when there is none.
	Field string
	// Message is set for KindMessage and KindEditedMessage, and nil for
	// KindOther. A "message" member that is not a JSON object gives
	// KindOther.
	Message *Message
	// Member is set for KindMyChatMember (the bot's own status in a chat
	// changed), and nil otherwise. A "my_chat_member" member that is not a
	// JSON object gives KindOther.
	Member *MemberUpdate
	// Callback is set for KindCallbackQuery (a press on an inline keyboard
	// button), and nil otherwise. A "callback_query" member that is not a
	// JSON object gives KindOther.
	Callback *Callback
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

// Reply names the message a message replies to.
type Reply struct {
	// MessageID is the replied message's id in the chat of the reply.
	MessageID int64
	// FromID is the user who sent the replied message (the bot itself for
	// a reply to one of the bot's messages); 0 when Telegram names none.
	FromID int64
	// FromBot is true when the replied message was sent by a bot.
	FromBot bool
}

// Message is a message or edited message.
type Message struct {
	ID       int64
	Date     time.Time
	EditDate time.Time // zero unless edited
	Chat     Chat
	From     tip.Person
	FromBot  bool
	// ThreadID is the forum topic of the message (message_thread_id when
	// is_topic_message is true), else 0.
	ThreadID int64
	// ReplyTo is the message this one replies to, in the same chat; nil
	// when it is not a reply. A message in a forum topic that replies to
	// nothing the sender chose is not a reply: Telegram names the topic's
	// creation message as its reply_to_message, and ReplyTo is nil then.
	ReplyTo *Reply
	// Text is the message text or the media caption, as sent (invalid
	// UTF-8 replaced with U+FFFD).
	Text string
	// Command is set when the text starts with a bot_command entity. It is
	// never set for a caption or a forwarded message: those are evidence.
	Command *Command
	// MediaGroupID is set for the messages of an album.
	MediaGroupID string
	// Unsupported names content tiprelay does not take as evidence
	// ("sticker", "poll", "location", "contact", "dice", "venue", "game",
	// "story", "paid_media", "invoice", ...); empty otherwise. It is set
	// for a forward of such content too, and wins over a caption. A message
	// with no text, file or forward whose content key this package does not
	// know (a kind added to the Bot API later) gets that key's name.
	Unsupported string
	// Service is true for service messages (members joined, title changed,
	// chat migrated, pinned message, ...) that carry no content.
	Service bool
	// MigrateToChatID is set on the service message telling that a group
	// became a supergroup.
	MigrateToChatID int64
	// Draft is the tip this message becomes when HasEvidence is true:
	// update id, reporter, chat, message id, album id, text, links, origin,
	// attachments, sent time and, for an edit, EditedAt. It is filled for
	// every message. Links holds the origin's public t.me link first (the
	// forwarded post itself), then the url and text_link entities of the
	// text in order, each once.
	Draft tip.Tip
	// HasEvidence is true when the message carries non-blank text, a
	// supported file or a forward, and is not a command, unsupported
	// content or a service message.
	HasEvidence bool
}
