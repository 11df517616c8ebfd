package main

import (
	"slices"
	"testing"
)

func TestAckedTips(t *testing.T) {
	tests := []struct {
		name, text string
		want       []int64
	}{
		{"single", "✅ Laporan #17 diterima dan diteruskan ke Ditintelkam.", []int64{17}},
		{"range and single", "✅ Laporan #31-#45, #47 diterima dan diteruskan ke Ditintelkam.",
			[]int64{31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 47}},
		{"list", "✅ Laporan #3, #5, #8-#9 diterima dan diteruskan ke Ditintelkam.", []int64{3, 5, 8, 9}},
		{"range without second hash", "✅ Laporan #3-5 diterima dan diteruskan ke Ditintelkam.", []int64{3, 4, 5}},
		{"english", "✅ Reports #3-#4, #9 received and relayed to Ditintelkam.", []int64{3, 4, 9}},
		{"english single", "✅ Report #12 received and relayed to Ditintelkam.", []int64{12}},
		{"backwards range is skipped", "✅ Laporan #9-#3, #11 diterima dan diteruskan.", []int64{11}},
		{"help text", "Anda akan menerima balasan seperti «Laporan #17 diterima».", []int64{17}},
		{"not an ack", "Perintah /x tidak dikenal. Ketik /help untuk panduan.", nil},
		{"group header", "📥 Laporan #17\nPelapor: Rina", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ackedTips(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("ackedTips(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestGroupTips(t *testing.T) {
	tests := []struct {
		name, text string
		want       []int64
	}{
		{"header", "📥 Laporan #17\nPelapor: Petugas 1\nWaktu: 24/11/2026 09:15 WITA", []int64{17}},
		{"summary", "📥 Ringkasan 3 laporan\n\nLaporan #4 · Petugas 1 · 09:15\nTemuan patroli\n\nLaporan #5 · Petugas 2\n\nLaporan #6 · Petugas 3",
			[]int64{4, 5, 6}},
		{"english header", "📥 Report #8\nReporter: Rina", []int64{8}},
		{"copied tip text", "Temuan patroli 12: ajakan provokasi https://example.org/posts/12", nil},
		{"edit notice", "✏️ Laporan #4 diubah oleh pelapor. Teks terbaru:\nbaru", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := groupTips(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("groupTips(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestTipSet(t *testing.T) {
	s := newTipSet(3)
	for _, n := range []int64{0, 4, 2, 2, 1} {
		s.add(n)
	}
	if s.complete() {
		t.Fatal("got complete with tip 3 missing")
	}
	if got := s.missing(5); !slices.Equal(got, []int64{3}) {
		t.Errorf("got missing %v, want [3]", got)
	}
	if !s.add(3) || !s.complete() {
		t.Error("got incomplete after adding 3")
	}
}

func TestThousands(t *testing.T) {
	for x, want := range map[float64]string{0: "0", 999.4: "999", 999.5: "1,000", 1234567: "1,234,567"} {
		if got := thousands(x); got != want {
			t.Errorf("thousands(%v) = %q, want %q", x, got, want)
		}
	}
}
