package gazetteer

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestFind(t *testing.T) {
	type keys = []tip.RegionKey
	tests := []struct {
		name string
		text string
		want keys
	}{
		{"Kuta", "Ada baliho provokatif di Kuta", keys{"badung"}},
		{"lower case", "kuta", keys{"badung"}},
		{"upper case", "KUTA", keys{"badung"}},
		{"Kutai is not Kuta", "Kutai Kartanegara", nil},
		{"Kuta inside a word", "Sekutanya", nil},
		{"Nusa Dua", "Nusa Dua", keys{"badung"}},
		{"nusa penida", "video dari nusa penida", keys{"klungkung"}},
		{"bare Nusa", "Nusa Tenggara", nil},
		{"multi-word over spaces", "Nusa   Dua", keys{"badung"}},
		{"multi-word over a hyphen", "Nusa-Dua", keys{"badung"}},
		{"multi-word over a line break", "Tanah\nLot", keys{"tabanan"}},
		{"multi-word not over a comma", "Nusa, Dua", nil},
		{"Tanah Lot", "di Pura Tanah Lot", keys{"tabanan"}},
		{"Tanah alone", "sengketa tanah", nil},
		{"kecamatan longest first", "Kecamatan Kuta Selatan", keys{"badung"}},
		{"Denpasar Selatan", "Denpasar Selatan", keys{"denpasar"}},
		{"Pasar Badung is in Denpasar", "kebakaran Pasar Badung", keys{"denpasar"}},
		{"capital", "Amlapura", keys{"karangasem"}},
		{"regency name", "Kabupaten Buleleng", keys{"buleleng"}},
		{"police unit", "Polresta Denpasar", keys{"denpasar"}},
		{"two regions in order", "Demo di Kuta dan Ubud", keys{"badung", "gianyar"}},
		{"two regions reversed", "Demo di Ubud dan Kuta", keys{"gianyar", "badung"}},
		{"deduplicated", "Kuta, Legian, Seminyak, lalu Ubud dan Kuta lagi", keys{"badung", "gianyar"}},
		{"three regions", "Singaraja, Gilimanuk, Sanur", keys{"buleleng", "jembrana", "denpasar"}},
		{"trailing comma", "Ubud,", keys{"gianyar"}},
		{"quotes and brackets", `("Ubud")`, keys{"gianyar"}},
		{"hashtag", "#Ubud", keys{"gianyar"}},
		{"emoji around", "🔥Ubud🔥", keys{"gianyar"}},
		{"emoji between words", "Nusa 🌊 Dua", nil},
		{"url path", "https://example.com/berita/kuta", keys{"badung"}},
		{"digits glued", "Kuta2", nil},
		{"no place", "Hoaks tentang pemilu beredar di WhatsApp", nil},
		{"empty", "", nil},
		{"accented letters are letters", "Kutaé", nil},
		{"non-Latin around", "Кuta", nil},
		{"Canggu", "villa di canggu", keys{"badung"}},
		{"Kintamani", "Kintamani", keys{"bangli"}},
		{"Besakih", "Pura Besakih", keys{"karangasem"}},
		{"Gunung Agung", "Gunung Agung", keys{"karangasem"}},
		{"Agung alone", "Masjid Agung", nil},
		{"Semarapura", "Semarapura", keys{"klungkung"}},
		{"Bedugul", "Bedugul", keys{"tabanan"}},
		{"Lovina", "pantai Lovina", keys{"buleleng"}},
		{"Medewi", "Medewi", keys{"jembrana"}},
		{"Badung region name", "Badung", keys{"badung"}},
		{"Denpasar region name", "DENPASAR", keys{"denpasar"}},
		{"common after a marker in a sentence", "Terjadi di Desa Banjar, dekat Lovina", keys{"buleleng"}},
		{"common and a place", "negara ini dan Ubud", keys{"gianyar"}},
		{"marker then place in another region", "Kecamatan Negara dan Kuta", keys{"jembrana", "badung"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Bali().Find(tt.text); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Find(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

// TestFindEveryKecamatan checks, for each kecamatan of the file, that the
// name alone (unless common), "Kecamatan <name>" and "Kec. <name>" find
// exactly its region, and so does its capital.
func TestFindEveryKecamatan(t *testing.T) {
	g := Bali()
	n := 0
	for _, pl := range g.places {
		if pl.kind != kindKecamatan && pl.kind != kindCapital {
			continue
		}
		n++
		want := []tip.RegionKey{pl.region}
		texts := []string{"Kecamatan " + pl.name, "kec. " + strings.ToUpper(pl.name), "laporan dari Kec." + pl.name + "!"}
		if !pl.common {
			texts = append(texts, pl.name, "di "+strings.ToLower(pl.name)+", Bali")
		}
		for _, text := range texts {
			t.Run(text, func(t *testing.T) {
				if got := g.Find(text); !reflect.DeepEqual(got, want) {
					t.Errorf("Find(%q) = %v, want %v", text, got, want)
				}
			})
		}
	}
	if n < 57 {
		t.Errorf("only %d kecamatan and capitals, want at least 57", n)
	}
}

// TestFindEveryPlace checks that every place of the file finds its region,
// after a marker when it is common.
func TestFindEveryPlace(t *testing.T) {
	g := Bali()
	for _, pl := range g.places {
		text := pl.name
		if pl.common {
			text = "Desa " + pl.name
		}
		t.Run(text, func(t *testing.T) {
			if got, want := g.Find(text), []tip.RegionKey{pl.region}; !reflect.DeepEqual(got, want) {
				t.Errorf("Find(%q) = %v, want %v", text, got, want)
			}
		})
	}
}

// TestFindCommonWords checks that the places that are also ordinary words
// never route without "Kecamatan", "Kec." or "Desa" right before them, and
// do with one.
func TestFindCommonWords(t *testing.T) {
	g := Bali()
	commons := map[string]tip.RegionKey{}
	for _, pl := range g.places {
		if pl.common {
			commons[pl.name] = pl.region
		}
	}
	for _, want := range []string{"Negara", "Banjar", "Kubu", "Abang", "Selat", "Petang", "Manggis", "Marga", "Susut", "Sawan", "Dawan", "Rendang"} {
		if _, ok := commons[want]; !ok {
			t.Errorf("%s is not marked common", want)
		}
	}
	sentences := []string{"%s", "%s!", "di %s", "kata %s hari ini", "Kabupaten %s", "Kota %s", "desa di %s", "kecamatan, %s", "kec %s", "Desa. %s", "#%s"}
	for name, region := range commons {
		for _, format := range sentences {
			for _, spelled := range []string{name, strings.ToLower(name), strings.ToUpper(name)} {
				text := strings.ReplaceAll(format, "%s", spelled)
				if got := g.Find(text); got != nil {
					t.Errorf("Find(%q) = %v, want none: %s is a common word", text, got, name)
				}
			}
		}
		for _, marker := range []string{"Kecamatan %s", "kecamatan %s", "KEC. %s", "Kec.%s", "Desa %s", "desa  %s", "di Desa %s, Bali"} {
			text := strings.ReplaceAll(marker, "%s", name)
			if got, want := g.Find(text), []tip.RegionKey{region}; !reflect.DeepEqual(got, want) {
				t.Errorf("Find(%q) = %v, want %v", text, got, want)
			}
		}
	}
	for _, text := range []string{"negara ini", "di banjar", "kubu 01 dan kubu 02", "selat Bali", "petang hari",
		"buah manggis", "marga Siregar", "harga susut", "anak sawan", "Pak Dawan", "nasi rendang", "abang ojol",
		"Serangan hoaks", "keramas dulu", "diculik", "culik", "Kediri, Jawa Timur", "Tuban, Jawa Timur"} {
		if got := g.Find(text); got != nil {
			t.Errorf("Find(%q) = %v, want none", text, got)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, seed := range []string{"Demo di Kuta dan Ubud", "Kecamatan Negara", "Kec.", "kec. ", "Nusa-", "İstanbul Kuta",
		"\xff\xfeKuta", "Desa\u00a0Banjar", "🔥", "Kecamatan", strings.Repeat("nusa ", 50)} {
		f.Add(seed)
	}
	g := Bali()
	f.Fuzz(func(t *testing.T, text string) {
		found := g.Find(text)
		seen := map[tip.RegionKey]bool{}
		for _, k := range found {
			if _, ok := g.Region(k); !ok || seen[k] {
				t.Fatalf("Find(%q) = %v: unknown or repeated region %q", text, found, k)
			}
			seen[k] = true
		}
	})
}

// benchText is a realistic tip of 1,000+ characters naming two places late
// in the text.
var benchText = strings.Repeat("Beredar pesan berantai di grup WhatsApp yang menyebut kecurangan pemilu, mohon ditindaklanjuti segera. ", 10) +
	"Lokasi: Jl. Raya Kuta, dekat Ubud 😡"

func BenchmarkFind(b *testing.B) {
	if n := utf8.RuneCountInString(benchText); n < 1000 {
		b.Fatalf("benchText has %d characters, want 1,000", n)
	}
	g := Bali()
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	for b.Loop() {
		if got := g.Find(benchText); len(got) != 2 {
			b.Fatalf("Find = %v", got)
		}
	}
}
