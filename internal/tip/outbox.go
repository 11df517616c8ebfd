package tip

import (
	"strconv"
	"strings"
	"time"
)

// Target is a chat the bot sends to, optionally a forum topic in it.
type Target struct {
	ChatID int64
	// ThreadID is the forum topic (message_thread_id); 0 for none.
	ThreadID int64
}

// String formats the target as "chat" or "chat:thread", the form the
// configuration uses.
func (t Target) String() string {
	s := strconv.FormatInt(t.ChatID, 10)
	if t.ThreadID != 0 {
		s += ":" + strconv.FormatInt(t.ThreadID, 10)
	}
	return s
}

// ParseTarget parses "chat" or "chat:thread".
func ParseTarget(s string) (Target, error) {
	chat, thread, hasThread := strings.Cut(strings.TrimSpace(s), ":")
	id, err := strconv.ParseInt(chat, 10, 64)
	if err != nil || id == 0 {
		return Target{}, &ParseError{Value: s, Want: "a numeric chat id, optionally followed by :thread_id"}
	}
	t := Target{ChatID: id}
	if hasThread {
		th, err := strconv.ParseInt(thread, 10, 64)
		if err != nil || th <= 0 {
			return Target{}, &ParseError{Value: s, Want: "a positive numeric thread id after the colon"}
		}
		t.ThreadID = th
	}
	return t, nil
}

// ParseError reports a value that does not have the expected form.
type ParseError struct {
	Value string
	Want  string
}

func (e *ParseError) Error() string { return strconv.Quote(e.Value) + " is not " + e.Want }

// OutboxKind says which Bot API call delivers an outbox message.
type OutboxKind string

// The ways a message leaves the bot.
const (
	// SendText sends Text (HTML parse mode) with sendMessage.
	SendText OutboxKind = "send_text"
	// CopyMessages copies MessageIDs from FromChatID (copyMessage for one,
	// copyMessages for several, keeping an album grouped).
	CopyMessages OutboxKind = "copy"
	// ForwardMessages forwards MessageIDs from FromChatID (forwardMessage for
	// one, forwardMessages for several), showing the original origin.
	ForwardMessages OutboxKind = "forward"
	// SendDocument uploads File as a document with Text as its caption.
	SendDocument OutboxKind = "send_document"
	// SendPhoto uploads File as a photo with Text as its caption.
	SendPhoto OutboxKind = "send_photo"
	// EditText replaces the text (HTML) and the buttons of the message
	// that row EditOf sent (editMessageText).
	EditText OutboxKind = "edit_text"
	// EditCaption replaces the caption (HTML) and the buttons of the
	// message that row EditOf sent (editMessageCaption).
	EditCaption OutboxKind = "edit_caption"
	// AnswerCallback answers the button press CallbackID with Text as a
	// short notice (answerCallbackQuery). It is not a message: no chat's
	// rate counts it.
	AnswerCallback OutboxKind = "answer_callback"
)

// Button is an inline keyboard button: Text is what people see, Data the
// callback_data sent back when it is pressed (at most 64 bytes).
type Button struct {
	Text string `json:"text"`
	Data string `json:"data"`
}

// MaxCallbackData is the Bot API's limit on a button's callback_data, in
// bytes.
const MaxCallbackData = 64

// OutboxStatus is the delivery state of an outbox message.
type OutboxStatus string

// Outbox states. A pending message is retried until sent; a failed one is
// kept and resumed when its target works again.
const (
	OutboxPending OutboxStatus = "pending"
	OutboxSent    OutboxStatus = "sent"
	OutboxFailed  OutboxStatus = "failed"
)

// Purpose says why a message is sent; it groups rows for digests and pacing.
type Purpose string

// Purposes of outbox messages.
const (
	PurposeRelay  Purpose = "relay"
	PurposeAck    Purpose = "ack"
	PurposeNotice Purpose = "notice"
	PurposeDigest Purpose = "digest"
	// PurposeStatus tells a reporter the police status of their tip.
	PurposeStatus Purpose = "status"
	// PurposeQuestion carries a police question to a tip's reporter;
	// PurposeAnswer carries the reporter's answer back to the police chat.
	PurposeQuestion Purpose = "question"
	PurposeAnswer   Purpose = "answer"
	// PurposeReminder reminds a police chat of a tip nobody took;
	// PurposeEscalation tells the admins about one still untouched later.
	PurposeReminder   Purpose = "reminder"
	PurposeEscalation Purpose = "escalation"
)

// OutboxMessage is one message the bot owes to a chat. It is written in the
// same transaction as the tip it belongs to, and deleted never: a sent row
// keeps the ids Telegram returned so later features can link to it. (A
// pending edit that a later edit of the same message supersedes is kept
// too, as failed, and never sent.)
type OutboxMessage struct {
	ID      int64
	TipID   int64 // 0 when not about a tip
	Purpose Purpose
	Target  Target
	Kind    OutboxKind
	// Text is the HTML text for SendText and the edits, the caption of
	// SendDocument and SendPhoto, the caption that replaces the original
	// one of a single copied message (CopyMessages of one message) when
	// not empty, and the notice of AnswerCallback.
	Text string
	// Buttons is the inline keyboard of SendText, of a single copied
	// message and of the edits, one slice per row; nil for none.
	Buttons [][]Button
	// EditOf is the outbox row whose sent message an edit changes.
	EditOf int64
	// EditMessageID is the message EditOf sent, filled by the relay worker
	// at send time; not stored.
	EditMessageID int64
	// CallbackID is the button press AnswerCallback answers.
	CallbackID string
	// Urgent rows go before the waiting rows of their target that are not
	// urgent (order among urgent rows is kept) and are never merged.
	Urgent bool
	// Silent sends the message without a notification sound
	// (disable_notification); the relay worker sets it at send time.
	Silent bool
	// FromChatID and MessageIDs select the messages to copy or forward.
	FromChatID int64
	MessageIDs []int64
	// ReplyTo, when set, makes a SendText or a single copy a reply to that
	// message in Target.
	ReplyTo int64
	// File is the upload of SendDocument and SendPhoto.
	File *File
	// DedupeKey, when not empty, makes enqueueing idempotent: a second row
	// with the same key is not written (e.g. "reply:<update_id>").
	DedupeKey string
	// Coalesce marks a row that may be merged with the coalescable rows
	// next to it in the same target's queue into one text message, when
	// the queue is longer than the target's rate allows (backlog
	// coalescing). Compact is the row's part of that merged text (HTML); it
	// may be empty when another row of the same tip carries the tip's part.
	Coalesce bool
	Compact  string

	Status        OutboxStatus
	Attempts      int
	NextAttemptAt time.Time
	LastError     string
	// SentMessageIDs are the message ids Telegram returned, in Target.
	SentMessageIDs []int64
	CreatedAt      time.Time
	SentAt         time.Time
}

// IsAck reports whether m acknowledges a tip to the staff member who sent
// it: waiting acks to one chat may be confirmed in one message.
func (m OutboxMessage) IsAck() bool {
	return m.Purpose == PurposeAck && m.TipID != 0 && m.Kind == SendText
}

// QueuedAck is an acknowledgement waiting in a chat's queue.
type QueuedAck struct {
	ID    int64 // the outbox row
	TipID int64 // the tip it acknowledges
}

// IsEdit reports whether m changes a message an earlier row sent.
func (m OutboxMessage) IsEdit() bool {
	return (m.Kind == EditText || m.Kind == EditCaption) && m.EditOf != 0
}

// Parts returns how many Telegram messages the row becomes when sent: one
// per copied or forwarded message, one for a text or an edit (Telegram
// counts edits against a chat's rate), none for an AnswerCallback, which
// is not a message.
func (m OutboxMessage) Parts() int {
	if m.Kind == AnswerCallback {
		return 0
	}
	if m.Kind != CopyMessages && m.Kind != ForwardMessages || len(m.MessageIDs) == 0 {
		return 1
	}
	return len(m.MessageIDs)
}
