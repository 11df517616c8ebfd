package digest_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Asia/Makassar without the system zoneinfo

	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// relayChat is the police supergroup of the fixtures; its t.me/c id is
// 1234567890.
const relayChat = -1001234567890

// MustWITA returns the Asia/Makassar location (UTC+8, no daylight saving).
func MustWITA(tb testing.TB) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation("Asia/Makassar")
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}

// wita returns the instant of a WITA wall-clock time.
func wita(tb testing.TB, y int, m time.Month, d, hh, mm, ss int) time.Time {
	tb.Helper()
	return time.Date(y, m, d, hh, mm, ss, 0, MustWITA(tb))
}

// item returns a relayed tip number id created at created, by reporter
// 100+id%3, with text "tip <id>".
func item(id int64, created time.Time) tip.DigestItem {
	rep := 100 + id%3
	return tip.DigestItem{
		Tip: tip.Tip{
			ID: id, CreatedAt: created, SentAt: created,
			Reporter: tip.Person{ID: rep, FirstName: fmt.Sprintf("Staf %d", rep)},
			Text:     fmt.Sprintf("tip %d", id),
		},
		Relayed: &tip.MessageRef{ChatID: relayChat, MessageID: 1000 + id},
	}
}

// fakeStore is a DigestStore over a slice; err, when set, fails every read.
type fakeStore struct {
	items []tip.DigestItem
	// firsts are the first status changes of the items' tips.
	firsts  []tip.StatusChange
	pending int
	failing []tip.FailingTarget
	err     error
	// asked records the periods the store was asked about.
	asked []string
}

func (s *fakeStore) DigestTips(_ context.Context, from, to time.Time) ([]tip.DigestItem, error) {
	s.asked = append(s.asked, "tips "+from.UTC().Format(time.RFC3339)+" "+to.UTC().Format(time.RFC3339))
	var out []tip.DigestItem
	for _, it := range s.items {
		if !it.Tip.CreatedAt.Before(from) && it.Tip.CreatedAt.Before(to) {
			out = append(out, it)
		}
	}
	return out, s.err
}

// CountTips counts the originals, as the store does.
func (s *fakeStore) CountTips(ctx context.Context, from, to time.Time) (int, error) {
	s.asked = append(s.asked, "count "+from.UTC().Format(time.RFC3339)+" "+to.UTC().Format(time.RFC3339))
	n := 0
	for _, it := range s.items {
		if it.Tip.DuplicateOf == 0 && !it.Tip.CreatedAt.Before(from) && it.Tip.CreatedAt.Before(to) {
			n++
		}
	}
	return n, s.err
}

func (s *fakeStore) Backlog(context.Context) (int, []tip.FailingTarget, error) {
	return s.pending, s.failing, s.err
}

func (s *fakeStore) LastRun(context.Context) (tip.DigestRun, bool, error) {
	return tip.DigestRun{}, false, nil
}

func (s *fakeStore) RecordRun(context.Context, tip.DigestRun, []tip.OutboxMessage) (bool, error) {
	return true, nil
}

func (s *fakeStore) RegionDigestTips(_ context.Context, region tip.RegionKey, chat tip.Target, from, to time.Time) ([]tip.DigestItem, error) {
	s.asked = append(s.asked, fmt.Sprintf("region tips %s %s %s %s", region, chat, from.UTC().Format(time.RFC3339), to.UTC().Format(time.RFC3339)))
	var out []tip.DigestItem
	for _, it := range s.items {
		if s.regionOf(it.Tip) == region && !it.Tip.CreatedAt.Before(from) && it.Tip.CreatedAt.Before(to) {
			out = append(out, it)
		}
	}
	return out, s.err
}

// regionOf returns the region t belongs to in a region digest: its
// original's for a repeat, as the store finds it.
func (s *fakeStore) regionOf(t tip.Tip) tip.RegionKey {
	if t.DuplicateOf == 0 {
		return t.Triage.Region
	}
	for _, it := range s.items {
		if it.Tip.ID == t.DuplicateOf {
			return it.Tip.Triage.Region
		}
	}
	return ""
}

// CountRegionTips counts the region's originals, as the store does.
func (s *fakeStore) CountRegionTips(ctx context.Context, region tip.RegionKey, from, to time.Time) (int, error) {
	s.asked = append(s.asked, fmt.Sprintf("region count %s %s %s", region, from.UTC().Format(time.RFC3339), to.UTC().Format(time.RFC3339)))
	n := 0
	for _, it := range s.items {
		if it.Tip.DuplicateOf == 0 && it.Tip.Triage.Region == region && !it.Tip.CreatedAt.Before(from) && it.Tip.CreatedAt.Before(to) {
			n++
		}
	}
	return n, s.err
}

// FirstStatuses returns the first changes of the tips DigestTips returns.
func (s *fakeStore) FirstStatuses(ctx context.Context, from, to time.Time) ([]tip.StatusChange, error) {
	s.asked = append(s.asked, "first statuses "+from.UTC().Format(time.RFC3339)+" "+to.UTC().Format(time.RFC3339))
	return s.firstsOf(func(t tip.Tip) bool { return !t.CreatedAt.Before(from) && t.CreatedAt.Before(to) }), s.err
}

// RegionFirstStatuses returns the first changes of the tips
// RegionDigestTips returns.
func (s *fakeStore) RegionFirstStatuses(ctx context.Context, region tip.RegionKey, from, to time.Time) ([]tip.StatusChange, error) {
	s.asked = append(s.asked, fmt.Sprintf("region first statuses %s %s %s", region, from.UTC().Format(time.RFC3339), to.UTC().Format(time.RFC3339)))
	return s.firstsOf(func(t tip.Tip) bool {
		return t.Triage.Region == region && !t.CreatedAt.Before(from) && t.CreatedAt.Before(to)
	}), s.err
}

// firstsOf returns the first changes of the tips among s.items for which
// keep is true.
func (s *fakeStore) firstsOf(keep func(tip.Tip) bool) []tip.StatusChange {
	var out []tip.StatusChange
	for _, c := range s.firsts {
		for _, it := range s.items {
			if it.Tip.ID == c.TipID && keep(it.Tip) {
				out = append(out, c)
			}
		}
	}
	return out
}

var (
	_ digest.Store       = (*fakeStore)(nil)
	_ digest.RegionStore = (*fakeStore)(nil)
)

// baliLayout is the layout of the fixtures: four regions of Bali, in
// gazetteer order, and the default categories.
var baliLayout = digest.Layout{Regions: []digest.Region{
	{Key: "denpasar", Name: "Denpasar", Unit: "Polresta Denpasar"},
	{Key: "badung", Name: "Badung", Unit: "Polres Badung"},
	{Key: "gianyar", Name: "Gianyar", Unit: "Polres Gianyar"},
	{Key: "bangli", Name: "Bangli", Unit: "Polres Bangli"},
}}

// laidOut returns d with layout l, as Layout.Build returns it.
func laidOut(d digest.Digest, l digest.Layout) digest.Digest {
	d.Layout = l
	return d
}

// allowedTag matches the tags a digest may contain.
var allowedTag = regexp.MustCompile(`</?(b|code|a)( href="[^"<>]*")?>`)

// validEscape matches the HTML escapes Telegram understands.
var validEscape = regexp.MustCompile(`&(lt|gt|amp|quot|#34|#39);`)

// CheckHTML fails unless msg is balanced Telegram HTML: only allowed
// tags, each closed in the message in the right order, no stray < > or &.
func CheckHTML(tb testing.TB, msg string) {
	tb.Helper()
	var stack []string
	for _, tag := range allowedTag.FindAllString(msg, -1) {
		name := strings.TrimFunc(strings.Fields(tag)[0], func(r rune) bool { return r == '<' || r == '>' || r == '/' })
		if strings.HasPrefix(tag, "</") {
			if len(stack) == 0 || stack[len(stack)-1] != name {
				tb.Fatalf("got closing %s without opening in message %.200q", tag, msg)
			}
			stack = stack[:len(stack)-1]
		} else {
			stack = append(stack, name)
		}
	}
	if len(stack) > 0 {
		tb.Fatalf("got unclosed tags %v in message ending %q", stack, msg[max(0, len(msg)-200):])
	}
	rest := validEscape.ReplaceAllString(allowedTag.ReplaceAllString(msg, ""), "")
	if i := strings.IndexAny(rest, "<>&"); i >= 0 {
		tb.Fatalf("got unescaped %q in %q", rest[i], rest[max(0, i-40):min(len(rest), i+40)])
	}
}

// Yesterday returns the local calendar day in loc before the day of now:
// from midnight to midnight in loc. At 00:30 WITA on 24 November it is
// 23 November 00:00 to 24 November 00:00 WITA (16:00 to 16:00 UTC).
func Yesterday(now time.Time, loc *time.Location) digest.Period {
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := now.In(loc).Date()
	return digest.Period{
		From: time.Date(y, m, d-1, 0, 0, 0, 0, loc),
		To:   time.Date(y, m, d, 0, 0, 0, 0, loc),
	}
}
