package sandbox

import (
	"bytes"
	"fmt"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// Doc is a file a staff member can attach.
type Doc struct {
	Name, MIME string
	Content    []byte
}

// message returns the document message of d with caption.
func (d Doc) message(caption string) telegramtest.Message {
	return telegramtest.DocumentMsg(d.Name, d.MIME, d.Content, caption)
}

// Post is a public channel's post that staff forward to the bot.
type Post struct {
	Channel telegramtest.Chat
	// ID is the post's message id in its channel, the number of its
	// t.me link.
	ID   int64
	Text string
	// Sample is the index of the post's photo in World.Samples, or -1
	// for a text post.
	Sample int
}

// message returns the post as a staff member's forward of it.
func (p Post) message(w *World) telegramtest.Message {
	m := telegramtest.Text(p.Text)
	if p.Sample >= 0 {
		m = w.Samples[p.Sample].message(p.Text)
	}
	return telegramtest.ForwardedFromChannel(p.Channel, p.ID, m)
}

// channels returns the demo's public channels and their posts. Their
// usernames end in _demo: the t.me links the bot makes of them lead to no
// real channel.
func channels() ([]telegramtest.Chat, []Post) {
	info := telegramtest.Chat{ID: -1001000000201, Type: telegramtest.ChatChannel, Title: "Info Bali Terkini", Username: "infobali_demo"}
	dewata := telegramtest.Chat{ID: -1001000000202, Type: telegramtest.ChatChannel, Title: "Suara Dewata", Username: "suaradewata_demo"}
	return []telegramtest.Chat{info, dewata}, []Post{
		{info, 1521, "‼️ Beredar kabar surat suara sudah tercoblos di gudang logistik KPU Denpasar. Sebarkan sebelum dihapus! https://infobali-demo.example/berita/1521", -1},
		{info, 1530, "Spanduk ini terpasang di Jalan Raya Ubud pagi ini. Siapa pemasangnya?", 2},
		{dewata, 88, "Ada pembagian amplop Rp200 ribu di balai banjar, Kecamatan Tegallalang. Datang jam 7 malam, bawa KTP.", -1},
		{dewata, 91, "Ajakan: boikot TPS di Kuta Selatan besok biar pemilu batal! Teruskan ke grup lain.", -1},
	}
}

// docs returns the demo's files: a chronology as PDF and a list of
// accounts as CSV.
func docs() []Doc {
	return []Doc{
		{"kronologi-kejadian.pdf", "application/pdf", minimalPDF("Kronologi: akun @balibersatu_x mengunggah ajakan boikot TPS, 14.05 WITA.")},
		{"daftar-akun-penyebar.csv", "text/csv", []byte("akun,platform,tautan,pengikut\n" +
			"balibersatu_x,facebook,https://facebook.example/balibersatu_x,12400\n" +
			"info.tps05,instagram,https://instagram.example/info.tps05,3100\n" +
			"suaradewata_demo,telegram,https://t.me/suaradewata_demo,8700\n")},
	}
}

// minimalPDF returns a one-page PDF that shows line, with a correct
// cross-reference table so that viewers open it without repair.
func minimalPDF(line string) []byte {
	stream := fmt.Sprintf("BT /F1 12 Tf 40 780 Td (%s) Tj ET", line)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
