package gazetteer

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestBaliFileIsTheConfigsCopy(t *testing.T) {
	shipped, err := os.ReadFile("../../configs/regions/bali.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(shipped, []byte(baliYAML)) {
		t.Error("configs/regions/bali.yaml differs from internal/gazetteer/bali.yaml: copy one over the other")
	}
	g, err := LoadFile("../../configs/regions/bali.yaml")
	if err != nil {
		t.Fatalf("LoadFile: %v", err)
	}
	if got, want := g.Keys(), Bali().Keys(); !reflect.DeepEqual(got, want) {
		t.Errorf("Keys = %v, want %v", got, want)
	}
}

func TestBaliRegions(t *testing.T) {
	g := Bali()
	tests := []struct {
		key             tip.RegionKey
		name, short     string
		unit            string
		kecamatan       int
		someKecamatanOf []string
	}{
		{"denpasar", "Kota Denpasar", "Denpasar", "Polresta Denpasar", 4, []string{"Denpasar Selatan"}},
		{"badung", "Kabupaten Badung", "Badung", "Polres Badung", 6, []string{"Kuta Selatan", "Petang"}},
		{"gianyar", "Kabupaten Gianyar", "Gianyar", "Polres Gianyar", 7, []string{"Ubud"}},
		{"tabanan", "Kabupaten Tabanan", "Tabanan", "Polres Tabanan", 10, []string{"Selemadeg Timur"}},
		{"klungkung", "Kabupaten Klungkung", "Klungkung", "Polres Klungkung", 4, []string{"Nusa Penida"}},
		{"bangli", "Kabupaten Bangli", "Bangli", "Polres Bangli", 4, []string{"Kintamani"}},
		{"karangasem", "Kabupaten Karangasem", "Karangasem", "Polres Karangasem", 8, []string{"Sidemen"}},
		{"buleleng", "Kabupaten Buleleng", "Buleleng", "Polres Buleleng", 9, []string{"Gerokgak"}},
		{"jembrana", "Kabupaten Jembrana", "Jembrana", "Polres Jembrana", 5, []string{"Pekutatan"}},
	}
	var keys []tip.RegionKey
	total := 0
	for _, tt := range tests {
		keys = append(keys, tt.key)
		total += tt.kecamatan
		t.Run(string(tt.key), func(t *testing.T) {
			r, ok := g.Region(tt.key)
			if !ok {
				t.Fatalf("Region(%q) not found", tt.key)
			}
			if want := (Region{Key: tt.key, Name: tt.name, Short: tt.short, Unit: tt.unit}); r != want {
				t.Errorf("Region = %+v, want %+v", r, want)
			}
			if got, want := g.Name(tt.key), tt.short; got != want {
				t.Errorf("Name = %q, want %q", got, want)
			}
			kec := kecamatanOf(g, tt.key)
			if got := len(kec); got != tt.kecamatan {
				t.Errorf("%d kecamatan %q, want %d", got, kec, tt.kecamatan)
			}
			for _, name := range tt.someKecamatanOf {
				if !containsString(kec, name) {
					t.Errorf("kecamatan %q missing from %q", name, kec)
				}
			}
		})
	}
	if got := g.Keys(); !reflect.DeepEqual(got, keys) {
		t.Errorf("Keys = %v, want %v", got, keys)
	}
	if got := len(kecamatanOf(g, "")); got != total || total != 57 {
		t.Errorf("Bali has %d kecamatan (table %d), want 57", got, total)
	}
	if got, want := g.Province(), "Bali"; got != want {
		t.Errorf("Province = %q, want %q", got, want)
	}
	if _, ok := g.Region("bandung"); ok {
		t.Error(`Region("bandung") found`)
	}
	if got := g.Name("bandung"); got != "" {
		t.Errorf(`Name("bandung") = %q, want ""`, got)
	}
}

func TestHashtagRegion(t *testing.T) {
	tests := []struct {
		tag    string
		want   tip.RegionKey
		wantOK bool
	}{
		{"#badung", "badung", true},
		{"#BADUNG", "badung", true},
		{"Denpasar", "denpasar", true},
		{" #Buleleng ", "buleleng", true},
		{"#bandung", "", false},
		{"#kuta", "", false}, // a place, not a region key
		{"#", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.tag, func(t *testing.T) {
			got, ok := Bali().HashtagRegion(tt.tag)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("HashtagRegion(%q) = %q, %v, want %q, %v", tt.tag, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

// kecamatanOf returns the kecamatan names of region key, or of every region
// for "".
func kecamatanOf(g *Gazetteer, key tip.RegionKey) []string {
	var out []string
	for _, pl := range g.places {
		if pl.kind == kindKecamatan && (key == "" || pl.region == key) {
			out = append(out, pl.name)
		}
	}
	return out
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
