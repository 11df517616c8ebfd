package ocr

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
)

// minConfidence is the confidence (0-100) below which a word tesseract
// reads is dropped. On the fixtures, the words of the text score 88-97,
// while what tesseract reads in a photo's fence ("HE", "EEE") scores 9 and
// 39 and a chat's round avatar ("e") 24; a misread word ("HARTINI" for
// "HARI INI" at 75% size) can score as low, and is no loss.
const minConfidence = 50

// normalise turns tesseract's TSV output into text: the words of at least
// minConfidence, a line per line tesseract found, lines without a letter
// or digit dropped, at most MaxTextBytes. When the output was truncated,
// its last row may be cut and is ignored.
func normalise(tsv []byte, truncated bool) string {
	rows := strings.Split(string(bytes.ToValidUTF8(tsv, nil)), "\n")
	if truncated {
		rows = rows[:len(rows)-1]
	}
	var text strings.Builder
	var words []string
	full := false
	flush := func() {
		line := strings.Join(words, " ")
		words = words[:0]
		if full || !strings.ContainsFunc(line, isAlnum) {
			return
		}
		sep := 0
		if text.Len() > 0 {
			sep = 1
		}
		if text.Len()+sep+len(line) > MaxTextBytes {
			full = true
			if text.Len() > 0 {
				return
			}
			line = truncate(line, MaxTextBytes)
		}
		if sep == 1 {
			text.WriteByte('\n')
		}
		text.WriteString(line)
	}
	lineKey := ""
	for _, row := range rows {
		// level page block paragraph line word left top width height conf text
		f := strings.Split(row, "\t")
		if len(f) != 12 || f[0] != "5" {
			continue
		}
		conf, err := strconv.ParseFloat(f[10], 64)
		if err != nil || conf < minConfidence {
			continue
		}
		if key := strings.Join(f[1:5], " "); key != lineKey {
			flush()
			lineKey = key
		}
		words = append(words, strings.FieldsFunc(f[11], isSeparator)...)
	}
	flush()
	return text.String()
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isSeparator reports whether r splits words: white space and the control
// and format characters that have no place in the text.
func isSeparator(r rune) bool {
	return unicode.IsSpace(r) || !unicode.IsPrint(r)
}
