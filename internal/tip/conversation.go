package tip

import (
	"context"
	"time"
)

// Direction says which way a message of a tip's conversation went.
type Direction string

// A question goes from a police chat to the tip's reporter; an answer from
// the reporter back to the police chat.
const (
	Question Direction = "question"
	Answer   Direction = "answer"
)

// Exchange is one message of the conversation between the police and a
// tip's reporter, as its author wrote it.
type Exchange struct {
	ID        int64
	TipID     int64
	Direction Direction
	// PoliceChatID is the police chat the conversation is with, and Unit
	// its police unit.
	PoliceChatID int64
	Unit         string
	From         Person
	// ChatID and MessageID are the author's message: in the police chat
	// for a question, in the reporter's private chat for an answer.
	ChatID, MessageID int64
	// Kind is "text" or the attachment kind of a media message; Text is
	// its text or caption.
	Kind string
	Text string
	At   time.Time
}

// Conversations keeps the questions and answers of tips.
type Conversations interface {
	// AddExchange stores e; added is false when the author's message was
	// stored already (an update delivered again).
	AddExchange(ctx context.Context, e Exchange) (added bool, err error)
	// Exchanges returns the conversation of a tip, oldest first.
	Exchanges(ctx context.Context, tipID int64) ([]Exchange, error)
}
