package relay

import (
	"sync"
	"time"
)

// Limit allows at most N messages in any rolling window of length Per. A
// zero N or Per means no limit.
type Limit struct {
	N   int
	Per time.Duration
}

func (l Limit) off() bool { return l.N <= 0 || l.Per <= 0 }

// Limits are the rates Telegram asks bots to keep (its bots FAQ): about 20
// messages a minute to one group, about one a second to one private chat,
// about 30 a second overall.
type Limits struct {
	Group   Limit
	Private Limit
	Global  Limit
}

// pacer books sends against rolling windows per chat and overall. A
// booking is made when a send starts, so that concurrent sends cannot
// overbook, and settled to the time the send finished: Telegram counts a
// message when it receives it, which is after the send started, and a
// window measured from the start would free a slot too early.
type pacer struct {
	mu     sync.Mutex
	limits Limits
	chats  map[int64][]time.Time // send times per chat, ascending
	all    []time.Time
}

func newPacer(l Limits) *pacer {
	return &pacer{limits: l, chats: make(map[int64][]time.Time)}
}

// limitFor returns the limit of a chat: negative ids are groups, supergroups
// and channels; positive ids are users' private chats.
func (p *pacer) limitFor(chatID int64) Limit {
	if chatID < 0 {
		return p.limits.Group
	}
	return p.limits.Private
}

// reserve books n messages to chat at now and returns 0, or books nothing
// and returns how long until they would fit every limit.
func (p *pacer) reserve(chatID int64, n int, now time.Time) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	chat := p.limitFor(chatID)
	p.chats[chatID] = prune(p.chats[chatID], chat, now)
	p.all = prune(p.all, p.limits.Global, now)
	if wait := max(waitFor(p.chats[chatID], n, chat, now), waitFor(p.all, n, p.limits.Global, now)); wait > 0 {
		return wait
	}
	for range n {
		p.chats[chatID] = append(p.chats[chatID], now)
		p.all = append(p.all, now)
	}
	return 0
}

// peek returns how long until n messages to chat would fit, booking nothing.
func (p *pacer) peek(chatID int64, n int, now time.Time) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	chat := p.limitFor(chatID)
	p.chats[chatID] = prune(p.chats[chatID], chat, now)
	p.all = prune(p.all, p.limits.Global, now)
	return max(waitFor(p.chats[chatID], n, chat, now), waitFor(p.all, n, p.limits.Global, now))
}

// record adds n past sends to chat at t, as read back from the outbox
// after a restart. Calls must come in time order.
func (p *pacer) record(chatID int64, n int, t time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for range n {
		p.chats[chatID] = append(p.chats[chatID], t)
		p.all = append(p.all, t)
	}
}

// unbook removes n bookings of chat made at booked, for a send that did
// not happen.
func (p *pacer) unbook(chatID int64, n int, booked time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.chats[chatID] = drop(p.chats[chatID], n, booked)
	p.all = drop(p.all, n, booked)
}

// drop removes up to n entries equal to t.
func drop(ts []time.Time, n int, t time.Time) []time.Time {
	for i := len(ts) - 1; i >= 0 && n > 0; i-- {
		if ts[i].Equal(t) {
			ts = append(ts[:i], ts[i+1:]...)
			n--
		}
	}
	return ts
}

// settle moves n bookings of chat made at booked to done.
func (p *pacer) settle(chatID int64, n int, booked, done time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.chats[chatID] = move(p.chats[chatID], n, booked, done)
	p.all = move(p.all, n, booked, done)
}

// move removes up to n entries equal to from and inserts n entries at to,
// keeping ts sorted. All n are inserted even when fewer were found: a send
// that outlasted the window had its booking pruned meanwhile, and it still
// counts from when it completed.
func move(ts []time.Time, n int, from, to time.Time) []time.Time {
	ts = drop(ts, n, from)
	for range n {
		i := len(ts)
		for i > 0 && ts[i-1].After(to) {
			i--
		}
		ts = append(ts, time.Time{})
		copy(ts[i+1:], ts[i:])
		ts[i] = to
	}
	return ts
}

// prune drops the send times that left the window.
func prune(ts []time.Time, l Limit, now time.Time) []time.Time {
	if l.off() {
		return ts[:0]
	}
	i := 0
	for i < len(ts) && !ts[i].Add(l.Per).After(now) {
		i++
	}
	return ts[i:]
}

// waitFor returns how long until n more sends fit under l, 0 if now. A
// send larger than the whole limit (an album of 10 to a chat allowed 1 a
// second) waits for an empty window and then goes alone.
func waitFor(ts []time.Time, n int, l Limit, now time.Time) time.Duration {
	if l.off() || len(ts)+n <= l.N {
		return 0
	}
	if n >= l.N {
		if len(ts) == 0 {
			return 0
		}
		return ts[len(ts)-1].Add(l.Per).Sub(now)
	}
	// The oldest len(ts)+n-N entries must leave the window.
	return ts[len(ts)+n-l.N-1].Add(l.Per).Sub(now)
}
