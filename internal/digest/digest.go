package digest

import (
	"context"
	"fmt"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// TopN is how many sources and domains a digest lists.
const TopN = 10

// MaxListed is how many tips a digest lists at most: the most important
// ones (see Importance); the CSV export holds them all.
const MaxListed = 50

// MaxUnanswered is how many of the tips without a status a digest lists:
// the oldest.
const MaxUnanswered = 20

// MaxTexts is how many text messages a digest takes at most when its
// sections other than the list fit in fewer: the list is shortened below
// MaxListed if its tips' lines would not fit in the rest.
const MaxTexts = 4

// Digest is the built value of one digest: everything Render, CSV and
// Chart need, with no further access to the store.
type Digest struct {
	Period Period
	// Location is the time zone in which times are shown and hours counted.
	Location *time.Location
	// Total is the number of tips (originals, not repeats) created in
	// Period; PrevTotal in the period of the same length just before it.
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
	// hour of the clock the period touches, from the hour Period.From
	// falls in (24 buckets for a WITA day, 00:00 to 23:00; 25 for the 24
	// hours before 01:49, 01:00 to 01:00).
	Hours []HourCount
	// Pending is the number of relay messages waiting to be sent, and
	// Failing the chats refusing the bot, when the digest was built.
	Pending int
	Failing []tip.FailingTarget
	// Items are the tips of the period by number, with their relayed
	// message: the originals only (see Compute for the counting rule).
	Items []tip.DigestItem
	// Repeats are the repeats created in the period, by number: reports
	// of an earlier tip (DuplicateOf), not tips of their own. Repeated
	// counts the originals they repeat, and RepeatedOlder those of them
	// created before the period (the tips of an earlier digest).
	Repeats                 []tip.DigestItem
	Repeated, RepeatedOlder int
	// repeatsOf counts the repeats in the period of each original of
	// Items that has any (see Reports).
	repeatsOf map[int64]int
	// ByRegion counts the tips of each region ("" for none), ByCategory
	// those of each category ("" for none) and ByPriority those of each
	// effective priority.
	ByRegion   map[tip.RegionKey]int
	ByCategory map[tip.Category]int
	ByPriority map[tip.Priority]int
	// Layout orders and names the regions and categories; the zero Layout
	// shows regions by key and categories in the default order.
	Layout Layout
	// Region is the region of a region digest (see Layout.BuildRegion),
	// zero for the digest of every tip.
	Region Region
	// ByStatus counts the tips of each current police status,
	// tip.StatusNone for those without one.
	ByStatus map[tip.Status]int
	// Unanswered are the oldest tips without a status, oldest first, at
	// most MaxUnanswered; ByStatus[tip.StatusNone] counts them all.
	Unanswered []tip.DigestItem
	// Response is the time from the tips' arrival to their first status.
	Response Response
}

// Region is a region as digests show it.
type Region struct {
	Key tip.RegionKey
	// Name is the short display name ("Badung").
	Name string
	// Unit is the region's police unit ("Polres Badung"); may be empty.
	Unit string
}

// Layout orders and names the per-region and per-category counts of a
// digest, and orders the tips it lists.
type Layout struct {
	// Regions are the regions in display order (the gazetteer's). A
	// region with tips that is not among them is listed after them, by
	// its key.
	Regions []Region
	// Categories are the categories in display order, which is also the
	// order of importance among tips of the same priority; nil means
	// tip.Categories().
	Categories []tip.Category
}

// Region returns the region with key, or one named by its key when the
// layout does not know it.
func (l Layout) Region(key tip.RegionKey) Region {
	for _, r := range l.Regions {
		if r.Key == key {
			return r
		}
	}
	return Region{Key: key, Name: string(key)}
}

// categories returns the categories in display order.
func (l Layout) categories() []tip.Category {
	if l.Categories == nil {
		return tip.Categories()
	}
	return l.Categories
}

// Store reads what a digest of every tip summarises: the tips, the
// previous period's count and the relay backlog, and the first status of
// the tips.
type Store interface {
	tip.DigestStore
	// FirstStatuses returns the first status change of each tip created
	// in [from, to) that has one (the first entry of its history: the
	// chat, unit and time of its first status), by tip number.
	FirstStatuses(ctx context.Context, from, to time.Time) ([]tip.StatusChange, error)
}

// RegionStore reads what a region digest summarises: the tips of one
// region.
type RegionStore interface {
	// RegionDigestTips returns the originals of region created in
	// [from, to) and the repeats created then of the region's originals
	// (a repeat belongs to its original's region, whatever its own), by
	// number, each with its attachments and, as Relayed, its first
	// message in chat (the region's police chat).
	RegionDigestTips(ctx context.Context, region tip.RegionKey, chat tip.Target, from, to time.Time) ([]tip.DigestItem, error)
	// CountRegionTips counts the originals of region created in
	// [from, to).
	CountRegionTips(ctx context.Context, region tip.RegionKey, from, to time.Time) (int, error)
	// RegionFirstStatuses returns the first status change of each tip of
	// region created in [from, to) that has one, by tip number.
	RegionFirstStatuses(ctx context.Context, region tip.RegionKey, from, to time.Time) ([]tip.StatusChange, error)
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

// Empty reports whether the period has no report at all: no tip and no
// repeat of an earlier one. Callers configured to skip empty digests send
// nothing then; a period with only repeats of earlier tips is not empty.
func (d Digest) Empty() bool { return d.Total == 0 && len(d.Repeats) == 0 }

// Reports returns the reports in the period of the original numbered id:
// 1 for itself, plus one for each repeat of it created in the period.
func (d Digest) Reports(id int64) int { return 1 + d.repeatsOf[id] }

// Build reads the tips of p, the count of the previous period, the relay
// backlog and the tips' first statuses from src, and computes the digest
// with times in loc and the zero Layout.
func Build(ctx context.Context, src Store, p Period, loc *time.Location) (Digest, error) {
	return Layout{}.Build(ctx, src, p, loc)
}

// BuildRegion reads the tips of region r in p, their first statuses and
// the count of the previous period from src, and computes the region
// digest with times in loc and layout l. Its tips link to their messages in chat, the region's
// police chat. A region digest has no relay backlog: that of the whole
// bot is the business of the digest chats.
func (l Layout) BuildRegion(ctx context.Context, src RegionStore, r Region, chat tip.Target, p Period, loc *time.Location) (Digest, error) {
	items, err := src.RegionDigestTips(ctx, r.Key, chat, p.From, p.To)
	if err != nil {
		return Digest{}, fmt.Errorf("digest tips of region %s: %w", r.Key, err)
	}
	prev := p.Previous()
	prevTotal, err := src.CountRegionTips(ctx, r.Key, prev.From, prev.To)
	if err != nil {
		return Digest{}, fmt.Errorf("count previous tips of region %s: %w", r.Key, err)
	}
	firsts, err := src.RegionFirstStatuses(ctx, r.Key, p.From, p.To)
	if err != nil {
		return Digest{}, fmt.Errorf("first statuses of region %s: %w", r.Key, err)
	}
	d := Compute(items, prevTotal, 0, nil, p, loc)
	d.Response = Responses(d.Items, firsts)
	d.Layout, d.Region = l, r
	if d.Region.Name == "" {
		d.Region.Name = string(r.Key)
	}
	return d, nil
}

// Build reads the tips of p, the count of the previous period, the relay
// backlog and the tips' first statuses from src, and computes the digest
// with times in loc and layout l.
func (l Layout) Build(ctx context.Context, src Store, p Period, loc *time.Location) (Digest, error) {
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
	firsts, err := src.FirstStatuses(ctx, p.From, p.To)
	if err != nil {
		return Digest{}, fmt.Errorf("first statuses: %w", err)
	}
	d := Compute(items, prevTotal, pending, failing, p, loc)
	d.Response = Responses(d.Items, firsts)
	d.Layout = l
	return d, nil
}
