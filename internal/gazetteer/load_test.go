package gazetteer

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// lombok is a small gazetteer of another province.
const lombok = `province: Nusa Tenggara Barat
regions:
  kota_mataram:
    name: Kota Mataram
    short: Mataram
    unit: Polresta Mataram
    kecamatan: [Ampenan, Cakranegara, {name: Selaparang}]
  lombok_tengah:
    name: Kabupaten Lombok Tengah
    unit: Polres Lombok Tengah
    kecamatan:
      - {name: Pujut, capital: Sengkol}
      - {name: Praya, common: false}
    places: [Kuta, Mandalika, {name: Batu Nyala, common: true}]
`

// MustLoad loads the YAML text and fails the test on an error.
func MustLoad(tb testing.TB, text string) *Gazetteer {
	tb.Helper()
	g, err := Load(strings.NewReader(text))
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return g
}

func TestLoadAnotherProvince(t *testing.T) {
	g := MustLoad(t, lombok)
	if got, want := g.Keys(), []tip.RegionKey{"kota_mataram", "lombok_tengah"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Keys = %v, want %v", got, want)
	}
	r, _ := g.Region("lombok_tengah")
	if want := (Region{Key: "lombok_tengah", Name: "Kabupaten Lombok Tengah", Short: "Kabupaten Lombok Tengah", Unit: "Polres Lombok Tengah"}); r != want {
		t.Errorf("Region = %+v, want %+v", r, want)
	}
	tests := []struct {
		text string
		want []tip.RegionKey
	}{
		{"di Kuta, Lombok", []tip.RegionKey{"lombok_tengah"}},
		{"Sengkol dan Ampenan", []tip.RegionKey{"lombok_tengah", "kota_mataram"}},
		{"kabupaten lombok tengah", []tip.RegionKey{"lombok_tengah"}},
		{"kota mataram", []tip.RegionKey{"kota_mataram"}},
		{"batu nyala", nil},
		{"Desa Batu Nyala", []tip.RegionKey{"lombok_tengah"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := g.Find(tt.text); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Find(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want string
	}{
		{"not YAML", "regions: [", "invalid YAML: line 1: did not find expected node content"},
		{"empty file", "", "the file has no regions"},
		{"no regions", "province: X\n", `line 1: regions is missing`},
		{"empty regions", "regions: {}\n", `line 1: regions is empty`},
		{"unknown top field", "provinsi: X\nregions:\n  a: {name: A, unit: U}\n", `line 1: unknown field "provinsi" (want province, regions)`},
		{"upper-case key", "regions:\n  Badung: {name: B, unit: U}\n",
			`line 2: region key "Badung" must be lower-case ascii letters, digits and underscores, starting with a letter, at most 32 bytes`},
		{"key with a dash", "regions:\n  lombok-barat: {name: B, unit: U}\n",
			`line 2: region key "lombok-barat" must be lower-case ascii letters, digits and underscores, starting with a letter, at most 32 bytes`},
		{"duplicate key", "regions:\n  a: {name: A, unit: U}\n  b: {name: B, unit: U}\n  a: {name: A2, unit: U}\n",
			`line 4: region "a" repeats line 2`},
		{"empty name and unit", "regions:\n  a:\n    name: ''\n    kecamatan: [X]\n",
			`line 3: region "a": name is empty; line 3: region "a": unit is empty`},
		{"empty place", "regions:\n  a:\n    name: A\n    unit: U\n    places: [Sanur, '  ', '!!']\n",
			`line 5: region "a": a place name is empty; line 5: region "a": a place name is empty`},
		{"place in two regions", "regions:\n  a:\n    name: A\n    unit: U\n    places: [Kuta]\n  b:\n    name: B\n    unit: U\n    kecamatan:\n      - KUTA\n",
			`line 10: region "b": place "KUTA" is also in region "a" (line 5)`},
		{"place twice in one region", "regions:\n  a:\n    name: A\n    unit: U\n    kecamatan: [{name: Kuta, capital: Legian}]\n    places: [Legian]\n",
			`line 6: region "a": place "Legian" repeats line 5`},
		{"key is another region's place", "regions:\n  a:\n    name: A\n    unit: U\n    places: [Badung]\n  badung:\n    name: B\n    unit: U\n",
			`line 6: region "badung": the key names place "Badung" of region "a" (line 5)`},
		{"unknown region field", "regions:\n  a:\n    name: A\n    unit: U\n    polres: X\n",
			`line 5: region "a": unknown field "polres" (want name, short, unit, kecamatan, places)`},
		{"capital of a place", "regions:\n  a:\n    name: A\n    unit: U\n    places: [{name: X, capital: Y}]\n",
			`line 5: region "a": unknown field "capital" (want name, common)`},
		{"bad common", "regions:\n  a:\n    name: A\n    unit: U\n    places: [{name: X, common: sometimes}]\n",
			`line 5: region "a": common must be true or false`},
		{"places not a list", "regions:\n  a:\n    name: A\n    unit: U\n    places: Sanur\n",
			`line 5: region "a": must be a list of names or {name: ..., common: true}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(tt.yaml))
			if err == nil {
				t.Fatalf("Load = nil error, want %q", tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Load error:\n got %s\nwant %s", got, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error has more than one line: %q", err)
			}
		})
	}
}

func TestLoadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(path, []byte("regions:\n  A: {name: A, unit: U}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := LoadFile(path)
	if err == nil || !strings.HasPrefix(err.Error(), path+": line 2: region key \"A\"") {
		t.Errorf("LoadFile(bad) error = %v, want it to start with the path and line", err)
	}
	_, err = LoadFile(filepath.Join(t.TempDir(), "missing.yaml"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LoadFile(missing) error = %v, want fs.ErrNotExist", err)
	}
}
