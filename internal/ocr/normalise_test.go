package ocr

import (
	"strconv"
	"strings"
	"testing"
)

// tsvRow returns a word row of tesseract's TSV output.
func tsvRow(block, line int, conf, text string) string {
	return strings.Join([]string{"5", "1", strconv.Itoa(block), "1", strconv.Itoa(line), "1", "0", "0", "9", "9", conf, text}, "\t")
}

func TestNormalise(t *testing.T) {
	header := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
	long := strings.Repeat("kata ", MaxTextBytes/5+10)
	tests := []struct {
		name      string
		rows      []string
		truncated bool
		want      string
	}{
		{"empty", nil, false, ""},
		{"page without words", []string{header, "1\t1\t0\t0\t0\t0\t0\t0\t720\t1280\t-1\t"}, false, ""},
		{"lines and blocks", []string{header,
			tsvRow(1, 1, "96", "TPS"), tsvRow(1, 1, "95", "17"), tsvRow(1, 2, "91", "DITUTUP"),
			tsvRow(2, 1, "93", "Warga"), tsvRow(2, 1, "90", "diminta")}, false, "TPS 17\nDITUTUP\nWarga diminta"},
		{"unsure words", []string{tsvRow(1, 1, "8.9", "HE"), tsvRow(1, 1, "39.4", "EEE"), tsvRow(1, 2, "92", "Gianyar"), tsvRow(1, 2, "23", "e")}, false, "Gianyar"},
		{"lines of marks", []string{tsvRow(1, 1, "80", "—"), tsvRow(1, 1, "80", "|"), tsvRow(1, 2, "90", "#hoaks")}, false, "#hoaks"},
		{"spaces and control characters", []string{tsvRow(1, 1, "90", "Desa\u00a0\u00a0Kuta\x07")}, false, "Desa Kuta"},
		{"a cut last row", []string{tsvRow(1, 1, "90", "Kuta"), tsvRow(1, 2, "90", "bes")}, true, "Kuta"},
		{"short rows", []string{"5\t1\t1", tsvRow(1, 1, "90", "Kuta")}, false, "Kuta"},
		{"too long: cut at a line end", []string{tsvRow(1, 1, "90", "awal"), tsvRow(1, 2, "90", long)}, false, "awal"},
		{"too long in one line", []string{tsvRow(1, 1, "90", "é"+long)}, false, strings.Join(strings.Fields("é"+long), " ")[:MaxTextBytes]},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := strings.Join(tc.rows, "\n")
			if !tc.truncated {
				out += "\n"
			}
			got := normalise([]byte(out), tc.truncated)
			if got != tc.want {
				t.Errorf("normalise = %q, want %q", truncate(got, 80), truncate(tc.want, 80))
			}
			if len(got) > MaxTextBytes {
				t.Errorf("normalise gave %d bytes, want at most %d", len(got), MaxTextBytes)
			}
		})
	}
}
