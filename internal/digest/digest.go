package digest

import (
	"context"
	"fmt"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// TopN is how many sources and domains a digest lists.
const TopN = 10

// Digest is the built value of one digest: everything Render, CSV and
// Chart need, with no further access to the store.
type Digest struct {
	Period Period
	// Location is the time zone in which times are shown and hours counted.
	Location *time.Location
	// Total is the number of tips in Period; PrevTotal in the period of the
	// same length just before it.
	Total, PrevTotal int
	// ByKind counts the tips of each kind; a tip may count in several.
	ByKind map[Kind]int
	// Origins are the most reported forward origins (channels, groups,
	// users), at most TopN, most tips first.
	Origins []Source
	// Domains are the most reported link domains, at most TopN.
	Domains []Source
	// Staff counts the tips of every reporter, most tips first.
	Staff []StaffCount
	// Hours counts the tips per hour of the period, one bucket for each
	// hour from Period.From (24 buckets for a WITA day, 00:00 to 23:00).
	Hours []HourCount
	// Pending is the number of relay messages waiting to be sent, and
	// Failing the chats refusing the bot, when the digest was built.
	Pending int
	Failing []tip.FailingTarget
	// Items are the tips of the period by number, with their relayed message.
	Items []tip.DigestItem
}

// Source is one reported source: a forward origin or a link domain.
type Source struct {
	// Label is the origin's title and @username or name, or the domain.
	Label string
	// Kind is the origin kind; empty for a domain.
	Kind tip.OriginKind
	// Link is the t.me link of a public chat, channel or user; else "".
	Link  string
	Count int
}

// StaffCount is the number of tips of one reporter.
type StaffCount struct {
	ID int64
	// Name is the display name on the reporter's latest tip of the period.
	Name     string
	Username string
	Count    int
}

// HourCount is the number of tips in the hour starting at Start.
type HourCount struct {
	Start time.Time
	Count int
}

// loc returns the digest's location, UTC when none is set.
func (d Digest) loc() *time.Location {
	if d.Location == nil {
		return time.UTC
	}
	return d.Location
}

// Empty reports whether the period has no tips. Callers configured to
// skip empty digests send nothing then.
func (d Digest) Empty() bool { return d.Total == 0 }

// Build reads the tips of p, the count of the previous period and the
// relay backlog from src, and computes the digest with times in loc.
func Build(ctx context.Context, src tip.DigestStore, p Period, loc *time.Location) (Digest, error) {
	items, err := src.DigestTips(ctx, p.From, p.To)
	if err != nil {
		return Digest{}, fmt.Errorf("digest tips: %w", err)
	}
	prev := p.Previous()
	prevTotal, err := src.CountTips(ctx, prev.From, prev.To)
	if err != nil {
		return Digest{}, fmt.Errorf("count previous tips: %w", err)
	}
	pending, failing, err := src.Backlog(ctx)
	if err != nil {
		return Digest{}, fmt.Errorf("relay backlog: %w", err)
	}
	return Compute(items, prevTotal, pending, failing, p, loc), nil
}
