package text

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestDigestCatalogsComplete(t *testing.T) {
	for _, lang := range []Lang{Indonesian, English} {
		v := reflect.ValueOf(*For(lang).digest())
		for i := range v.NumField() {
			f := v.Field(i)
			if f.Kind() == reflect.String && strings.TrimSpace(f.String()) == "" {
				t.Errorf("%s: digest field %s is empty", lang, v.Type().Field(i).Name)
			}
			if f.Kind() == reflect.Map && f.Len() == 0 {
				t.Errorf("%s: digest map %s is empty", lang, v.Type().Field(i).Name)
			}
		}
	}
	for _, pair := range [][2]int{{len(indonesianDigest.kinds), len(englishDigest.kinds)}, {len(indonesianDigest.originKinds), len(englishDigest.originKinds)}} {
		if pair[0] != pair[1] {
			t.Errorf("got %d Indonesian names and %d English, want the same", pair[0], pair[1])
		}
	}
}

func TestDigestTotal(t *testing.T) {
	tests := []struct {
		name        string
		lang        Lang
		total, prev int
		want        string
	}{
		{"up", Indonesian, 125, 100, "<b>Jumlah: 125 laporan</b> (▲ naik 25 / 25% dari periode sebelumnya: 100)"},
		{"down rounds", Indonesian, 2, 3, "<b>Jumlah: 2 laporan</b> (▼ turun 1 / 33% dari periode sebelumnya: 3)"},
		{"same", Indonesian, 7, 7, "<b>Jumlah: 7 laporan</b> (sama dengan periode sebelumnya: 7)"},
		{"previous zero", Indonesian, 4, 0, "<b>Jumlah: 4 laporan</b> (▲ naik 4; periode sebelumnya tidak ada laporan)"},
		{"both zero", English, 0, 0, "<b>Total: 0 reports</b> (same as the previous period: 0)"},
		{"english down to zero", English, 0, 5, "<b>Total: 0 reports</b> (▼ down 5 / 100% from the previous period: 5)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := For(tt.lang).DigestTotal(tt.total, tt.prev); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDigestEscapesUserText(t *testing.T) {
	wita, err := time.LoadLocation("Asia/Makassar")
	if err != nil {
		t.Fatal(err)
	}
	c := For(Indonesian)
	got := c.DigestFailing(tip.FailingTarget{ChatID: -1001, Since: time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC), LastError: "Forbidden: <bot> & kicked"}, wita)
	if want := "⚠️ Chat <code>-1001</code> gagal sejak 23-11-2026 09:00 WITA: Forbidden: &lt;bot&gt; &amp; kicked"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := c.DigestOriginKind("bot_<x>"), "bot_&lt;x&gt;"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := c.DigestNoText([]tip.Attachment{{Kind: tip.AttachPhoto}, {Kind: tip.AttachPhoto}}), "2 foto"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := c.DigestNoText(nil), "(tanpa teks)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestDigestTriageTexts(t *testing.T) {
	id, en := For(Indonesian), For(English)
	tests := []struct {
		name, got, want string
	}{
		{"priorities", id.DigestPriorities(2, 5), "Prioritas: 🚨 Darurat 2 · ❗ Penting 5"},
		{"priorities in english", en.DigestPriorities(0, 1), "Priority: 🚨 Urgent 0 · ❗ Important 1"},
		{"region with its unit, escaped", id.DigestRegion("Badung <x>", "Polres & Co"), "📍 Wilayah: <b>Badung &lt;x&gt;</b> (Polres &amp; Co)"},
		{"region without unit", en.DigestRegion("Bangli", ""), "📍 Region: <b>Bangli</b>"},
		{"top of the list", id.DigestItemsTop(50, 5000), "<b>50 laporan terpenting dari 5000</b> (paling sering dilaporkan, lalu darurat, lalu penting, lalu menurut kategori; terbaru dulu)"},
		{"more in the CSV", id.DigestItemsMore(4950), "… dan 4950 laporan lainnya: daftar lengkap ada di berkas CSV."},
		{"more in english", en.DigestItemsMore(3), "… and 3 more reports: the full list is in the CSV file."},
		{"no region, no category", id.DigestNoRegion() + "/" + id.DigestNoCategory(), "tanpa wilayah/tanpa kategori"},
		{"english", en.DigestNoRegion() + "/" + en.DigestNoCategory(), "no region/no category"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestDigestRepeatTexts(t *testing.T) {
	id, en := For(Indonesian), For(English)
	tests := []struct {
		name, got, want string
	}{
		{"repeats of tips of the period", id.DigestRepeats(12, 5, 0), "🔁 12 laporan ulang dari 5 laporan"},
		{"some of older tips", id.DigestRepeats(12, 5, 2), "🔁 12 laporan ulang dari 5 laporan (2 di antaranya dari sebelum periode ini)"},
		{"all of older tips", id.DigestRepeats(3, 2, 2), "🔁 3 laporan ulang dari 2 laporan (semuanya dari sebelum periode ini)"},
		{"of one older tip", id.DigestRepeats(3, 1, 1), "🔁 3 laporan ulang dari 1 laporan (dari sebelum periode ini)"},
		{"english", en.DigestRepeats(12, 5, 2), "🔁 12 repeat reports of 5 reports (2 of them from before this period)"},
		{"english, one repeat", en.DigestRepeats(1, 1, 0), "🔁 1 repeat report of 1 report"},
		{"english, of one tip", en.DigestRepeats(4, 1, 1), "🔁 4 repeat reports of 1 report (from before this period)"},
		{"reports of a tip", id.DigestReports(4), "🔁 4×"},
		{"no new tip", id.DigestNoNew(), "📭 Tidak ada laporan baru pada periode ini."},
		{"csv caption", id.DigestCSVCaption(5, 0), "📎 Daftar 5 laporan (CSV, dapat dibuka di Excel)"},
		{"csv caption with repeats", id.DigestCSVCaption(5, 12), "📎 Daftar 5 laporan dan 12 laporan ulang (CSV, dapat dibuka di Excel)"},
		{"english csv caption with repeats", en.DigestCSVCaption(0, 3), "📎 List of 0 reports and 3 repeat reports (CSV, opens in Excel)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}
