package main

import (
	"regexp"
	"strconv"
	"strings"
)

// The bot's texts name tips in three shapes, which the parsers below read:
//
//	ack, single:   ✅ Laporan #17 diterima dan diteruskan ke Ditintelkam.
//	ack, batched:  ✅ Laporan #31-#45, #47 diterima dan diteruskan ke Ditintelkam.
//	group header:  📥 Laporan #17 …
//	group summary: 📥 Ringkasan 15 laporan … Laporan #31 … Laporan #32 …
//
// Texts are read as the emulator stores them, after parse_mode HTML, so
// they carry no tags.

var (
	// ackPattern is an acknowledgement: the list between "Laporan" and
	// "diterima" (Indonesian) or "Report" and "received" (English).
	ackPattern = regexp.MustCompile(`(?s)(?:Laporan|Reports?)\s+(#.*?)\s+(?:diterima|received)`)
	// ackItem is one "#31" or "#31-#45" of an ack list.
	ackItem = regexp.MustCompile(`#(\d+)(?:\s*[-–]\s*#?(\d+))?`)
	// groupTip is one tip named in a group header or summary.
	groupTip = regexp.MustCompile(`(?:Laporan|Report) #(\d+)`)
)

// maxRange bounds a parsed range, so a garbled text cannot make the
// parser allocate without end.
const maxRange = 1_000_000

// ackedTips returns the tip numbers an acknowledgement names, in text
// order, or nil if text is not an acknowledgement.
func ackedTips(text string) []int64 {
	m := ackPattern.FindStringSubmatch(text)
	if m == nil {
		return nil
	}
	var out []int64
	for _, it := range ackItem.FindAllStringSubmatch(m[1], -1) {
		lo, err := strconv.ParseInt(it[1], 10, 64)
		if err != nil {
			continue
		}
		hi := lo
		if it[2] != "" {
			if hi, err = strconv.ParseInt(it[2], 10, 64); err != nil || hi < lo || hi-lo > maxRange {
				continue
			}
		}
		for n := lo; n <= hi; n++ {
			out = append(out, n)
		}
	}
	return out
}

// groupTips returns the tip numbers a group message names: one for a
// header, several for a summary, none for a relayed copy (unless the
// reporter's own text says "Laporan #N", which the benchmark's tips never do)
// or for an edit notice.
func groupTips(text string) []int64 {
	if strings.Contains(text, "diubah oleh pelapor") || strings.Contains(text, "was edited by the reporter") {
		return nil
	}
	var out []int64
	for _, m := range groupTip.FindAllStringSubmatch(text, -1) {
		if n, err := strconv.ParseInt(m[1], 10, 64); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// tipSet records which of the tips 1..want were seen.
type tipSet struct {
	want int64
	seen []bool
	n    int64 // how many of 1..want were seen
}

func newTipSet(want int) *tipSet { return &tipSet{want: int64(want), seen: make([]bool, want+1)} }

// add marks n as seen and reports whether it was new and within 1..want.
func (s *tipSet) add(n int64) bool {
	if n < 1 || n > s.want || s.seen[n] {
		return false
	}
	s.seen[n] = true
	s.n++
	return true
}

// complete reports whether every tip 1..want was seen.
func (s *tipSet) complete() bool { return s.n == s.want }

// missing returns up to limit tip numbers not yet seen.
func (s *tipSet) missing(limit int) []int64 {
	var out []int64
	for n := int64(1); n <= s.want && len(out) < limit; n++ {
		if !s.seen[n] {
			out = append(out, n)
		}
	}
	return out
}
