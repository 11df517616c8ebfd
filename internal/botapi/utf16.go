package botapi

import (
	"slices"
	"unicode/utf8"
)

// span is a range of a text in UTF-16 code units, as the Bot API gives the
// offset and length of a MessageEntity.
type span struct {
	offset, length int
}

// byteRange is a span converted to byte offsets into a Go string. ok is
// false when the span does not fit the text: negative, empty, past its
// end, or cutting a surrogate pair (an astral character such as an emoji,
// which counts as two UTF-16 code units) in half.
type byteRange struct {
	start, end int
	ok         bool
}

// byteRanges converts spans given in UTF-16 code units into byte ranges of
// s, one per span, in the same order. It walks s once, whatever the number
// of spans, so a huge text or many entities cost O(len(s) + n log n).
func byteRanges(s string, spans []span) []byteRange {
	out := make([]byteRange, len(spans))
	var positions []int
	for _, sp := range spans {
		if sp.offset < 0 || sp.length <= 0 || sp.offset > maxInt-sp.length {
			continue
		}
		positions = append(positions, sp.offset, sp.offset+sp.length)
	}
	if len(positions) == 0 {
		return out
	}
	slices.Sort(positions)
	positions = slices.Compact(positions)
	bytesAt := utf16ToBytes(s, positions)
	for i, sp := range spans {
		if sp.offset < 0 || sp.length <= 0 || sp.offset > maxInt-sp.length {
			continue
		}
		i0, _ := slices.BinarySearch(positions, sp.offset)
		i1, _ := slices.BinarySearch(positions, sp.offset+sp.length)
		start, end := bytesAt[i0], bytesAt[i1]
		if start >= 0 && end >= 0 {
			out[i] = byteRange{start: start, end: end, ok: true}
		}
	}
	return out
}

const maxInt = int(^uint(0) >> 1)

// utf16ToBytes returns, for each UTF-16 position in the ascending list
// positions, the byte offset in s where that position starts, or -1 when
// the position is past the end of s or inside a surrogate pair. An invalid
// UTF-8 byte counts as one code unit, like the U+FFFD that replaces it.
func utf16ToBytes(s string, positions []int) []int {
	out := make([]int, len(positions))
	for i := range out {
		out[i] = -1
	}
	next, units := 0, 0
	for b := 0; b < len(s) && next < len(positions); {
		r, size := utf8.DecodeRuneInString(s[b:])
		width := 1
		if r >= 0x10000 {
			width = 2
		}
		for next < len(positions) && positions[next] < units+width {
			if positions[next] == units {
				out[next] = b
			} // else: the position falls inside a surrogate pair.
			next++
		}
		units += width
		b += size
	}
	for ; next < len(positions) && positions[next] == units; next++ {
		out[next] = len(s)
	}
	return out
}

// UTF16Len returns the length of s in UTF-16 code units, the unit of the
// Bot API's entity offsets and of its length limits (4,096 for a message,
// 1,024 for a caption): a character outside the Basic Multilingual Plane,
// such as most emoji, counts as two.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
