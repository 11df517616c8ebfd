package digest_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/botapi"
	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// CheckMessages fails unless every message is within Telegram's limits
// and balanced HTML.
func CheckMessages(tb testing.TB, msgs []string) {
	tb.Helper()
	for i, m := range msgs {
		if n := botapi.UTF16Len(m); n > digest.MaxMessage || len([]rune(m)) > digest.MaxMessage {
			tb.Errorf("got message %d of %d UTF-16 code units, want at most %d", i, n, digest.MaxMessage)
		}
		if n := strings.Count(m, "<") - strings.Count(m, "</"); n > 100 {
			tb.Errorf("got message %d with %d tags, want at most 100", i, n)
		}
		CheckHTML(tb, m)
	}
}

func TestRenderDay(t *testing.T) {
	loc := MustWITA(t)
	day, items := dayOfTips(t)
	items[0].Relayed.ThreadID = 7
	items[1].Relayed = nil
	d := digest.Compute(items, 20, 3, []tip.FailingTarget{{ChatID: -1005, Since: day.From, LastError: "Forbidden"}}, day, loc)
	msgs := digest.Render(d, text.For(text.Indonesian))
	CheckMessages(t, msgs)
	got := strings.Join(msgs, "\n")
	for _, want := range []string{
		"📊 <b>Ringkasan Laporan Patroli Siber</b>\nPeriode: 23-11-2026 00:00 WITA – 24-11-2026 00:00 WITA\n",
		"<b>Jumlah: 26 laporan</b> (▲ naik 6 / 30% dari periode sebelumnya: 20)",
		"• Teks: 12\n• Tautan: 3\n• Tangkapan layar/foto: 11\n• Video: 0\n• Dokumen/suara: 0\n• Diteruskan: 26\n",
		`• <a href="https://t.me/infokota">Info Kota @infokota</a> (kanal): 12`,
		"• Anon 00 (pengguna tersembunyi): 1",
		"• facebook.com: 3\n• tiktok.com: 3\n",
		"• Staf 101 <code>101</code>: 9",
		"<b>Per jam (WITA)</b>\n<code>00:00 ██                   1</code>\n",
		"<code>09:00 ██████               4</code>",
		"<code>23:00 ████████████████    11</code>",
		"Menunggu dikirim: 3 pesan\n⚠️ Chat <code>-1005</code> gagal sejak 23-11-2026 00:00 WITA: Forbidden",
		`<a href="https://t.me/c/1234567890/7/1001">#1</a> 00:10 · 📍badung · tip 1 · ↪ kanal: Info Kota @infokota`,
		"#2 01:10 · Hoaks · 📍denpasar · tip 2 · ↪ kanal: Info Kota @infokota (belum diteruskan)",
		"Prioritas: 🚨 Darurat 1 · ❗ Penting 1\n",
		// Without a layout, regions are shown by key, in key order.
		"<b>Per wilayah</b>\n• atlantis: 1\n• badung: 4\n• denpasar: 4\n• gianyar: 3\n• tanpa wilayah: 14\n",
		"<b>Per kategori</b>\n• Hoaks: 6\n• Provokasi: 3\n• SARA: 3\n• Ujaran kebencian: 0\n",
		"• Lainnya: 0\n• tanpa kategori: 14\n",
		`<a href="https://t.me/c/1234567890/1016">#16</a> 23:00 · SARA · [1 foto] tip 16 · ↪ pengguna tersembunyi: Anon 00`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("got digest\n%s\nwant it to contain %q", got, want)
		}
	}
}

func TestRenderEnglish(t *testing.T) {
	loc := MustWITA(t)
	day, items := dayOfTips(t)
	got := strings.Join(digest.Render(digest.Compute(items, 0, 0, nil, day, loc), text.For(text.English)), "\n")
	for _, want := range []string{
		"📊 <b>Cyber Patrol Report Digest</b>",
		"<b>Total: 26 reports</b> (▲ up 26; no reports in the previous period)",
		"• Screenshot/photo: 11",
		"(channel): 12",
		"<b>Per hour (WITA)</b>",
		"All reports have been delivered.",
		"↪ hidden user: Anon 10",
		"Priority: 🚨 Urgent 1 · ❗ Important 1",
		"<b>Per region</b>", "• no region: 14",
		"<b>Per category</b>", "• Hoax: 6", "• no category: 14",
		"🚨 Urgent · Provocation · 📍gianyar · tip 13",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("got digest\n%s\nwant it to contain %q", got, want)
		}
	}
	if strings.Contains(got, "Laporan") {
		t.Errorf("got Indonesian words in the English digest:\n%s", got)
	}
}

func TestRenderEmpty(t *testing.T) {
	loc := MustWITA(t)
	day := Yesterday(wita(t, 2026, 11, 24, 7, 0, 0), loc)
	tests := []struct {
		name    string
		lang    text.Lang
		pending int
		want    []string
	}{
		{"indonesian", text.Indonesian, 0, []string{"Periode: 23-11-2026 00:00 WITA – 24-11-2026 00:00 WITA", "📭 Tidak ada laporan pada periode ini."}},
		{"english", text.English, 0, []string{"Period: 23-11-2026 00:00 WITA", "📭 No reports in this period."}},
		{"backlog still shown", text.Indonesian, 4, []string{"Tidak ada laporan", "Menunggu dikirim: 4 pesan"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := digest.Compute(nil, 9, tt.pending, nil, day, loc)
			msgs := digest.Render(d, text.For(tt.lang))
			if len(msgs) != 1 {
				t.Fatalf("got %d messages, want 1", len(msgs))
			}
			for _, w := range tt.want {
				if !strings.Contains(msgs[0], w) {
					t.Errorf("got %q, want it to contain %q", msgs[0], w)
				}
			}
			if n := len(strings.Split(msgs[0], "\n")); n > 7 {
				t.Errorf("got %d lines, want a short message", n)
			}
		})
	}
}

func TestRenderEscapesUserText(t *testing.T) {
	loc := MustWITA(t)
	day := Yesterday(wita(t, 2026, 11, 24, 7, 0, 0), loc)
	evil := `<b>x</b> & "q" <a href="javascript:1">`
	it := item(1, day.From.Add(time.Hour))
	it.Tip.Reporter = tip.Person{ID: 5, FirstName: evil, Username: "u<b>"}
	it.Tip.Text = evil
	it.Tip.Links = []string{`https://<evil>.example/?a=1&b=2`}
	it.Tip.Origin = &tip.Origin{Kind: tip.OriginChannel, ChatID: -1002, ChatTitle: evil, ChatUsername: `x"><b>`}
	d := digest.Compute([]tip.DigestItem{it}, 0, 0, []tip.FailingTarget{{ChatID: -1, LastError: evil}}, day, loc)
	msgs := digest.Render(d, text.For(text.Indonesian))
	CheckMessages(t, msgs)
	got := strings.Join(msgs, "\n")
	const escaped = "&lt;b&gt;x&lt;/b&gt; &amp; &#34;q&#34; &lt;a href=&#34;javascript:1&#34;&gt;"
	if n := strings.Count(got, escaped); n < 5 { // reporter, text, source, item origin, failing error
		t.Errorf("got the escaped text %d times, want at least 5 in\n%s", n, got)
	}
	for _, raw := range []string{"javascript:1\"", `x"><b>`, "u<b>"} {
		if strings.Contains(got, raw) {
			t.Errorf("got raw %q in\n%s", raw, got)
		}
	}
}

// bigDay returns n tips in the WITA day, relayed, with texts of every
// shape: plain, long and full of HTML and emoji.
func bigDay(t *testing.T, n int) (digest.Period, []tip.DigestItem) {
	loc := MustWITA(t)
	day := Yesterday(wita(t, 2026, 11, 24, 7, 0, 0), loc)
	nasty := strings.Repeat("<&>😀 ", 600) // 3,000 characters
	items := make([]tip.DigestItem, n)
	for i := range items {
		it := item(int64(i+1), day.From.Add(time.Duration(i)*day.Duration()/time.Duration(n)))
		switch i % 4 {
		case 0:
			it.Tip.Text = nasty
		case 1:
			it.Tip.Text = "Hoaks bansos <b>palsu</b> & tautan: https://facebook.com/x?id=" + fmt.Sprint(i)
			it.Tip.Links = []string{"https://facebook.com/x?id=" + fmt.Sprint(i)}
		case 2:
			it.Tip.Origin = &tip.Origin{Kind: tip.OriginChannel, ChatID: -1003, ChatTitle: "Kanal <" + fmt.Sprint(i%7) + ">", ChatUsername: "kanal"}
		}
		items[i] = it
	}
	return day, items
}

func TestMessageLink(t *testing.T) {
	tests := []struct {
		name string
		ref  tip.MessageRef
		want string
	}{
		{"supergroup", tip.MessageRef{ChatID: -1001234567890, MessageID: 55}, "https://t.me/c/1234567890/55"},
		{"forum topic", tip.MessageRef{ChatID: -1001234567890, ThreadID: 3, MessageID: 55}, "https://t.me/c/1234567890/3/55"},
		{"short internal id", tip.MessageRef{ChatID: -1000000000042, MessageID: 1}, "https://t.me/c/42/1"},
		{"basic group has no link", tip.MessageRef{ChatID: -123456, MessageID: 1}, ""},
		{"private chat has no link", tip.MessageRef{ChatID: 987, MessageID: 1}, ""},
		{"no message", tip.MessageRef{ChatID: -1001234567890}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := digest.MessageLink(tt.ref); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
