package text

import "fmt"

// DatabaseDamaged tells admins that SQLite found the bot's database file
// (path) damaged, that the bot stopped without confirming updates (Telegram
// keeps them 24 hours), and how to repair it: restore a backup, or recover
// what SQLite can read into a new file. reason is SQLite's report.
func (c Catalog) DatabaseDamaged(path, reason string) string {
	p, r := Escape(path), Escape(truncate(reason, 300))
	if c.lang == English {
		return fmt.Sprintf("🛑 <b>tiprelay stopped: the database is damaged</b>\n"+
			"SQLite reports: <code>%s</code>\nFile: <code>%s</code>\n\n"+
			"No tip is lost yet: the bot no longer confirms updates, and Telegram keeps them for 24 hours. "+
			"Within that time, with the bot stopped:\n"+
			"1. Restore the latest backup over <code>%s</code> (delete its <code>-wal</code> and <code>-shm</code> files), or\n"+
			"2. recover what is readable: <code>sqlite3 %s \".recover\" | sqlite3 fixed.db</code>, "+
			"check it, then replace the file with <code>fixed.db</code>.\n"+
			"Then start the bot again; it fetches the waiting updates. See README, \"When the database is damaged\".",
			r, p, p, p)
	}
	return fmt.Sprintf("🛑 <b>tiprelay berhenti: basis data rusak</b>\n"+
		"Laporan SQLite: <code>%s</code>\nBerkas: <code>%s</code>\n\n"+
		"Belum ada laporan yang hilang: bot tidak lagi mengonfirmasi pembaruan, dan Telegram menyimpannya selama 24 jam. "+
		"Dalam waktu itu, dengan bot tetap berhenti:\n"+
		"1. Pulihkan cadangan terakhir ke <code>%s</code> (hapus berkas <code>-wal</code> dan <code>-shm</code>-nya), atau\n"+
		"2. selamatkan yang masih terbaca: <code>sqlite3 %s \".recover\" | sqlite3 fixed.db</code>, "+
		"periksa hasilnya, lalu ganti berkas dengan <code>fixed.db</code>.\n"+
		"Setelah itu jalankan bot lagi; pembaruan yang menunggu akan diambil. Lihat README, \"When the database is damaged\".",
		r, p, p, p)
}
