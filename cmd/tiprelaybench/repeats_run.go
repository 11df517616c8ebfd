package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// repeatsResult is what one run of the repeats scenario measured in the
// Polda chat. Times count from the first injection, as in the other group
// runs.
type repeatsResult struct {
	// Fold is whether repeats were folded (TIPRELAY_DUPLICATE_WINDOW left
	// at its default) or not (off).
	Fold   bool          `json:"fold"`
	Tips   int           `json:"tips"`
	Counts burstCounts   `json:"burst"`
	Window time.Duration `json:"window_ns"`
	// Minimum is the theoretical minimum makespan of one message per
	// original (see minimumFor).
	Minimum time.Duration `json:"minimum_ns"`
	// Sends are the new messages the bot put in the group, Edits the
	// edits of its messages there that succeeded (FailedEdits those that
	// did not). SendsByMethod splits Sends by Bot API method.
	Sends         int            `json:"sends"`
	Edits         int            `json:"edits"`
	FailedEdits   int            `json:"failed_edits"`
	SendsByMethod map[string]int `json:"sends_by_method"`
	// OriginalsIn is until the last original's content first reached the
	// group; Makespan until the last send or edit there, once nothing
	// was pending for the group in the bot's outbox.
	OriginalsIn time.Duration `json:"originals_in_ns"`
	Makespan    time.Duration `json:"makespan_ns"`
	// Content: how many originals reached the group at all and exactly
	// once, how many repeats brought content of their own there
	// (a link in another form, a photo with a new caption), and the
	// sends that carried no content of the burst (replies, notices).
	OriginalsFound int `json:"originals_found"`
	OriginalsOnce  int `json:"originals_once"`
	RepeatContent  int `json:"repeats_with_content_in_group"`
	OtherSends     int `json:"other_sends"`
	// Folded is how many repeats the bot stored as a report of the right
	// original (DuplicateOf), WrongFolds how many tips it folded that it
	// should not have or into the wrong original, and CountsRight how many
	// originals' headers in the group count their reports as planned
	// («Dilaporkan N×», nothing for a tip reported once).
	Folded      int `json:"repeats_folded"`
	WrongFolds  int `json:"wrong_folds"`
	CountsRight int `json:"report_counts_right"`
	// Problems are the first few things found wrong, for the details.
	Problems   []string      `json:"problems,omitempty"`
	Violations int           `json:"rate_limit_violations"`
	CPU        time.Duration `json:"cpu_ns"`
	Warnings   int           `json:"log_warnings"`
	Errors     int           `json:"log_errors"`
	LogLines   []string      `json:"log_lines,omitempty"`
	Load       otherLoad     `json:"other_load"`
	OK         bool          `json:"ok"`
}

// messages returns the group messages of the run, sends and edits.
func (r repeatsResult) messages() int { return r.Sends + r.Edits }

// repeatsName names one run of the repeats scenario.
func repeatsName(fold bool) string {
	if fold {
		return "repeats, folded (default window)"
	}
	return "repeats, folding off"
}

// repeats runs the repeats scenario once, with repeats folded (the
// default TIPRELAY_DUPLICATE_WINDOW) or not. Coalescing is off in both
// runs, so that each original is one message and what folding saves is
// not mixed with what summaries save; OCR is off, as no tip of the burst
// needs it (see repeats.go).
func (b *bench) repeats(ctx context.Context, fold bool) (repeatsResult, error) {
	name := repeatsName(fold)
	plan := newBurst(b.opts.repeatsTips)
	w := b.opts.window
	res := repeatsResult{Fold: fold, Tips: len(plan), Counts: plan.counts(), Window: w}
	res.Minimum = minimumFor(res.Counts.originals(), w)
	r := newRig()
	defer r.close()
	lim := scaledLimits(w)
	r.srv.SetRateLimits(lim)
	track := newRepeatsTracker(r.srv, plan)
	url := r.listen(track.observe)
	dir, err := b.scratch("repeats")
	if err != nil {
		return res, err
	}
	dbPath := filepath.Join(dir, "data", "tiprelay.db")
	users := staffUsers(b.opts.repeatsUsers)
	env := b.botEnv(url, dbPath, users,
		fmt.Sprintf("TIPRELAY_GROUP_RATE=%d/%s", lim.GroupPerWindow, lim.GroupWindow),
		fmt.Sprintf("TIPRELAY_CHAT_RATE=%d/%s", lim.PrivatePerWindow, lim.PrivateWindow),
		fmt.Sprintf("TIPRELAY_GLOBAL_RATE=%d/%s", lim.Global, lim.GlobalWindow),
		"TIPRELAY_ALBUM_WINDOW="+albumWindow(w).String(),
		"TIPRELAY_COALESCE=off",
		"TIPRELAY_OCR=off")
	if !fold {
		env = append(env, "TIPRELAY_DUPLICATE_WINDOW=off")
	}
	if err := r.start(ctx, "tiprelay", b.bin, nil, env, dir); err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	defer db.Close()

	b.progress("%s: injecting %d tips (%v) from %d users, group limit %d per %v",
		name, len(plan), res.Counts, len(users), groupPerWindow, w)
	inj, stored := injectBurst(r.srv, users, plan)
	if err := await(ctx, r.child, track.done, b.opts.timeout, track.status); err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	// Every tip is stored, with what it owes the group, before the
	// outbox can be taken as drained.
	last := stored[len(stored)-1]
	if err := waitStored(ctx, r.child, sqlite.NewTipStore(db), last.Chat.ID, last.MessageID, b.opts.timeout); err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	if err := waitDrained(ctx, r.child, sqlite.NewOutboxStore(db), b.opts.timeout); err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	res.OriginalsIn = track.originalsIn().Sub(inj.Start)
	res.Violations = r.srv.RateLimitViolations()
	res.CPU, err = r.child.stop(stopTimeout)
	res.Warnings, res.Errors, res.LogLines = r.child.stderr.counts()
	if err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	lastAt := track.lastSend()
	res.countEdits(r.srv.Calls(), &lastAt)
	res.Makespan = lastAt.Sub(inj.Start)
	res.readGroup(plan, stored, r.srv.BotMessages(groupID))
	if err := res.readFolds(ctx, db, plan, stored); err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	b.progress("%s: %d sends and %d edits in the group, last original after %v, last message after %v, %d 429s",
		name, res.Sends, res.Edits, res.OriginalsIn.Round(time.Millisecond), res.Makespan.Round(time.Millisecond), res.Violations)
	res.OK = true
	return res, nil
}

// countEdits counts the edits of group messages among calls and moves
// last to the end of the latest.
func (r *repeatsResult) countEdits(calls []telegramtest.Call, last *time.Time) {
	group := strconv.FormatInt(groupID, 10)
	for _, c := range calls {
		if !strings.HasPrefix(c.Method, "editMessage") || c.Params["chat_id"] != group {
			continue
		}
		if c.Status != 200 {
			r.FailedEdits++
			continue
		}
		r.Edits++
		if end := c.Time.Add(c.Duration); end.After(*last) {
			*last = end
		}
	}
}

// waitStored polls store until the tip of message (chatID, messageID)
// exists.
func waitStored(ctx context.Context, c *child, store *sqlite.TipStore, chatID, messageID int64, d time.Duration) error {
	deadline := time.Now().Add(d)
	for {
		_, err := store.ByMessage(ctx, chatID, messageID)
		if err == nil {
			return nil
		}
		if !errors.Is(err, tip.ErrNotFound) {
			return err
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("gave up after %v: the last tip of the burst is not stored: %w%s", d, errDeadline, c.logs())
		}
		select {
		case <-c.exited:
			return fmt.Errorf("%s exited (%v) before the last tip was stored%s", c.name, c.err, c.logs())
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}
