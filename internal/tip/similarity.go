package tip

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// SameTextSimilarity is the TextSimilarity at or above which two texts read
// from screenshots are taken to be the same text. Measured on the OCR of
// the generated phone screenshots of internal/ocr/testdata (see the tests
// there and here): the same chat screenshot re-encoded as JPEG at quality
// 70 scores 1.00 against the original, in dark mode 0.98, resized to 75%
// 0.94, and with six words misread 0.89; a chat of the same group in the
// same app with other messages scores 0.30-0.38 (the header, clock and
// input bar are shared), and a social-media post 0.14.
const SameTextSimilarity = 0.7

// TextSimilarity compares two texts read by OCR and returns a score from 0
// (no word in common) to 1 (the same words). It is the Dice coefficient of
// the texts' sets of words, where a word is a run of letters and digits of
// two or more characters, lower-cased, with accents of Latin letters
// removed: punctuation, line breaks, word order and repeated words do not
// count, and stray one-character marks that OCR reads in icons are
// ignored. A text without such words scores 0 against anything, itself
// included; check HasReadableText first.
func TextSimilarity(a, b string) float64 {
	wa, wb := wordSet(a), wordSet(b)
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	common := 0
	for w := range wa {
		if wb[w] {
			common++
		}
	}
	return 2 * float64(common) / float64(len(wa)+len(wb))
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

// wordSet returns the set of s's words.
func wordSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range words(s) {
		set[w] = true
	}
	return set
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
