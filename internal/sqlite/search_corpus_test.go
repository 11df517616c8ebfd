package sqlite

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// A generator of tip texts in the style the cyber patrol staff write
// them, for the search benchmark: a claim seen on a platform, with
// Indonesian affixed verbs (di-, meN-, peN-...-an, ber-, ter-, -kan,
// -nya), Bali's place names, numbers, hashtags and links. Common words
// are drawn more often than rare ones.
var (
	corpusRoots = strings.Fields(`tutup pilih coblos bagi hasut sebar ancam bakar rusak hitung curang pindah undur
		tunda bayar beli jual kumpul serang tolak dukung lapor periksa tangkap usir larang hapus ubah palsu cetak
		kirim pantau aman jaga tembak pukul fitnah hina caci hujat bela curi rampas gusur blokir tipu umum siar`)
	corpusPlaces = strings.Fields(`Denpasar Badung Gianyar Tabanan Klungkung Bangli Karangasem Buleleng Jembrana
		Kuta Ubud Sanur Renon Sukawati Mengwi Kerobokan Canggu Seminyak Jimbaran Nusa_Dua Singaraja Negara Amlapura
		Semarapura Tegallalang Payangan Blahbatuh Kediri Marga Penebel Baturiti Petang Abiansemal Kintamani Susut`)
	corpusSubjects = []string{"warga", "panitia", "petugas KPPS", "oknum ASN", "tim sukses paslon", "kepala desa",
		"massa pendukung", "akun anonim", "admin grup", "relawan", "pengurus banjar", "oknum aparat", "calon bupati",
		"calon gubernur", "pasangan calon nomor urut 2", "Bawaslu", "KPU daerah", "ormas", "pemuda setempat"}
	corpusMedia = []string{"WhatsApp", "grup WA warga", "Facebook", "TikTok", "Instagram", "X", "Telegram", "YouTube",
		"grup Facebook jual beli", "status WA", "siaran langsung TikTok"}
	corpusKinds = []string{"informasi", "kabar", "video", "pesan berantai", "foto", "tangkapan layar", "unggahan",
		"selebaran", "poster", "rekaman suara", "tautan"}
	corpusObjects = []string{"surat suara", "kotak suara", "TPS", "daftar pemilih tetap", "formulir C1",
		"hasil rekapitulasi", "uang tunai", "sembako", "amplop", "spanduk", "baliho", "kartu tanda penduduk",
		"logistik pemilu", "undangan memilih"}
	corpusTails = []string{"Mohon segera ditindaklanjuti.", "Sudah dibagikan lebih dari 500 kali.", "Banyak warga resah.",
		"Akun tersebut baru dibuat minggu ini.", "Informasi ini belum terverifikasi.", "Mohon dicek kebenarannya.",
		"Sudah viral sejak semalam.", "Komentar bernada provokatif dan SARA.", "Pelapor meminta identitas dirahasiakan.",
		"Sumber tidak jelas.", "Ada ajakan untuk berkumpul besok pagi.", "Mengandung ujaran kebencian."}
	corpusTags = []string{"#hoakspilkada", "#pilkadadamai", "#tolakpolitikuang", "#hoaks", "#provokasi", "#sara",
		"#kampanyehitam", "#politikuang", "#netralitas", "#ancaman", "#badung", "#gianyar", "#denpasar", "#buleleng",
		"#darurat", "#penting", "#balidamai", "#pilkadabali2026"}
	corpusNames   = strings.Fields(`Made Wayan Nyoman Ketut Putu Komang Gede Kadek Luh Ayu Agung Dewa Gusti Bagus Nengah Sri Dian Rina Budi Andi`)
	corpusFamily  = strings.Fields(`Sudarma Wirawan Suarjana Artawan Mahendra Yasa Putra Dewi Lestari Astawa Pratama Santika Wijaya Adnyana`)
	corpusTitles  = []string{"Info Denpasar Terkini", "Berita Bali Hari Ini", "Seputar Badung", "Gianyar Update", "Suara Rakyat Bali", "Info Pilkada Bali", "Warga Buleleng Bersatu", "Kabar Tabanan", "Bali Viral", "Lambe Bali"}
	corpusScreens = []string{"Pesan diteruskan berkali-kali", "Grup Warga Desa", "Balas", "Bagikan", "Suka", "12.05", "Sudah dibaca", "Komentar"}
)

// corpus draws tip texts; the same seed gives the same texts.
type corpus struct{ r *rand.Rand }

func newCorpus(seed uint64) corpus { return corpus{rand.New(rand.NewPCG(seed, 2026))} }

func (c corpus) pick(s []string) string { return s[c.r.IntN(len(s))] }

// common picks early entries more often than later ones.
func (c corpus) common(s []string) string { return s[int(float64(len(s))*c.r.Float64()*c.r.Float64())] }

func (c corpus) place() string { return strings.ReplaceAll(c.common(corpusPlaces), "_", " ") }

func (c corpus) number(n int) string { return strconv.Itoa(1 + c.r.IntN(n)) }

// verb is root with one of the Indonesian affixes.
func (c corpus) verb() string {
	root := c.common(corpusRoots)
	switch c.r.IntN(9) {
	case 0:
		return "di" + root
	case 1:
		return "di" + root + "kan"
	case 2:
		return nasal("me", root)
	case 3:
		return nasal("pe", root) + "an"
	case 4:
		return "ber" + root
	case 5:
		return "ter" + root
	case 6:
		return root + "nya"
	case 7:
		return "ke" + root + "an"
	}
	return root
}

// nasal is prefix meN- or peN- (p "me" or "pe") on root.
func nasal(p, root string) string {
	switch root[0] {
	case 't':
		return p + "n" + root[1:]
	case 'p':
		return p + "m" + root[1:]
	case 's':
		return p + "ny" + root[1:]
	case 'k':
		return p + "ng" + root[1:]
	case 'b':
		return p + "m" + root
	case 'c', 'd', 'j':
		return p + "n" + root
	}
	return p + "ng" + root
}

// claim is one sentence of what a post says.
func (c corpus) claim() string {
	switch c.r.IntN(6) {
	case 0:
		return "TPS " + c.number(40) + " di Desa " + c.place() + " " + c.verb() + " oleh " + c.pick(corpusSubjects)
	case 1:
		return c.pick(corpusObjects) + " sudah " + c.verb() + " untuk paslon nomor " + c.number(4)
	case 2:
		return c.pick(corpusSubjects) + " membagikan " + c.pick(corpusObjects) + " Rp" + c.number(450) + ".000 kepada warga " + c.place()
	case 3:
		return "akan ada " + c.verb() + " di " + c.place() + " setelah pengumuman hasil pilkada"
	case 4:
		return c.pick(corpusSubjects) + " di Kecamatan " + c.place() + " " + c.verb() + " " + c.pick(corpusObjects)
	}
	return c.pick(corpusSubjects) + " " + c.verb() + " " + c.pick(corpusSubjects) + " di " + c.place() + " pada " + c.number(28) + "/" + c.number(12)
}

// tip returns the text and links of tip number n.
func (c corpus) tip(n int) (string, []string) {
	var b strings.Builder
	b.WriteString("Beredar " + c.pick(corpusKinds) + " di " + c.pick(corpusMedia) + " bahwa " + c.claim() + ". ")
	for i := c.r.IntN(3); i > 0; i-- {
		b.WriteString(c.pick(corpusTails) + " ")
	}
	for i := c.r.IntN(3); i > 0; i-- {
		b.WriteString(c.common(corpusTags) + " ")
	}
	var link string
	switch c.r.IntN(5) {
	case 0:
		link = "https://www.facebook.com/groups/" + c.number(900000) + "/posts/" + strconv.Itoa(n)
	case 1:
		link = "https://vt.tiktok.com/ZS" + strconv.FormatInt(c.r.Int64N(1<<40), 36) + "/"
	case 2:
		link = "https://x.com/" + strings.ToLower(c.pick(corpusNames)) + c.number(99) + "/status/" + strconv.Itoa(1_800_000_000_000_000_000+n)
	case 3:
		link = "https://t.me/" + strings.ToLower(strings.ReplaceAll(c.pick(corpusTitles), " ", "")) + "/" + strconv.Itoa(n%5000)
	default:
		return strings.TrimSpace(b.String()), nil
	}
	b.WriteString(link)
	return b.String(), []string{link}
}

// screenshot returns text as OCR reads it from a chat screenshot.
func (c corpus) screenshot() string {
	return c.pick(corpusTitles) + "\n" + c.pick(corpusScreens) + "\n" + c.claim() + "\n" + c.pick(corpusScreens) + " " + c.number(24) + "." + c.number(59)
}
