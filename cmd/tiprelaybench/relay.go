package main

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"time"

	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// groupPerWindow is Telegram's per-group limit: 20 messages a minute,
// here 20 per the scaled window.
const groupPerWindow = 20

// relayResult is what one run of the relay scenario measured. Makespan and
// Info count from the first injection, which is no later than the first
// tip being stored, so they slightly overstate the bot's own time.
type relayResult struct {
	Coalesce bool          `json:"coalesce"`
	Tips     int           `json:"tips"`
	Window   time.Duration `json:"window_ns"`
	// Minimum is the theoretical minimum makespan of 2×Tips messages
	// (header and copy per tip) at groupPerWindow per Window: the first
	// batch goes out at once, the last ceil(2×Tips/20)−1 windows later.
	Minimum time.Duration `json:"minimum_ns"`
	// Makespan is until the last group message, once nothing is pending
	// for the group in the bot's outbox.
	Makespan time.Duration `json:"makespan_ns"`
	// FirstGroup is when the first group message appeared.
	FirstGroup time.Duration `json:"first_group_message_ns"`
	// Info is until every tip number 1..Tips was named in the group
	// (in a header or a summary).
	Info          time.Duration `json:"info_ns"`
	GroupMessages int           `json:"group_messages"`
	// Kinds counts the group messages by kind: header, summary, copy
	// and other.
	Kinds map[string]int `json:"group_message_kinds"`
	// Spacing is how far apart messages groupPerWindow apart in the
	// group were: Window at best under a sliding window.
	Spacing spread `json:"spacing"`
	// Others are the first texts of group messages of kind other.
	Others     []string      `json:"other_group_messages,omitempty"`
	Violations int           `json:"rate_limit_violations"`
	CPU        time.Duration `json:"cpu_ns"`
	Warnings   int           `json:"log_warnings"`
	Errors     int           `json:"log_errors"`
	// LogLines are the first warning and error lines of the bot.
	LogLines []string `json:"log_lines,omitempty"`
	// Load is what other processes on the machine used meanwhile.
	Load otherLoad `json:"other_load"`
	OK   bool      `json:"ok"`
}

// ratio returns d divided by the theoretical minimum.
func (r relayResult) ratio(d time.Duration) float64 {
	if r.Minimum <= 0 {
		return 0
	}
	return d.Seconds() / r.Minimum.Seconds()
}

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

// relay runs the relay scenario once, with coalescing on or off.
func (b *bench) relay(ctx context.Context, coalesce bool) (relayResult, error) {
	name := relayName(coalesce)
	n, w := b.opts.relayTips, b.opts.window
	windows := (2*n+groupPerWindow-1)/groupPerWindow - 1
	res := relayResult{Coalesce: coalesce, Tips: n, Window: w, Minimum: time.Duration(windows) * w}
	r := newRig()
	defer r.close()
	lim := scaledLimits(w)
	r.srv.SetRateLimits(lim)
	group := newGroupTracker(r.srv, n)
	url := r.listen(group.observe)
	dir, err := b.scratch("relay")
	if err != nil {
		return res, err
	}
	dbPath := filepath.Join(dir, "data", "tiprelay.db")
	onOff := map[bool]string{false: "off", true: "on"}[coalesce]
	users := staffUsers(b.opts.relayUsers)
	env := b.botEnv(url, dbPath, users,
		fmt.Sprintf("TIPRELAY_GROUP_RATE=%d/%s", lim.GroupPerWindow, lim.GroupWindow),
		fmt.Sprintf("TIPRELAY_CHAT_RATE=%d/%s", lim.PrivatePerWindow, lim.PrivateWindow),
		fmt.Sprintf("TIPRELAY_GLOBAL_RATE=%d/%s", lim.Global, lim.GlobalWindow),
		"TIPRELAY_COALESCE="+onOff)
	if err := r.start(ctx, "tiprelay", b.bin, nil, env, dir); err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	// The bot has created the schema; the benchmark reads its outbox to
	// learn when the group has nothing left to receive.
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	defer db.Close()
	outbox := sqlite.NewOutboxStore(db)

	b.progress("%s: injecting %d tips from %d users, group limit %d per %v", name, n, len(users), groupPerWindow, w)
	inj := injectAll(r.srv, users, tipMessages(n), 1)
	if err := await(ctx, r.child, group.info, b.opts.timeout, group.status); err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	if err := waitDrained(ctx, r.child, outbox, b.opts.timeout); err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	group.mu.Lock()
	res.Info = group.infoAt.Sub(inj.Start)
	res.Makespan = group.last.Sub(inj.Start)
	res.FirstGroup = group.first.Sub(inj.Start)
	res.GroupMessages = group.seen
	res.Kinds = maps.Clone(group.kinds)
	res.Others = slices.Clone(group.others)
	res.Spacing = spacing(group.times, groupPerWindow)
	group.mu.Unlock()
	res.Violations = r.srv.RateLimitViolations()
	b.progress("%s: %d group messages, last after %v, %d 429s", name, res.GroupMessages,
		res.Makespan.Round(time.Millisecond), res.Violations)
	res.CPU, err = r.child.stop(stopTimeout)
	res.Warnings, res.Errors, res.LogLines = r.child.stderr.counts()
	if err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	res.OK = true
	return res, nil
}

// waitDrained polls the bot's outbox until nothing is pending for the
// group any more.
func waitDrained(ctx context.Context, c *child, outbox *sqlite.OutboxStore, d time.Duration) error {
	deadline := time.Now().Add(d)
	target := tip.Target{ChatID: groupID}
	for {
		rows, err := outbox.Pending(ctx, target, 1)
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("gave up after %v: group messages still pending (oldest: outbox row %d, %d attempts, last error %q): %w%s",
				d, rows[0].ID, rows[0].Attempts, rows[0].LastError, errDeadline, c.logs())
		}
		select {
		case <-c.exited:
			return fmt.Errorf("%s exited (%v) with group messages pending%s", c.name, c.err, c.logs())
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}
