package telegramtest

import (
	"fmt"
	"time"
)

// RateLimits bounds how many messages the bot may produce per window, like
// Telegram's flood control. A zero count means unlimited. A zero window
// defaults to a minute for groups and a second otherwise. Groups include
// supergroups and channels. Every message produced counts: copyMessages of
// five messages uses five slots.
//
// A refused call answers 429 with retry_after set to the whole seconds until
// enough slots free up, at least 1; with windows scaled below a second the
// advice is therefore always 1 second, longer than needed.
type RateLimits struct {
	GroupPerWindow   int
	GroupWindow      time.Duration
	PrivatePerWindow int
	PrivateWindow    time.Duration
	Global           int
	GlobalWindow     time.Duration
}

type rateState struct {
	limits     RateLimits
	global     []time.Time
	perChat    map[int64][]time.Time
	violations int
}

func newRateState() rateState { return rateState{perChat: make(map[int64][]time.Time)} }

// SetRateLimits replaces the limits and forgets past sends; the default is
// unlimited.
func (s *Server) SetRateLimits(l RateLimits) {
	if l.GroupWindow == 0 {
		l.GroupWindow = time.Minute
	}
	if l.PrivateWindow == 0 {
		l.PrivateWindow = time.Second
	}
	if l.GlobalWindow == 0 {
		l.GlobalWindow = time.Second
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rate = newRateState()
	s.rate.limits = l
}

// RateLimitViolations returns how many calls were refused with 429 by the
// rate limits (injected faults not included).
func (s *Server) RateLimitViolations() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rate.violations
}

// takeRateLocked books n messages to chat, or returns the 429 to answer.
func (s *Server) takeRateLocked(chat Chat, n int) *apiError {
	rs := &s.rate
	now := time.Now()
	limit, window := rs.limits.PrivatePerWindow, rs.limits.PrivateWindow
	if chat.Type != ChatPrivate {
		limit, window = rs.limits.GroupPerWindow, rs.limits.GroupWindow
	}
	rs.global = prune(rs.global, now, rs.limits.GlobalWindow)
	rs.perChat[chat.ID] = prune(rs.perChat[chat.ID], now, window)
	wait := max(waitFor(rs.global, n, rs.limits.Global, rs.limits.GlobalWindow, now),
		waitFor(rs.perChat[chat.ID], n, limit, window, now))
	if wait > 0 {
		rs.violations++
		secs := max(1, int((wait+time.Second-1)/time.Second))
		s.notifyLocked()
		return &apiError{code: 429, desc: fmt.Sprintf("Too Many Requests: retry after %d", secs), retryAfter: secs}
	}
	for range n {
		rs.global = append(rs.global, now)
		rs.perChat[chat.ID] = append(rs.perChat[chat.ID], now)
	}
	return nil
}

// prune drops send times older than window.
func prune(ts []time.Time, now time.Time, window time.Duration) []time.Time {
	i := 0
	for i < len(ts) && now.Sub(ts[i]) >= window {
		i++
	}
	return ts[i:]
}

// waitFor returns how long until n more sends fit under limit, 0 if now.
func waitFor(ts []time.Time, n, limit int, window time.Duration, now time.Time) time.Duration {
	if limit <= 0 || len(ts)+n <= limit {
		return 0
	}
	idx := len(ts) + n - limit - 1
	if idx >= len(ts) {
		return window
	}
	return ts[idx].Add(window).Sub(now)
}
