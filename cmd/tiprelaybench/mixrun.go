package main

import (
	"context"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// mixResult is what one run of the mix scenario measured, with what the
// same mix needs now and needed before, computed from its counts.
type mixResult struct {
	groupResult
	Counts mixCounts `json:"mix"`
	// Expected is the group messages the mix needs with coalescing off,
	// and Before what it needed before a tip became one message.
	Expected int `json:"expected_group_messages"`
	Before   int `json:"group_messages_before"`
	// PostsAfter and PostsBefore count an album as one post.
	PostsAfter  int `json:"posts_after"`
	PostsBefore int `json:"posts_before"`
	// MinimumBefore is the minimum makespan of Before messages.
	MinimumBefore time.Duration `json:"minimum_before_ns"`
}

// mixName names one run of the mix scenario.
func mixName(coalesce bool) string {
	if coalesce {
		return "mix, coalescing on"
	}
	return "mix, coalescing off"
}

// mix runs the mix scenario once, with coalescing on or off.
func (b *bench) mix(ctx context.Context, coalesce bool) (mixResult, error) {
	c := newMixCounts(b.opts.mixTips)
	w := b.opts.window
	res := mixResult{Counts: c, Expected: c.messagesAfter(), Before: c.messagesBefore(),
		PostsAfter: c.postsAfter(), PostsBefore: c.postsBefore(),
		MinimumBefore: minimumFor(c.messagesBefore(), w)}
	order := mixOrder(c)
	load := backlog{tips: c.tips(), minimum: minimumFor(res.Expected, w),
		inject: func(srv *telegramtest.Server, users []telegramtest.User) injection {
			return injectMix(srv, users, order)
		}}
	var err error
	res.groupResult, err = b.groupRun(ctx, mixName(coalesce), coalesce, staffUsers(b.opts.relayUsers), load)
	return res, err
}
