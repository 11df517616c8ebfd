// Package tip holds tiprelay's domain: tips reported by cyber-patrol staff,
// their evidence, the messages the bot owes to other chats (the outbox), and
// the interfaces the domain needs from storage. It imports no infrastructure.
package tip

import "time"

// Tip is one numbered report from a staff member: a forwarded post, a
// screenshot, an album, a link or a file, with the evidence needed to trace it.
type Tip struct {
	// ID is the tip number shown to people ("Laporan #17"); assigned by the store.
	ID int64
	// UpdateID is the Bot API update that carried the (first) message.
	UpdateID int64
	// Reporter is the staff member who sent the tip.
	Reporter Person
	// ChatID is the private chat the tip was sent in.
	ChatID int64
	// MessageIDs are the staff's own message ids in ChatID, ascending; more
	// than one for an album.
	MessageIDs []int64
	// MediaGroupID is set for albums.
	MediaGroupID string
	// Text is the message text or caption.
	Text string
	// Links are the URLs found in Text (url and text_link entities) and the
	// public link of a forwarded channel post.
	Links []string
	// Origin is where a forwarded message came from; nil for the staff's own content.
	Origin *Origin
	// Attachments are the files the tip carries, in message order.
	Attachments []Attachment
	// SentAt is when the staff member sent the message (Telegram's date).
	SentAt time.Time
	// CreatedAt is when the tip was stored.
	CreatedAt time.Time
	// EditedAt is the last time the staff member edited the message, or zero.
	EditedAt time.Time
	// Triage is the tip's region, category and priority.
	Triage Triage
	// Status is the tip's police status, none until an officer sets one.
	Status StatusState
	// DuplicateOf is the earlier tip this one repeats (always an
	// original), 0 for an original. A repeat is stored and counted but
	// not relayed.
	DuplicateOf int64
	// Reports counts the reports of an original, itself included: 1
	// until a repeat comes. LastReportAt is when the latest repeat came,
	// zero while none did.
	Reports      int
	LastReportAt time.Time
	// SimilarTo is an earlier tip whose screenshot looks close to this
	// one's without being confirmed the same ("mirip #N"), 0 for none.
	SimilarTo int64
}

// Person identifies a Telegram user.
type Person struct {
	ID        int64
	FirstName string
	LastName  string
	Username  string
}

// Name returns the person's display name: first and last name, or the
// username, or the numeric id as a last resort.
func (p Person) Name() string {
	name := p.FirstName
	if p.LastName != "" {
		if name != "" {
			name += " "
		}
		name += p.LastName
	}
	if name == "" && p.Username != "" {
		name = "@" + p.Username
	}
	if name == "" {
		name = "#" + itoa(p.ID)
	}
	return name
}

// HasMedia reports whether the tip carries at least one attachment.
func (t Tip) HasMedia() bool { return len(t.Attachments) > 0 }
