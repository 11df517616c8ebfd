package text

import (
	"html"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestCatalogsComplete(t *testing.T) {
	for _, lang := range []Lang{Indonesian, English} {
		v := reflect.ValueOf(*For(lang).m)
		for i := range v.NumField() {
			f := v.Field(i)
			if f.Kind() == reflect.String && strings.TrimSpace(f.String()) == "" {
				t.Errorf("%s: field %s is empty", lang, v.Type().Field(i).Name)
			}
			if f.Kind() == reflect.Map && f.Len() == 0 {
				t.Errorf("%s: map %s is empty", lang, v.Type().Field(i).Name)
			}
		}
	}
	id, en := reflect.ValueOf(indonesian.kinds), reflect.ValueOf(english.kinds)
	if id.Len() != en.Len() {
		t.Errorf("got %d Indonesian kind names and %d English, want the same", id.Len(), en.Len())
	}
}

func TestAckAndFallback(t *testing.T) {
	tests := []struct {
		name string
		lang Lang
		want string
	}{
		{"indonesian", Indonesian, "✅ Laporan #17 diterima dan diteruskan ke Ditintelkam."},
		{"english", English, "✅ Report #17 received and relayed to Ditintelkam."},
		{"unknown falls back to indonesian", Lang("fr"), "✅ Laporan #17 diterima dan diteruskan ke Ditintelkam."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := For(tt.lang).Ack(17); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHeader(t *testing.T) {
	wita, err := time.LoadLocation("Asia/Makassar")
	if err != nil {
		t.Fatal(err)
	}
	sent := time.Date(2026, 11, 24, 1, 15, 0, 0, time.UTC)
	tests := []struct {
		name    string
		tip     tip.Tip
		want    []string
		notWant []string
	}{
		{
			name: "escapes user text",
			tip: tip.Tip{ID: 3, SentAt: sent, Reporter: tip.Person{FirstName: "<b>Budi</b> & co", Username: "bu_di"},
				Links: []string{"https://x.example/?a=1&b=<2>"}},
			want:    []string{"📥 <b>Laporan #3</b>", "Pelapor: &lt;b&gt;Budi&lt;/b&gt; &amp; co (@bu_di)", "https://x.example/?a=1&amp;b=&lt;2&gt;", "24-11-2026 09:15 WITA"},
			notWant: []string{"<b>Budi"},
		},
		{
			name: "public channel origin with link",
			tip: tip.Tip{ID: 4, SentAt: sent, Reporter: tip.Person{ID: 9},
				Origin:      &tip.Origin{Kind: tip.OriginChannel, ChatTitle: "Info Kota", ChatUsername: "infokota", MessageID: 77},
				Attachments: []tip.Attachment{{Kind: tip.AttachPhoto}, {Kind: tip.AttachPhoto}, {Kind: tip.AttachVideo}}},
			want: []string{"Asal: diteruskan dari kanal: Info Kota @infokota — https://t.me/infokota/77", "Isi: 2 foto, 1 video", "Pelapor: #9"},
		},
		{
			name: "unknown origin kind is shown verbatim",
			tip:  tip.Tip{ID: 5, SentAt: sent, Origin: &tip.Origin{Kind: "bot_<x>", SenderName: "N"}},
			want: []string{"Asal: bot_&lt;x&gt;: N"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := For(Indonesian).Header(tt.tip, wita, "")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("got %q, want it to contain %q", got, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("got %q, want it not to contain %q", got, w)
				}
			}
		})
	}
}

func TestEditNoticeBounded(t *testing.T) {
	got := For(English).EditNotice(tip.Tip{ID: 8, Text: strings.Repeat("é<", 5000)}, true)
	// Telegram's limit counts the text after HTML parsing.
	visible := html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(got, ""))
	if n := len([]rune(visible)); n > 4096 {
		t.Errorf("got %d visible characters, want at most 4096", n)
	}
	if !strings.Contains(got, "&lt;") || strings.Contains(got, "é<") {
		t.Errorf("got unescaped text in %q", got[:80])
	}
}

func TestUnsupportedNamesKind(t *testing.T) {
	c := For(Indonesian)
	if got := c.Unsupported("sticker"); !strings.Contains(got, "stiker") {
		t.Errorf("got %q, want the Indonesian word for sticker", got)
	}
	if got := c.Unsupported("hologram"); !strings.Contains(got, "jenis pesan ini") {
		t.Errorf("got %q, want the generic name", got)
	}
}

func TestRanges(t *testing.T) {
	tests := []struct {
		name string
		ids  []int64
		want string
	}{
		{"one", []int64{7}, "#7"},
		{"run", []int64{31, 32, 33}, "#31-#33"},
		{"unsorted with gap and duplicate", []int64{47, 31, 33, 32, 32}, "#31-#33, #47"},
		{"pairs", []int64{1, 2, 4, 5}, "#1-#2, #4-#5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Ranges(tt.ids); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if got, want := For(Indonesian).AckMany([]int64{31, 32, 45}), "✅ Laporan #31-#32, #45 diterima dan diteruskan ke Ditintelkam."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCompact(t *testing.T) {
	sent := time.Date(2026, 11, 24, 1, 15, 0, 0, time.UTC)
	wita, _ := time.LoadLocation("Asia/Makassar")
	tests := []struct {
		name string
		tip  tip.Tip
		want []string // "" means Compact must refuse
	}{
		{"text tip", tip.Tip{ID: 12, SentAt: sent, Reporter: tip.Person{FirstName: "Rina"}, Text: "awas <hoaks>", Links: []string{"https://a.example/x"}},
			[]string{"<b>Laporan #12</b> · 24-11-2026 09:15 WITA · Rina", "<blockquote>awas &lt;hoaks&gt;</blockquote>", "• https://a.example/x"}},
		{"forward keeps origin", tip.Tip{ID: 13, SentAt: sent, Text: "x", Origin: &tip.Origin{Kind: tip.OriginChannel, ChatTitle: "Kanal", ChatUsername: "kanal", MessageID: 5}},
			[]string{"https://t.me/kanal/5"}},
		{"media is not coalesced", tip.Tip{ID: 14, Attachments: []tip.Attachment{{Kind: tip.AttachPhoto}}}, []string{""}},
		{"long text is not coalesced", tip.Tip{ID: 15, Text: strings.Repeat("a", MaxCompactText+1)}, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := For(Indonesian).Compact(tt.tip, wita)
			for _, w := range tt.want {
				if w == "" && got != "" || !strings.Contains(got, w) {
					t.Errorf("got %q, want it to contain %q", got, w)
				}
			}
		})
	}
}
