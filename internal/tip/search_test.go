package tip

import (
	"reflect"
	"testing"
)

func TestNasalRoot(t *testing.T) {
	tests := []struct{ word, want string }{
		{"menutup", "tutup"},
		{"PENUTUPAN", "tutupan"},
		{"memilih", "pilih"},
		{"pemilihan", "pilihan"},
		{"mengirim", "kirim"},
		{"pengiriman", "kiriman"},
		{"menyebar", "sebar"},
		{"penyebaran", "sebaran"},
		{"menerima", "terima"},
		{"membakar", ""}, // meN- keeps b: "bakar" is inside the word
		{"mencoblos", ""},
		{"penduduk", ""},
		{"mengancam", "kancam"}, // looks made so: harmless
		{"ditutup", ""},
		{"tutup", ""},
		{"meja", ""},
		{"menu", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NasalRoot(tt.word); got != tt.want {
			t.Errorf("NasalRoot(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestParseSearch(t *testing.T) {
	tests := []struct {
		in   string
		want []SearchTerm
	}{
		{"", nil},
		{"tps 17", []SearchTerm{{Words: []string{"tps"}, Prefix: true}, {Words: []string{"17"}, Prefix: true}}},
		{`"surat suara" fb.com/hoaks`, []SearchTerm{{Words: []string{"surat", "suara"}}, {Words: []string{"fb", "com", "hoaks"}, Prefix: true}}},
		{"#hoaks 😱", []SearchTerm{{Words: []string{"hoaks"}, Prefix: true}}},
	}
	for _, tt := range tests {
		if got := ParseSearch(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseSearch(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}
