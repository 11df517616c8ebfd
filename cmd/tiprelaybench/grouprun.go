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

// The relay and mix scenarios share one run: staff users send a backlog of
// tips as fast as the emulator takes them, the bot relays them to the
// police group under the group's limit, and the group tracker records
// what arrived there and when.

// groupResult is what one run against the police group measured.
// Makespan and Info count from the first injection, which is no later than
// the first tip being stored, so they slightly overstate the bot's own
// time.
type groupResult struct {
	Coalesce bool          `json:"coalesce"`
	Tips     int           `json:"tips"`
	Window   time.Duration `json:"window_ns"`
	// Minimum is the theoretical minimum makespan of the messages the
	// tips need when each is relayed on its own (see minimumFor).
	Minimum time.Duration `json:"minimum_ns"`
	// Makespan is until the last group message, once nothing is pending
	// for the group in the bot's outbox: every tip is wholly in the group.
	Makespan time.Duration `json:"makespan_ns"`
	// FirstGroup is when the first group message appeared.
	FirstGroup time.Duration `json:"first_group_message_ns"`
	// Info is until every tip number 1..Tips was named in the group
	// (in a header, a caption or a summary).
	Info          time.Duration `json:"info_ns"`
	GroupMessages int           `json:"group_messages"`
	// Kinds counts the group messages by kind (see groupKind).
	Kinds map[string]int `json:"group_message_kinds"`
	// Found is how many of the tips 1..Tips the group messages named, and
	// Stray how many group messages named a tip outside 1..Tips (a tip the
	// bot made of part of another, such as one item of an album).
	Found int `json:"tips_found"`
	Stray int `json:"stray_tip_names"`
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
func (r groupResult) ratio(d time.Duration) float64 {
	if r.Minimum <= 0 {
		return 0
	}
	return d.Seconds() / r.Minimum.Seconds()
}

// perTip returns the group messages per tip.
func (r groupResult) perTip() float64 {
	if r.Tips == 0 {
		return 0
	}
	return float64(r.GroupMessages) / float64(r.Tips)
}

// minimumFor returns the theoretical minimum makespan of messages group
// messages at groupPerWindow per window: the first batch goes out at once,
// the last ceil(messages/20)−1 windows later.
func minimumFor(messages int, window time.Duration) time.Duration {
	windows := max((messages+groupPerWindow-1)/groupPerWindow-1, 0)
	return time.Duration(windows) * window
}

// backlog is what a group run sends: tips tips (numbered 1..tips by the
// bot), sent by inject from users, and the minimum makespan of the
// messages they need.
type backlog struct {
	tips    int
	minimum time.Duration
	inject  func(srv *telegramtest.Server, users []telegramtest.User) injection
}

// groupRun starts the bot with the group's limit scaled to the window and
// coalescing on or off, has users send the backlog, and waits until every
// tip is named in the group and nothing is pending for it.
func (b *bench) groupRun(ctx context.Context, name string, coalesce bool, users []telegramtest.User, load backlog) (groupResult, error) {
	w := b.opts.window
	res := groupResult{Coalesce: coalesce, Tips: load.tips, Window: w, Minimum: load.minimum}
	r := newRig()
	defer r.close()
	lim := scaledLimits(w)
	r.srv.SetRateLimits(lim)
	group := newGroupTracker(r.srv, load.tips)
	url := r.listen(group.observe)
	dir, err := b.scratch("group")
	if err != nil {
		return res, err
	}
	dbPath := filepath.Join(dir, "data", "tiprelay.db")
	onOff := map[bool]string{false: "off", true: "on"}[coalesce]
	env := b.botEnv(url, dbPath, users,
		fmt.Sprintf("TIPRELAY_GROUP_RATE=%d/%s", lim.GroupPerWindow, lim.GroupWindow),
		fmt.Sprintf("TIPRELAY_CHAT_RATE=%d/%s", lim.PrivatePerWindow, lim.PrivateWindow),
		fmt.Sprintf("TIPRELAY_GLOBAL_RATE=%d/%s", lim.Global, lim.GlobalWindow),
		"TIPRELAY_ALBUM_WINDOW="+albumWindow(w).String(),
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

	b.progress("%s: injecting %d tips from %d users, group limit %d per %v", name, load.tips, len(users), groupPerWindow, w)
	inj := load.inject(r.srv, users)
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
	res.Found, res.Stray = int(group.tips.n), group.stray
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
