package main

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// groupTracker follows the police group: how many messages the bot put
// there, when, and when every tip number 1..want had been named.
type groupTracker struct {
	srv    *telegramtest.Server
	mu     sync.Mutex
	seen   int         // bot messages in the group so far
	times  []time.Time // when each appeared
	kinds  map[string]int
	others []string // first texts of kind other
	tips   *tipSet
	stray  int // names of tips outside 1..want
	first  time.Time
	last   time.Time
	infoAt time.Time
	info   chan struct{} // closed at infoAt
}

func newGroupTracker(srv *telegramtest.Server, want int) *groupTracker {
	return &groupTracker{srv: srv, kinds: make(map[string]int), tips: newTipSet(want), info: make(chan struct{})}
}

// observe reads the group's new messages after any call that may have
// produced some; it is a tap observer.
func (g *groupTracker) observe(a answer) {
	if a.Sent.Chat.ID > 0 {
		return // a message to a private chat
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	msgs := g.srv.BotMessages(groupID)
	if len(msgs) <= g.seen {
		return
	}
	if g.first.IsZero() {
		g.first = a.At
	}
	g.last = a.At
	for _, m := range msgs[g.seen:] {
		nums := groupTips(body(m))
		for _, n := range nums {
			if n < 1 || n > g.tips.want {
				g.stray++
			}
			g.tips.add(n)
		}
		g.times = append(g.times, a.At)
		kind := groupKind(m, len(nums))
		g.kinds[kind]++
		if kind == "other" && len(g.others) < 3 {
			g.others = append(g.others, body(m))
		}
	}
	g.seen = len(msgs)
	if g.tips.complete() && g.infoAt.IsZero() {
		g.infoAt = a.At
		close(g.info)
	}
}

// Kinds of group messages.
const (
	// kindTextTip is a tip in one text message: its header with the
	// staff's text quoted under it.
	kindTextTip = "text tip"
	// kindCaptioned is a copy of a single photo, video, document, audio,
	// animation or voice whose caption is the tip's header: the whole tip.
	kindCaptioned = "captioned copy"
	// kindHeader is a header alone, before an album, a video note or
	// content too long for one message.
	kindHeader = "header"
	// kindCopy is a copy or forward that names no tip: the content after
	// a header.
	kindCopy    = "copy"
	kindSummary = "summary"
	kindOther   = "other"
)

// groupKind classifies a bot message in the group that names tips tips.
func groupKind(m telegramtest.Message, tips int) string {
	copied := m.Source.Method != "sendMessage"
	first, _, _ := strings.Cut(body(m), "\n")
	summary := strings.Contains(first, "Ringkasan") || strings.Contains(first, "Summary")
	switch {
	case copied && tips == 1:
		return kindCaptioned
	case copied:
		return kindCopy // copyMessage(s) or forwardMessage(s)
	case tips == 1 && !summary && quotes(m):
		return kindTextTip
	case tips == 1 && !summary:
		return kindHeader
	case tips >= 1 && summary:
		return kindSummary
	}
	return kindOther
}

// body returns the text of m, or its caption when it has media.
func body(m telegramtest.Message) string {
	if m.Text != "" {
		return m.Text
	}
	return m.Caption
}

// quotes reports whether m quotes something, as a text tip quotes the
// staff's text under its header.
func quotes(m telegramtest.Message) bool {
	for _, e := range m.Entities {
		if e.Type == "blockquote" || e.Type == "expandable_blockquote" {
			return true
		}
	}
	return false
}

func (g *groupTracker) status() string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return fmt.Sprintf("%d group messages name %d of %d tips (first missing: %v)",
		g.seen, g.tips.n, g.tips.want, g.tips.missing(5))
}

// spread summarises durations.
type spread struct {
	Min  time.Duration `json:"min_ns"`
	Mean time.Duration `json:"mean_ns"`
	Max  time.Duration `json:"max_ns"`
}

// spacing returns the spread of times[i] − times[i−k] over the times.
func spacing(times []time.Time, k int) spread {
	var s spread
	var sum time.Duration
	for i := k; i < len(times); i++ {
		d := times[i].Sub(times[i-k])
		if i == k || d < s.Min {
			s.Min = d
		}
		s.Max = max(s.Max, d)
		sum += d
	}
	if n := len(times) - k; n > 0 {
		s.Mean = sum / time.Duration(n)
	}
	return s
}
