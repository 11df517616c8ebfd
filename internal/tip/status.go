package tip

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Status is what the police did with a tip, set by an officer's press on
// the tip's relayed message. Its key is what buttons, exports and digests
// use; the names people read are in package text.
type Status string

// The police statuses (DESIGN.md, keys). A tip nobody pressed has
// StatusNone.
const (
	StatusNone     Status = ""
	StatusWatching Status = "dipantau"
	StatusFollowUp Status = "ditindaklanjuti"
	StatusDone     Status = "selesai"
	StatusNoThreat Status = "bukan_ancaman"
)

// Statuses returns every status an officer can set, in button order.
func Statuses() []Status {
	return []Status{StatusWatching, StatusFollowUp, StatusDone, StatusNoThreat}
}

// ParseStatus returns the status with key s (case-insensitive).
func ParseStatus(s string) (Status, error) {
	st := Status(strings.ToLower(strings.TrimSpace(s)))
	if !slices.Contains(Statuses(), st) {
		return "", &ParseError{Value: s, Want: "a status (" + joinKeys(Statuses()) + ")"}
	}
	return st, nil
}

// StatusState is a tip's current police status: the last change, and when
// the first one came (for the response times of the digests).
type StatusState struct {
	Status Status
	// Unit is the police unit of the chat the status was set from
	// ("Polres Badung"); Officer is who pressed (as stored with the tip:
	// the id and the display name, in FirstName).
	Unit    string
	Officer Person
	At      time.Time
	// FirstAt is when the tip got its first status; zero until then.
	FirstAt time.Time
}

// StatusChange is one entry of a tip's status history: who changed it,
// from which chat, when, from what to what.
type StatusChange struct {
	TipID    int64
	From, To Status
	ChatID   int64
	Unit     string
	Officer  Person
	At       time.Time
}

// Reminder is a relay of a tip that may be owed a reminder because no
// officer set a status: the tip's relay to one chat, and when it was sent.
type Reminder struct {
	TipID  int64
	Target Target
	// MessageID is the first message of the tip in that chat, which the
	// reminder replies to.
	MessageID int64
	SentAt    time.Time
	Urgent    bool
	// Reporter is the tip's reporter, for the admins' alert.
	Reporter Person
}

// StatusStore keeps the police status of tips and its history, and finds
// the tips nobody took.
type StatusStore interface {
	// SetStatus records c as tip c.TipID's status (its StatusState) and
	// appends it to the history. ErrNotFound if there is no such tip.
	SetStatus(ctx context.Context, c StatusChange) error
	// History returns the status changes of a tip, oldest first.
	History(ctx context.Context, tipID int64) ([]StatusChange, error)
	// Unanswered returns the relays, sent at or before sentBefore, of the
	// tips that have no status and whose escalation has not ended, oldest
	// first, at most limit.
	Unanswered(ctx context.Context, sentBefore time.Time, limit int) ([]Reminder, error)
	// EndEscalation records that the admins were told about tip id: it
	// is no longer returned by Unanswered.
	EndEscalation(ctx context.Context, id int64) error
}
