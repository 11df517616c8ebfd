package main

import (
	"fmt"
	"maps"
	"strconv"
)

// targetPerTip is the target for the group messages per tip of
// the realistic mix. It is checked on posts, an album counted once: the
// design makes an album a header (which carries the police buttons, and an
// album cannot) plus the album, so counting each photo the mix's 5% of
// albums alone cost 0.20 per tip and no correct relay reaches 1.1.
const targetPerTip = 1.1

// addMix adds the figures of one run of the mix scenario.
func (r *report) addMix(res mixResult) {
	if !res.OK {
		return
	}
	r.Mix = append(r.Mix, res)
	s := mixName(res.Coalesce)
	c := res.Counts
	n := float64(res.Tips)
	if !res.Coalesce {
		perTip := res.perTip()
		posts := float64(res.PostsAfter) / n
		r.figure(s, fmt.Sprintf("posts per tip in the Polda chat, an album counted once, before → after (%d tips: %v)", res.Tips, c),
			fmt.Sprintf("%.2f → %.2f", float64(res.PostsBefore)/n, posts),
			fmt.Sprintf("≤ %.1f", targetPerTip), posts <= targetPerTip)
		r.info(s, "messages per tip, each photo of an album counted, before → after",
			fmt.Sprintf("%.2f → %.2f (%d → %d messages)", float64(res.Before)/n, perTip, res.Before, res.GroupMessages))
	}
	ratio := res.ratio(res.Makespan)
	r.figure(s, fmt.Sprintf("every tip wholly in the group after, ÷ minimum (%d per %v; minimum %s, before %s)",
		groupPerWindow, res.Window, secs(res.Minimum), secs(res.MinimumBefore)),
		fmt.Sprintf("%.3f (%s)", ratio, secs(res.Makespan)), fmt.Sprintf("≤ %.2f", targetMakespan), ratio <= targetMakespan)
	r.figure(s, "tips found in the group (headers, captions, summaries)",
		fmt.Sprintf("%d of %d", res.Found, res.Tips), "all", res.Found == res.Tips && res.Stray == 0)
	r.figure(s, "429s provoked", strconv.Itoa(res.Violations), "0", res.Violations == 0)
	note := ""
	if want := c.wantKinds(); !res.Coalesce && !maps.Equal(res.Kinds, want) {
		note = fmt.Sprintf(" (want %d: %s)", res.Expected, kinds(want))
	}
	if !res.Coalesce {
		r.detail("%s: before is computed from the old rule, not measured (the old binary cannot run here): "+
			"a header and a copy per tip, an album's copy one message per photo; %d messages, minimum %s. "+
			"After, as measured, a text tip or a copied forward is one message, a screenshot one captioned copy, "+
			"an album a header and %d photos: %d messages expected; the albums alone cost %.2f messages per tip. "+
			"The bot's album wait (TIPRELAY_ALBUM_WINDOW, 2 s of Telegram's minute) is scaled like the window: %v",
			s, res.Before, secs(res.MinimumBefore), albumSize, res.Expected, float64(c.Album*(1+albumSize))/n, albumWindow(res.Window))
	}
	r.groupDetails(s, res.groupResult, note)
}
