package sandbox

import (
	"testing"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

func TestRenderHTML(t *testing.T) {
	type ent = telegramtest.MessageEntity
	tests := []struct {
		name string
		text string
		ents []ent
		want string
	}{
		{"plain text is escaped", `<script>alert("x")</script> & 'y'`, nil,
			`&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;y&#39;`},
		{"bold and italic", "Laporan #1 baru", []ent{{Type: "bold", Offset: 0, Length: 10}, {Type: "italic", Offset: 11, Length: 4}},
			"<b>Laporan #1</b> <i>baru</i>"},
		{"nested: the longer entity outside", "abc def", []ent{{Type: "italic", Offset: 0, Length: 3}, {Type: "blockquote", Offset: 0, Length: 7}},
			"<blockquote><i>abc</i> def</blockquote>"},
		{"overlapping entities still nest", "abcdef", []ent{{Type: "bold", Offset: 0, Length: 4}, {Type: "italic", Offset: 2, Length: 4}},
			"<b>ab<i>cd</i></b><i>ef</i>"},
		{"UTF-16 offsets after an emoji", "📍 Badung x", []ent{{Type: "bold", Offset: 3, Length: 6}},
			"📍 <b>Badung</b> x"},
		{"text_link opens safely", "lihat", []ent{{Type: "text_link", Offset: 0, Length: 5, URL: "https://t.me/infobali_demo/1521?a=1&b=2"}},
			`<a href="https://t.me/infobali_demo/1521?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">lihat</a>`},
		{"javascript link is plain text", "klik", []ent{{Type: "text_link", Offset: 0, Length: 4, URL: "javascript:alert(1)"}},
			"klik"},
		{"data link is plain text", "klik", []ent{{Type: "text_link", Offset: 0, Length: 4, URL: "data:text/html,<b>x</b>"}},
			"klik"},
		{"url without scheme", "cek bit.ly/x", []ent{{Type: "url", Offset: 4, Length: 8}},
			`cek <a href="http://bit.ly/x" target="_blank" rel="noopener noreferrer">bit.ly/x</a>`},
		{"quote in a link stays in the attribute", `a"b`, []ent{{Type: "url", Offset: 0, Length: 3}},
			`<a href="http://a&#34;b" target="_blank" rel="noopener noreferrer">a&#34;b</a>`},
		{"hashtag and code", "#hoaks x()", []ent{{Type: "hashtag", Offset: 0, Length: 6}, {Type: "code", Offset: 7, Length: 3}},
			`<span class="tag">#hoaks</span> <code>x()</code>`},
		{"unknown entity is plain", "@budi", []ent{{Type: "mention", Offset: 0, Length: 5}},
			"@budi"},
		{"entity out of range is clipped", "ab", []ent{{Type: "bold", Offset: 1, Length: 50}, {Type: "italic", Offset: 9, Length: 2}},
			"a<b>b</b>"},
		{"newlines kept", "a\nb", nil, "a\nb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderHTML(tt.text, tt.ents); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
