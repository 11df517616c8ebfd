package main

import (
	"fmt"
	"strconv"
	"time"
)

// addRepeats adds the figures of one run of the repeats scenario, and,
// after the run with folding when the run without it succeeded, what
// folding saved.
func (r *report) addRepeats(res repeatsResult) {
	if !res.OK {
		return
	}
	r.Repeats = append(r.Repeats, res)
	s := repeatsName(res.Fold)
	c := res.Counts
	originals, repeats := c.originals(), c.repeats()
	r.info(s, "messages in the Polda chat: sends + edits",
		fmt.Sprintf("%d + %d = %d", res.Sends, res.Edits, res.messages()))
	r.info(s, fmt.Sprintf("last original in the group, ÷ minimum of one message per original (%d per %v, minimum %s)",
		groupPerWindow, res.Window, secs(res.Minimum)),
		fmt.Sprintf("%s (%.3f; %s at Telegram's pace)", secs(res.OriginalsIn), ratioOf(res.OriginalsIn, res.Minimum), unscaled(res.OriginalsIn, res.Window)))
	if res.Fold {
		r.figure(s, "every original in the group exactly once, no repeat's content",
			fmt.Sprintf("%d of %d once; %d repeats' content; %d other sends", res.OriginalsOnce, originals, res.RepeatContent, res.OtherSends),
			"all; 0; 0", res.OriginalsOnce == originals && res.RepeatContent == 0 && res.OtherSends == 0)
		r.figure(s, "repeats folded into their original; headers counting the reports",
			fmt.Sprintf("%d of %d (%d wrong); %d of %d", res.Folded, repeats, res.WrongFolds, res.CountsRight, originals),
			"all; all", res.Folded == repeats && res.WrongFolds == 0 && res.CountsRight == originals)
	} else {
		r.figure(s, "every tip in the group, none folded",
			fmt.Sprintf("%d of %d originals, %d of %d repeats with content of their own; %d folded",
				res.OriginalsFound, originals, res.RepeatContent, c.Own, res.WrongFolds),
			"all; all; 0", res.OriginalsFound == originals && res.RepeatContent == c.Own && res.WrongFolds == 0 && res.CountsRight == originals)
	}
	r.figure(s, "429s provoked", strconv.Itoa(res.Violations), "0", res.Violations == 0)
	r.detail("%s: %d tips from staff: %v; %d group sends (%s), %d edits (%d failed); last original after %s, last group message after %s; "+
		"tiprelay used %s CPU; %d warning and %d error log lines",
		s, res.Tips, c, res.Sends, kinds(res.SendsByMethod), res.Edits, res.FailedEdits, secs(res.OriginalsIn), secs(res.Makespan),
		secs(res.CPU), res.Warnings, res.Errors)
	for _, p := range res.Problems {
		r.detail("%s: %s", s, p)
	}
	r.logLines(s, res.LogLines)
	r.detail("%s: %v", s, res.Load)
	if res.Fold {
		for _, off := range r.Repeats {
			if !off.Fold {
				r.addRepeatsSaved(off, res)
				break
			}
		}
	}
}

// addRepeatsSaved adds what folding saved in the Polda chat: on is the run
// with folding, off the run without.
func (r *report) addRepeatsSaved(off, on repeatsResult) {
	const s = "repeats, saved"
	saved := off.messages() - on.messages()
	r.info(s, fmt.Sprintf("messages in the Polda chat, folding off → on (%d repeats in %d tips)", on.Counts.repeats(), on.Tips),
		fmt.Sprintf("%d → %d: %d saved (%.0f%%; %.2f per repeat)", off.messages(), on.messages(), saved,
			100*float64(saved)/float64(max(off.messages(), 1)), float64(saved)/float64(max(on.Counts.repeats(), 1))))
	r.info(s, "last original in the group, folding off → on",
		fmt.Sprintf("%s → %s (%s → %s at Telegram's pace)", secs(off.OriginalsIn), secs(on.OriginalsIn),
			unscaled(off.OriginalsIn, off.Window), unscaled(on.OriginalsIn, on.Window)))
	r.detail("%s: the window is Telegram's minute scaled to %v, like the relay and mix scenarios; "+
		"at Telegram's pace a second here is %v. Coalescing is off in both runs, so that each original is one message and "+
		"the figures show what folding alone saves; an edit counts against the group's rate like a send in the bot's pacing",
		s, on.Window, (time.Minute / on.Window * time.Second).String())
}

// ratioOf returns d ÷ minimum, 0 when there is no minimum.
func ratioOf(d, minimum time.Duration) float64 {
	if minimum <= 0 {
		return 0
	}
	return d.Seconds() / minimum.Seconds()
}

// unscaled returns d measured under the group's minute scaled to window as
// it would be under Telegram's real minute, in minutes ("17.3 min").
func unscaled(d, window time.Duration) string {
	return fmt.Sprintf("%.1f min", d.Seconds()/window.Seconds())
}
