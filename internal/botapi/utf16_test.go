package botapi

import (
	"strings"
	"testing"
)

func TestByteRanges(t *testing.T) {
	tests := []struct {
		name string
		text string
		span span
		want string // "" means the span must be rejected
	}{
		{"ascii", "see example.com now", span{4, 11}, "example.com"},
		{"after emoji", "\U0001F6A8 x.com", span{3, 5}, "x.com"},
		{"after two emoji with skin tone", "\U0001F64F\U0001F3FD x.com", span{5, 5}, "x.com"},
		{"after flag", "\U0001F1EE\U0001F1E9 id.com", span{5, 6}, "id.com"},
		{"after ZWJ family", "\U0001F468\u200D\U0001F469\u200D\U0001F467 a.io", span{9, 4}, "a.io"},
		{"after combining mark", "e\u0301 x.com", span{3, 5}, "x.com"},
		{"after CJK", "中文 x.com", span{3, 5}, "x.com"},
		{"after invalid byte", "a\xffb x.com", span{4, 5}, "x.com"},
		{"emoji itself", "ab\U0001F600", span{2, 2}, "\U0001F600"},
		{"at end", "go to x.com", span{6, 5}, "x.com"},
		{"whole text", "x.com", span{0, 5}, "x.com"},
		{"starts inside surrogate pair", "\U0001F600ab", span{1, 2}, ""},
		{"ends inside surrogate pair", "ab\U0001F600", span{0, 3}, ""},
		{"past the end", "abc", span{2, 5}, ""},
		{"offset past the end", "abc", span{4, 1}, ""},
		{"empty", "abc", span{1, 0}, ""},
		{"negative offset", "abc", span{-1, 2}, ""},
		{"negative length", "abc", span{1, -1}, ""},
		{"overflow", "abc", span{maxInt, 1}, ""},
		{"empty text", "", span{0, 1}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := byteRanges(tt.text, []span{tt.span})[0]
			got := ""
			if r.ok {
				got = tt.text[r.start:r.end]
			}
			if got != tt.want {
				t.Errorf("byteRanges(%q, %v) gives %q, want %q", tt.text, tt.span, got, tt.want)
			}
		})
	}
}

func TestByteRangesMany(t *testing.T) {
	text := "\U0001F600 a.io b.io \U0001F600 c.io"
	spans := []span{{16, 4}, {3, 4}, {3, 4}, {8, 4}, {99, 1}}
	want := []string{"c.io", "a.io", "a.io", "b.io", ""}
	got := byteRanges(text, spans)
	for i, r := range got {
		s := ""
		if r.ok {
			s = text[r.start:r.end]
		}
		if s != want[i] {
			t.Errorf("span %v: got %q, want %q", spans[i], s, want[i])
		}
	}
}

func TestByteRangesHugeText(t *testing.T) {
	text := strings.Repeat("\U0001F600", 1<<18) + " x.com"
	r := byteRanges(text, []span{{1<<19 + 1, 5}})[0]
	if !r.ok || text[r.start:r.end] != "x.com" {
		t.Errorf("got %+v, want the trailing x.com", r)
	}
}
