package botapi

import (
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// parseMessage converts a message object (already known to be a valid JSON
// object) of update updateID. Fields of an unexpected JSON type are left at
// their zero value rather than failing the message.
func parseMessage(raw json.RawMessage, updateID int64) *Message {
	var w wireMessage
	_ = json.Unmarshal(raw, &w) // raw is valid: only type mismatches remain, and those fields stay zero.
	members, _ := objectMembers(raw)
	keys := make([]string, len(members))
	for i, m := range members {
		keys[i] = m.key
	}
	c := classify(keys)

	m := &Message{
		ID:       w.MessageID,
		Date:     unixTime(w.Date),
		EditDate: unixTime(w.EditDate),
		Chat: Chat{
			ID:       w.Chat.ID,
			Type:     w.Chat.Type,
			Title:    w.Chat.Title,
			Username: w.Chat.Username,
			IsForum:  w.Chat.IsForum,
		},
		MediaGroupID:    w.MediaGroupID,
		Unsupported:     c.unsupported,
		Service:         c.service,
		MigrateToChatID: w.MigrateToChatID,
	}
	if w.From != nil {
		m.From, m.FromBot = person(*w.From), w.From.IsBot
	}
	if w.IsTopicMessage {
		m.ThreadID = w.MessageThreadID
	}
	m.ReplyTo = reply(&w)

	text, entities := w.Text, w.Entities
	if text == "" {
		text, entities = w.Caption, w.CaptionEntities
	}
	text = validUTF8(text)
	m.Text = text
	origin := parseOrigin(w.ForwardOrigin)
	if w.Text != "" && origin == nil {
		m.Command = parseCommand(text, entities)
	}
	files := attachments(&w)

	m.Draft = tip.Tip{
		UpdateID:     updateID,
		Reporter:     m.From,
		ChatID:       m.Chat.ID,
		MessageIDs:   []int64{m.ID},
		MediaGroupID: m.MediaGroupID,
		Text:         text,
		Links:        dedupe([]string{origin.PublicLink()}, links(text, entities)),
		Origin:       origin,
		Attachments:  files,
		SentAt:       m.Date,
		EditedAt:     m.EditDate,
	}
	content := strings.TrimSpace(text) != "" || len(files) > 0 || origin != nil
	m.HasEvidence = content && m.Command == nil && m.Unsupported == "" && !m.Service
	if !content && m.Unsupported == "" && !m.Service {
		// Nothing this code knows: name the unknown key, so the staff
		// member can be told what was not taken.
		m.Unsupported = c.unknown
	}
	return m
}

// reply returns what w replies to, or nil. A reply_to_message that is not
// an object or has no message id is ignored. In a forum topic, Telegram
// sets reply_to_message to the topic's creation message (whose id is the
// thread id) on every message that replies to nothing else: that is not a
// reply. Outside topics, message_thread_id names the root of a reply
// thread and says nothing of the sort, so it is compared only in topics.
func reply(w *wireMessage) *Reply {
	r := w.ReplyToMessage
	if r == nil || r.MessageID <= 0 {
		return nil
	}
	if w.IsTopicMessage && r.MessageID == w.MessageThreadID {
		return nil
	}
	out := &Reply{MessageID: r.MessageID}
	if r.From != nil {
		out.FromID, out.FromBot = r.From.ID, r.From.IsBot
	}
	return out
}

// unixTime converts a Bot API date (Unix seconds) into UTC time; 0 gives
// the zero time.
func unixTime(sec int64) time.Time {
	if sec == 0 {
		return time.Time{}
	}
	return time.Unix(sec, 0).UTC()
}

// validUTF8 returns s with each run of invalid UTF-8 replaced by U+FFFD.
// encoding/json already does so for strings; this guards the invariant.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// join joins a and b with sep, skipping an empty one.
func join(a, b, sep string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + sep + b
}
