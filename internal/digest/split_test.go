package digest

import (
	"strings"
	"testing"

	"github.com/tiprelay/tiprelay/internal/botapi"
)

func TestFitLine(t *testing.T) {
	tests := []struct {
		name  string
		line  string
		limit int
		want  string
	}{
		{"fits", "<b>abc</b>", 10, "<b>abc</b>"},
		{"cut text, close tag", "<b>abcdefgh</b>", 12, "<b>abcd…</b>"},
		{"never inside an escape", "ab&amp;cd", 4, "ab…"},
		{"escape kept whole", "ab&amp;cd", 8, "ab&amp;…"},
		{"never inside a tag", `x <a href="https://t.me/c/1/2">#1</a> y`, 20, "x …"},
		{"emoji counts two", "😀😀😀😀", 5, "😀😀…"},
		{"nested tags closed innermost first", "<b><code>abcdefghij</code></b>", 25, "<b><code>abcd…</code></b>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fitLine(tt.line, tt.limit)
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if n := botapi.UTF16Len(got); n > tt.limit {
				t.Errorf("got %d code units, want at most %d", n, tt.limit)
			}
		})
	}
}

func TestPack(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		limit int
		want  []string
	}{
		{"one message", []string{"a", "", "b"}, 10, []string{"a\n\nb"}},
		{"split at a line, blank lines dropped at the edges", []string{"aaaa", "", "bbbb", "cc"}, 9, []string{"aaaa", "bbbb\ncc"}},
		{"long line shortened alone", []string{"a", strings.Repeat("b", 12), "c"}, 6, []string{"a", "bbbbb…", "c"}},
		{"nothing", []string{"", ""}, 10, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pack(tt.lines, tt.limit)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPackEntityLimit(t *testing.T) {
	lines := make([]string, 250)
	for i := range lines {
		lines[i] = "<b>x</b>"
	}
	got := pack(lines, MaxMessage)
	if len(got) != 3 {
		t.Fatalf("got %d messages, want 3 (at most %d tags each)", len(got), maxEntities)
	}
	if n := strings.Count(got[0], "<b>"); n != maxEntities {
		t.Errorf("got %d tags in the first message, want %d", n, maxEntities)
	}
}
