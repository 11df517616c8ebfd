package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// repeatsTracker follows the police group during a repeats run: when each
// original's content first arrived there (by its marker) and when the bot
// last sent a message there.
type repeatsTracker struct {
	srv     *telegramtest.Server
	plan    burst
	mu      sync.Mutex
	seen    int         // bot messages in the group so far
	arrived []time.Time // first arrival of each original's marker
	missing int         // originals not arrived yet
	last    time.Time   // the latest group send
	allIn   time.Time   // when the last original arrived
	done    chan struct{}
}

func newRepeatsTracker(srv *telegramtest.Server, plan burst) *repeatsTracker {
	return &repeatsTracker{srv: srv, plan: plan, arrived: make([]time.Time, len(plan)),
		missing: plan.counts().originals(), done: make(chan struct{})}
}

// observe reads the group's new messages after a call that may have sent
// some; it is a tap observer.
func (g *repeatsTracker) observe(a answer) {
	m := a.Method
	if !strings.HasPrefix(m, "send") && !strings.HasPrefix(m, "copy") && !strings.HasPrefix(m, "forward") {
		return // edits, answers, getFile: no new message
	}
	if a.Sent.Chat.ID > 0 {
		return // a message to a private chat
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	msgs := g.srv.BotMessages(groupID)
	if len(msgs) <= g.seen {
		return
	}
	g.last = a.At
	for _, msg := range msgs[g.seen:] {
		for _, i := range markedTips(body(msg)) {
			if i < len(g.plan) && !g.plan[i].repeat() && g.arrived[i].IsZero() {
				g.arrived[i] = a.At
				g.missing--
			}
		}
	}
	g.seen = len(msgs)
	if g.missing == 0 && g.allIn.IsZero() {
		g.allIn = a.At
		close(g.done)
	}
}

func (g *repeatsTracker) status() string {
	g.mu.Lock()
	defer g.mu.Unlock()
	var first []string
	for i, t := range g.plan {
		if !t.repeat() && g.arrived[i].IsZero() && len(first) < 5 {
			first = append(first, marker(i))
		}
	}
	return fmt.Sprintf("%d group messages; %d originals not in the group yet (first: %s)", g.seen, g.missing, strings.Join(first, ", "))
}

func (g *repeatsTracker) originalsIn() time.Time {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.allIn
}

func (g *repeatsTracker) lastSend() time.Time {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.last
}

// maxProblems bounds the problems a run lists.
const maxProblems = 5

func (r *repeatsResult) problem(format string, args ...any) {
	if len(r.Problems) < maxProblems {
		r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
	}
}

// readGroup reads the group's messages at the end of a run: the sends by
// method, whose content each carries (by marker, or by the file of an
// original's photo), and whether each original's header counts its
// reports as planned.
func (r *repeatsResult) readGroup(plan burst, stored, msgs []telegramtest.Message) {
	photoOf := map[string]int{} // file_unique_id of an original's photo -> the original
	for i, t := range plan {
		if !t.repeat() && len(stored[i].Photo) > 0 {
			photoOf[stored[i].Photo[len(stored[i].Photo)-1].FileUniqueID] = i
		}
	}
	r.Sends = len(msgs)
	r.SendsByMethod = map[string]int{}
	sends := make([]int, len(plan))    // group sends carrying each tip's content
	first := make([]string, len(plan)) // the current text of the first of them
	for _, m := range msgs {
		r.SendsByMethod[m.Source.Method]++
		tips := markedTips(body(m))
		if len(m.Photo) > 0 {
			if i, ok := photoOf[m.Photo[len(m.Photo)-1].FileUniqueID]; ok {
				tips = append(tips, i)
			}
		}
		slices.Sort(tips)
		tips = slices.Compact(tips)
		if len(tips) == 0 {
			r.OtherSends++
			r.problem("a group message carries no tip of the burst: %q", clip(body(m), 120))
		}
		for _, i := range tips {
			if i >= len(plan) {
				continue
			}
			if sends[i] == 0 {
				first[i] = body(m)
			}
			sends[i]++
		}
	}
	reports := plan.reports()
	for i, t := range plan {
		if t.repeat() {
			if sends[i] > 0 {
				r.RepeatContent++
				if r.Fold {
					r.problem("repeat %s (of %s) reached the group", marker(i), marker(t.Of))
				}
			}
			continue
		}
		if sends[i] > 0 {
			r.OriginalsFound++
		}
		if sends[i] == 1 {
			r.OriginalsOnce++
		} else if r.Fold {
			r.problem("original %s reached the group %d times", marker(i), sends[i])
		}
		want := 0
		if r.Fold && reports[i] > 1 {
			want = reports[i]
		}
		if got := reportCount(first[i]); got == want {
			r.CountsRight++
		} else if sends[i] > 0 {
			r.problem("the header of %s counts %d reports, want %d", marker(i), got, want)
		}
	}
}

// reportCount returns N of the «Dilaporkan N×» (or «Reported N×») a
// header holds, 0 when it holds none.
func reportCount(text string) int {
	for _, prefix := range []string{"Dilaporkan ", "Reported "} {
		_, rest, ok := strings.Cut(text, prefix)
		if !ok {
			continue
		}
		var n int
		if _, err := fmt.Sscanf(rest, "%d×", &n); err == nil {
			return n
		}
	}
	return 0
}

// readFolds reads in the bot's database which tips it stored as a report
// of which: with folding, each repeat of the plan of its original and
// nothing else; without, nothing.
func (r *repeatsResult) readFolds(ctx context.Context, db *sqlite.DB, plan burst, stored []telegramtest.Message) error {
	store := sqlite.NewTipStore(db)
	ids := make([]int64, len(plan))
	for i, t := range plan {
		got, err := store.ByMessage(ctx, stored[i].Chat.ID, stored[i].MessageID)
		if err != nil {
			return fmt.Errorf("tip %s: %w", marker(i), err)
		}
		ids[i] = got.ID
		var want int64
		if r.Fold && t.repeat() {
			want = ids[t.Of]
		}
		switch {
		case got.DuplicateOf != want:
			r.WrongFolds++
			r.problem("tip %s (%v, stored as %d) repeats tip %d, want %d", marker(i), t.Kind, got.ID, got.DuplicateOf, want)
		case want != 0:
			r.Folded++
		}
	}
	return nil
}
