package tip

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// SameTextSimilarity is the TextSimilarity at or above which two texts read
// from screenshots are taken to be the same text. Measured on the OCR of
// the generated phone screenshots of internal/ocr/testdata (see the tests
// there and here): the same chat screenshot resized to 75% scores 0.91
// against the original, with six words misread 0.86; a chat of the same
// group in the same app with other messages scores 0.23-0.31 (the header,
// clock and input bar are shared), and a social-media post 0.08.
const SameTextSimilarity = 0.7

// TextSimilarity compares two texts read by OCR and returns a score from 0
// (nothing in common) to 1 (the same words in the same order). It is the
// mean of two Dice coefficients: of the texts' sets of words, and of their
// sets of word pairs (each word with the next). A word is a run of letters
// and digits of two or more characters, lower-cased, with accents of Latin
// letters removed: punctuation, line breaks and repeated words do not
// count, and stray one-character marks that OCR reads in icons are
// ignored. The pairs make order count: chats of one group share most of
// their words (the same people, the same topic) but not their sentences,
// so that the words alone would fold different chats (measured on 200
// generated chats drawn from a 70-word vocabulary: 9 of the 15 pairs of
// pictures within 6 bits scored above the threshold by words alone, none
// with pairs; internal/phash fold_test.go). A text without words scores 0
// against anything, itself included; check HasReadableText first.
func TextSimilarity(a, b string) float64 {
	wa, wb := words(a), words(b)
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	return (dice(set(wa, 1), set(wb, 1)) + dice(set(wa, 2), set(wb, 2))) / 2
}

// set returns the set of runs of n consecutive words of ws, joined by a
// space; a text shorter than n words is its own single run.
func set(ws []string, n int) map[string]bool {
	out := map[string]bool{}
	if len(ws) < n {
		out[strings.Join(ws, " ")] = true
		return out
	}
	for i := 0; i+n <= len(ws); i++ {
		out[strings.Join(ws[i:i+n], " ")] = true
	}
	return out
}

// dice is the Dice coefficient of two sets: twice the common members over
// the sum of the sizes.
func dice(a, b map[string]bool) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	common := 0
	for k := range a {
		if b[k] {
			common++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}

// HasReadableText reports whether s holds at least three words of two or
// more letters: what OCR reads in a photo without text (nothing, or a few
// marks such as "|", "©" or "ee") fails, a line of a message passes.
func HasReadableText(s string) bool {
	n := 0
	for _, w := range words(s) {
		letters := 0
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if letters >= 2 {
			n++
			if n == 3 {
				return true
			}
		}
	}
	return false
}

// words splits s into runs of letters and digits, lower-cased and folded
// (see fold), and drops the runs of a single character.
func words(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if utf8.RuneCountInString(b.String()) >= 2 {
			out = append(out, b.String())
		}
		b.Reset()
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(fold(unicode.ToLower(r)))
		} else {
			flush()
		}
	}
	flush()
	return out
}

// latin1 maps the lower-case letters U+00DF..U+00FF to their base letters;
// a space marks a rune that is not a letter (÷) or has no base letter.
const latin1 = "saaaaaaaceeeeiiiidnooooo ouuuuy y"

// latinExtA maps U+0100..U+017F, in case pairs, to their base letters.
const latinExtA = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs"

// fold returns the base letter of an accented lower-case Latin letter (é is
// e, ñ is n, ł is l) and any other rune unchanged. OCR of Indonesian text
// sometimes reads an accent that is not there; the two tables cover the
// Latin letters that need no Unicode normalisation tables.
func fold(r rune) rune {
	switch {
	case r >= 0xdf && r <= 0xff:
		if c := latin1[r-0xdf]; c != ' ' {
			return rune(c)
		}
	case r >= 0x100 && r <= 0x17f:
		return rune(latinExtA[r-0x100])
	}
	return r
}
