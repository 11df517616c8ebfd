package main

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A duplicate is a successful Bot API call that delivers again what an
// earlier one delivered: a header or summary naming a tip already named in
// the group, a copy or forward of staff messages already relayed, an ack
// of a tip already acknowledged. The only excuse for one is a crash between
// Telegram accepting the first call and the bot recording it, so each must
// straddle a SIGKILL: the first call arrived before a kill, the repeat
// after it.

// dupReport lists duplicates, split into those a kill explains and the
// rest, one line per repeating call.
type dupReport struct {
	group       int // repeating calls to the police group
	acks        int // repeating calls to staff chats
	explained   []string
	unexplained []string
}

// sentCall is one successful message-producing call.
type sentCall struct {
	index int // position in the emulator's record
	at    time.Time
	desc  string
}

// repeat is a call that delivered again something an earlier call did.
type repeat struct {
	call, prev sentCall
	what       []string
	group      bool
	explained  bool
}

// duplicates reads every successful message-producing call from the
// emulator's record and classifies repeats against the kill times.
func (w *faultWorld) duplicates(kills []time.Time) dupReport {
	type delivered struct {
		group bool
		what  string
	}
	byKey := map[delivered][]sentCall{}
	group := strconv.FormatInt(w.group.ID, 10)
	for i, c := range w.srv.Calls() {
		if c.Status != 200 {
			continue
		}
		chat := c.Params["chat_id"]
		call := sentCall{i, c.Time, fmt.Sprintf("%s to %s at %s", c.Method, chat, c.Time.Format("15:04:05.000"))}
		switch c.Method {
		case "copyMessage", "forwardMessage", "copyMessages", "forwardMessages":
			what := fmt.Sprintf("messages %s%s of %s", c.Params["message_id"], c.Params["message_ids"], c.Params["from_chat_id"])
			byKey[delivered{true, what}] = append(byKey[delivered{true, what}], call)
		case "sendMessage":
			text := c.Params["text"]
			switch {
			case chat == group && strings.HasPrefix(text, "📥"):
				for _, n := range tipNumbers(text) {
					k := delivered{true, fmt.Sprintf("tip #%d", n)}
					byKey[k] = append(byKey[k], call)
				}
			case chat != group:
				for _, n := range ackTips(text) {
					k := delivered{false, fmt.Sprintf("ack of #%d", n)}
					byKey[k] = append(byKey[k], call)
				}
			}
		}
	}
	repeats := map[int]*repeat{}
	for k, calls := range byKey {
		slices.SortStableFunc(calls, func(a, b sentCall) int { return a.at.Compare(b.at) })
		for i := 1; i < len(calls); i++ {
			r := repeats[calls[i].index]
			if r == nil {
				r = &repeat{call: calls[i], prev: calls[i-1], group: k.group, explained: true}
				repeats[calls[i].index] = r
			}
			r.what = append(r.what, k.what)
			r.explained = r.explained && killBetween(kills, calls[i-1].at, calls[i].at)
		}
	}
	var rep dupReport
	for _, idx := range slices.Sorted(maps.Keys(repeats)) {
		r := repeats[idx]
		slices.Sort(r.what)
		line := fmt.Sprintf("%s repeats %s (%s)", r.call.desc, r.prev.desc, strings.Join(r.what, ", "))
		if r.group {
			rep.group++
		} else {
			rep.acks++
		}
		if r.explained {
			rep.explained = append(rep.explained, line)
		} else {
			rep.unexplained = append(rep.unexplained, line)
		}
	}
	return rep
}

// killBetween reports whether a kill happened in [from, to].
func killBetween(kills []time.Time, from, to time.Time) bool {
	for _, k := range kills {
		if !k.Before(from) && !k.After(to) {
			return true
		}
	}
	return false
}
