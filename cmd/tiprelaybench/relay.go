package main

import (
	"context"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// groupPerWindow is Telegram's per-group limit: 20 messages a minute,
// here 20 per the scaled window.
const groupPerWindow = 20

// relayName names one run of the relay scenario.
func relayName(coalesce bool) string {
	if coalesce {
		return "relay, coalescing on"
	}
	return "relay, coalescing off"
}

// scaledLimits returns Telegram's limits with the group's minute scaled to
// window and the per-second limits scaled by the same factor.
func scaledLimits(window time.Duration) telegramtest.RateLimits {
	second := window / 60
	return telegramtest.RateLimits{
		GroupPerWindow: groupPerWindow, GroupWindow: window,
		PrivatePerWindow: 1, PrivateWindow: second,
		Global: 30, GlobalWindow: second,
	}
}

// albumWindow returns the bot's quiet time after the last part of an
// album, 2 s by default, scaled like the group's minute, so that waiting
// for an album weighs against the window as it does in production (2 s of
// a minute) rather than as several windows; it is at least 20ms, as the
// emulator delivers an album's parts at once.
func albumWindow(window time.Duration) time.Duration {
	return max((2 * time.Second * window / time.Minute).Round(time.Millisecond), 20*time.Millisecond)
}

// relay runs the relay scenario once, with coalescing on or off: a backlog
// of text tips, each one message in the group (its header with the text
// quoted), so that the minimum is that of Tips messages.
func (b *bench) relay(ctx context.Context, coalesce bool) (groupResult, error) {
	n := b.opts.relayTips
	load := backlog{tips: n, minimum: minimumFor(n, b.opts.window),
		inject: func(srv *telegramtest.Server, users []telegramtest.User) injection {
			return injectAll(srv, users, tipMessages(n), 1)
		}}
	return b.groupRun(ctx, relayName(coalesce), coalesce, staffUsers(b.opts.relayUsers), load)
}
