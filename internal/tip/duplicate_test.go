package tip

import "testing"

func TestSameImage(t *testing.T) {
	const (
		tps   = "Warga diminta tidak datang ke TPS 17 Desa Kuta besok pagi. TPS 17 DITUTUP"
		noisy = "Warga diminta tidak datang ke TPS 17 Desa Kuta besok pag1. TPS 17 DITUTUP"
		other = "Relawan posko jalan rusak banjir, tolong cek lokasi foto kiriman teman"
	)
	tests := []struct {
		name     string
		distance int
		a, b     string
		want     bool
	}{
		{"re-encoded, same text", 1, tps, tps, true},
		{"resized, OCR noise", 4, tps, noisy, true},
		{"same layout, other text", 5, tps, other, false},
		{"agreeing text but far hash", 7, tps, tps, false},
		{"no text either side, very close", 2, "", "", true},
		{"no text either side, only close", 3, "", "", false},
		{"garbage OCR counts as no text", 1, "| ~ ;", "", true},
		{"text on one side only", 0, tps, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SameImage(tt.distance, tt.a, tt.b); got != tt.want {
				t.Errorf("SameImage(%d, %q, %q) = %v, want %v", tt.distance, tt.a, tt.b, got, tt.want)
			}
		})
	}
}
