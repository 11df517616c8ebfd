package tip

import "testing"

// What internal/ocr reads in its fixtures: a chat screenshot, the same at
// 75% size, a chat of the same group with other messages, and a post.
const (
	ocrChat = "10:42\nGrup Relawan Desa Kuta\nMade, Putu, Komang, Anda\nHARI INI\nMade\nINFO PENTING!! TPS 17 DITUTUP\n10:31\nMade\n" +
		"Warga diminta tidak datang ke TPS 17 Desa\nKuta besok pagi. Pemungutan suara dipindah\nke balai banjar.\n10:31\n" +
		"Info ini dari siapa? Sudah dicek ke KPU atau\npanitia?\n10:35\nPutu\nKatanya dari panitia desa. Tolong disebarkan\n" +
		"ke grup lain ya.\n10:38\nJangan disebar dulu. Kami teruskan ke\nDiskominfos untuk dicek.\n10:40\nKetik pesan"
	ocrChat75 = "Grup Relawan Desa Kuta\nMade, Putu, Komang, Anda\nMade\nINFO PENTING!! TPS 17 DITUTUP\nMade\n" +
		"Warga diminta tidak datang ke TPS 17 Desa\nKuta besok pagi. Pemungutan suara dipindah\nke balai banjar.\n1031\n" +
		"Info ini dari siapa? Sudah dicek ke KPU atau\npanitia?\n10:35\nPutu\nKatanya dari panitia desa. Tolong disebarkan\n" +
		"ke grup lain ya.\n10:38\nJangan disebar dulu. Kami teruskan ke\nDiskominfos untuk dicek.\n10:40"
	ocrChatOther = "10:42\nGrup Relawan Desa Kuta\nMade, Putu, Komang, Anda\nHARI INI\nKomang\nKABAR BURUK: Jembatan Tukad Ayung\nputus\n10:31\n" +
		"Komang\nJalan menuju pasar tidak bisa dilewati\nkendaraan sejak tadi malam. Hati-hati kalau\nlewat sana.\n10:31\n" +
		"Ada fotonya? Biar kami kirim ke petugas di\nlapangan.\n10:35\nPutu\nNanti saya fotokan waktu pulang kerja sore ini.\n10:38\n" +
		"Terima kasih, kami tunggu kabarnya.\n10:40\nKetik pesan"
	ocrPost = "09:15 LTE 6496\nBeranda\nInfo Gianyar Terkini\n3 jam : Publik\nBeredar pesan berantai bahwa jembatan di Gianyar putus\n" +
		"dan semua jalan ke Ubud ditutup. Pesan itu tidak benar,\njalan masih bisa dilewati seperti biasa.\n#hoaks #Gianyar #CekFakta\n" +
		"1,2 rb suka 318 komentar 97 dibagikan\nSuka Komentari Bagikan\nBerita Bali Hari Ini\n5 jam Publik"
	// ocrChatMisread is ocrChat with six words misread, as on a blurred
	// screenshot.
	ocrChatMisread = "10:42\nGrup Relawan Desa Kuta\nMade, Putu, Komang, Anda\nHARI INI\nMade\nINFO PENTING!! TPS 17 DITUTIJP\n10:31\nMade\n" +
		"Warga dimința tidak datang ke TPS 17 Desa\nKuta besok pagi. Pemunqutan suara dipindah\nke balai banjar.\n10:3l\n" +
		"Info ini dari siapa? Sudah dicek ke KPU atau\npanitia?\n10:35\nPutu\nKatanya dari panitia desa. Tolong disebarkan\n" +
		"ke grup lain ya.\n10:38\nJangan disebar dulu. Kami teruskan ke\nDiskomintos untuk dicek.\n1O:4O\nKetik pesan"
)

func TestTextSimilarity(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want float64 // exact when same is irrelevant, see below
		same bool    // want at or above SameTextSimilarity
	}{
		{"identical", "TPS 17 ditutup besok", "TPS 17 ditutup besok", 1, true},
		{"case, punctuation and lines", "TPS 17 DITUTUP!!", "tps 17\nditutup.", 1, true},
		{"a repeated sentence", "TPS 17 ditutup TPS 17 ditutup", "TPS 17 ditutup", 0.9, true},
		{"order counts through the pairs", "ditutup TPS 17", "TPS 17 ditutup", 0.75, true},
		{"same words, other sentences", "warga datang tidak besok", "besok tidak datang warga", 0.5, false},
		{"accents", "Pemungutan suara dibatalkan", "Pémungutan suára dibatalkan", 1, true},
		{"one-character marks", "e Grup Relawan Desa", "Grup Relawan Desa @ |", 1, true},
		{"one word of four differs", "warga tidak datang besok", "warga tidak datang lusa", 0.7083333333333333, true},
		{"disjoint", "jembatan putus", "warga tidak datang", 0, false},
		{"empty", "", "TPS 17 ditutup", 0, false},
		{"both empty", "", "", 0, false},
		{"only marks", "@ | ©", "@ | ©", 0, false},
		{"OCR of the chat and of it at 75%", ocrChat, ocrChat75, -1, true},
		{"OCR of the chat and six misread words", ocrChat, ocrChatMisread, -1, true},
		{"OCR of two chats of one group", ocrChat, ocrChatOther, -1, false},
		{"OCR at 75% and another chat", ocrChat75, ocrChatOther, -1, false},
		{"OCR of a chat and a post", ocrChat, ocrPost, -1, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := TextSimilarity(tc.a, tc.b)
			if back := TextSimilarity(tc.b, tc.a); back != got {
				t.Errorf("not symmetric: %.3f one way, %.3f the other", got, back)
			}
			if tc.want >= 0 && got != tc.want {
				t.Errorf("TextSimilarity = %.3f, want %.3f", got, tc.want)
			}
			if same := got >= SameTextSimilarity; same != tc.same {
				t.Errorf("TextSimilarity = %.3f: same = %v, want %v (threshold %.2f)", got, same, tc.same, SameTextSimilarity)
			}
			t.Logf("TextSimilarity = %.3f", got)
		})
	}
}

func TestHasReadableText(t *testing.T) {
	tests := []struct {
		name string
		s    string
		want bool
	}{
		{"empty", "", false},
		{"marks", "— | © @", false},
		{"a fence read as letters", "HE EEE", false},
		{"status bar", "10:42 4G 87%", false},
		{"two words", "TPS 17 DITUTUP", false},
		{"three words", "TPS 17 DITUTUP besok", true},
		{"a sentence", "Warga diminta tidak datang", true},
		{"a chat", ocrChat, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := HasReadableText(tc.s); got != tc.want {
				t.Errorf("HasReadableText(%q) = %v, want %v", tc.s, got, tc.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want rune }{
		{'a', 'a'}, {'é', 'e'}, {'ñ', 'n'}, {'ß', 's'}, {'æ', 'a'}, {'ø', 'o'}, {'ÿ', 'y'},
		{'ā', 'a'}, {'č', 'c'}, {'ğ', 'g'}, {'ı', 'i'}, {'ł', 'l'}, {'ő', 'o'}, {'ș', 'ș'}, {'ž', 'z'}, {'ſ', 's'},
		{'÷', '÷'}, {'þ', 'þ'}, {'я', 'я'}, {'7', '7'},
	}
	for _, tc := range tests {
		if got := fold(tc.in); got != tc.want {
			t.Errorf("fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if len(latin1) != 0xff-0xdf+1 || len(latinExtA) != 0x17f-0x100+1 {
		t.Errorf("tables of %d and %d letters, want %d and %d", len(latin1), len(latinExtA), 0xff-0xdf+1, 0x17f-0x100+1)
	}
}
