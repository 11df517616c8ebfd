package botapi

import (
	"encoding/json"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Callback is a press on an inline keyboard button (a callback_query
// update). The bot must answer it (answerCallbackQuery with ID), even when
// it refuses the press.
type Callback struct {
	// ID identifies the press for answerCallbackQuery.
	ID string
	// From is who pressed the button.
	From tip.Person
	// ChatID and MessageID name the message the button is on, for a
	// button on a message the bot sent; both are 0 for a button on an
	// inline-mode message (see InlineMessageID). They are set for an
	// inaccessible message too: Telegram still names its chat and id.
	ChatID    int64
	MessageID int64
	// Chat is the chat of that message (its ID is ChatID); zero for an
	// inline-mode message.
	Chat Chat
	// ThreadID is the forum topic of that message (message_thread_id when
	// is_topic_message is true), else 0. It is 0 for an inaccessible
	// message, whose topic Telegram does not say.
	ThreadID int64
	// Inaccessible is true when Telegram sent the message as an
	// InaccessibleMessage (date 0): it was deleted or is too old for the
	// bot to see, so editing it will likely fail.
	Inaccessible bool
	// InlineMessageID is set instead of ChatID and MessageID for a button
	// on a message sent via the bot in inline mode.
	InlineMessageID string
	// ChatInstance identifies the chat the button's message was sent to,
	// the same for every press in that chat.
	ChatInstance string
	// Data is the button's callback_data as sent (invalid UTF-8 replaced
	// with U+FFFD). It may be any string a client sends, not only the data
	// of a button the bot made: decode it defensively. Empty for a game
	// button.
	Data string
}

// parseCallback converts a CallbackQuery object (already known to be a
// valid JSON object). Fields of an unexpected JSON type are left at their
// zero value; a "message" that is not an object is treated as absent.
func parseCallback(raw json.RawMessage) *Callback {
	var w wireCallbackQuery
	_ = json.Unmarshal(raw, &w) // raw is valid: only type mismatches remain, and those fields stay zero.
	c := &Callback{
		ID:              w.ID,
		InlineMessageID: w.InlineMessageID,
		ChatInstance:    w.ChatInstance,
		Data:            w.Data,
	}
	if w.From != nil {
		c.From = person(*w.From)
	}
	members, _ := objectMembers(raw)
	if v, ok := member(members, "message"); !ok || !isObject(v) {
		w.Message = nil
	}
	if m := w.Message; m != nil {
		c.ChatID, c.MessageID = m.Chat.ID, m.MessageID
		c.Chat = Chat{ID: m.Chat.ID, Type: m.Chat.Type, Title: m.Chat.Title, Username: m.Chat.Username, IsForum: m.Chat.IsForum}
		c.Inaccessible = m.Date == 0
		if m.IsTopicMessage {
			c.ThreadID = m.MessageThreadID
		}
	}
	return c
}
