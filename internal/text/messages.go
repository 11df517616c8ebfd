package text

import "github.com/tiprelay/tiprelay/internal/tip"

// messages is the set of texts of one language. Format verbs are documented
// by the Catalog method that uses each field.
type messages struct {
	help, groupHelp                              string
	ack, ackMany, summary, reportWord            string
	targetFailing, targetRecovered               string
	chatMigrated, relayRetry                     string
	relayFailingLine, cmdRelayRetry, cmdDigest   string
	outsider, unsupported, empty, unknownCommand string
	chatID, threadID, userID                     string
	privateOnly, adminOnly                       string
	staffUsage, staffAdded, staffAlready         string
	staffRemoved, staffNotFound, staffFromConfig string
	staffListEmpty, staffListTitle               string
	sourceConfig, sourceAdmin, sourceCommand     string
	headerTitle, headerReporter, headerTime      string
	headerOrigin, headerContent, headerLinks     string
	moreLinks, editNotice, noText                string
	editMedia                                    string
	cmdStart, cmdHelp, cmdID                     string
	cmdStaffAdd, cmdStaffRemove, cmdStaffList    string
	kinds                                        map[string]string
	originKinds                                  map[tip.OriginKind]string
	attachKinds                                  map[tip.AttachmentKind]string
}

var indonesian = messages{
	help: "<b>Kanal Laporan Patroli Siber</b>\n\n" +
		"Kirim ke sini setiap temuan patroli siber: unggahan viral, hoaks, atau provokasi, sekecil apa pun.\n\n" +
		"<b>Cara melapor</b>\n" +
		"• <b>Teruskan</b> (forward) unggahan dari kanal, grup, atau akun.\n" +
		"• Kirim <b>tangkapan layar</b> (satu foto atau album).\n" +
		"• Kirim <b>tautan</b>, dengan keterangan singkat bila perlu.\n" +
		"• Kirim <b>dokumen</b>, <b>video</b>, GIF, atau pesan suara.\n\n" +
		"<b>Yang terjadi selanjutnya</b>\n" +
		"Setiap kiriman menjadi satu laporan bernomor, disimpan, lalu diteruskan ke grup Ditintelkam. " +
		"Anda akan menerima balasan seperti «Laporan #17 diterima». Album dihitung sebagai satu laporan. " +
		"Jika Anda menyunting pesan, perubahannya juga dikirim ke Ditintelkam.\n\n" +
		"Perintah: /help bantuan ini, /id menampilkan ID Telegram Anda.",
	groupHelp: "Bot ini meneruskan laporan patroli siber ke grup ini. " +
		"Gunakan /id untuk melihat ID grup (dan ID topik) yang diperlukan untuk konfigurasi.",
	ack:        "✅ Laporan #%d diterima dan diteruskan ke Ditintelkam.",
	ackMany:    "✅ Laporan %s diterima dan diteruskan ke Ditintelkam.",
	summary:    "📥 <b>Ringkasan %d laporan</b> (antrean padat; media tetap dikirim terpisah)",
	reportWord: "Laporan",
	targetFailing: "⚠️ Chat <code>%d</code> menolak pesan bot: %s\n" +
		"Laporan tetap disimpan dan akan dikirim begitu chat dapat dihubungi lagi (dicoba otomatis tiap 10 menit, atau kirim /relay_retry).",
	targetRecovered:  "✅ Chat <code>%d</code> kembali menerima pesan; laporan yang tertunda sedang dikirim.",
	chatMigrated:     "ℹ️ Grup <code>%d</code> menjadi supergrup <code>%d</code>. Bot sudah mengikutinya; perbarui TIPRELAY_RELAY_CHAT_ID menjadi <code>%d</code> sebelum mulai ulang berikutnya.",
	relayRetry:       "🔁 %d pesan tertunda dijadwalkan dikirim sekarang.",
	relayFailingLine: "Chat <code>%d</code> gagal sejak %s: %s",
	cmdRelayRetry:    "Kirim ulang pesan tertunda sekarang",
	cmdDigest:        "Ringkasan laporan 24 jam terakhir",
	outsider:         "Maaf, Anda belum terdaftar sebagai petugas patroli siber, jadi kiriman Anda tidak diteruskan.\n\nID Telegram Anda: <code>%d</code>\nMinta admin menambahkan Anda dengan perintah <code>/staff_add %d</code>.",
	unsupported:      "Maaf, %s belum dapat diterima sebagai laporan.\nKirim teks, tautan, tangkapan layar (foto), album, dokumen, video, GIF, pesan suara, atau teruskan (forward) unggahannya.",
	empty:            "Pesan ini tidak berisi apa pun untuk dilaporkan. Ketik /help untuk panduan.",
	unknownCommand:   "Perintah /%s tidak dikenal. Ketik /help untuk panduan.",
	chatID:           "ID chat ini: <code>%d</code>",
	threadID:         "ID topik: <code>%d</code> (untuk TIPRELAY_RELAY_CHAT_ID: <code>%d:%d</code>)",
	userID:           "ID Telegram Anda: <code>%d</code>",
	privateOnly:      "Perintah ini hanya dapat digunakan di chat pribadi dengan bot.",
	adminOnly:        "Maaf, perintah ini khusus admin.",
	staffUsage:       "Format: <code>/%s &lt;user_id&gt;</code>, contoh <code>/%[1]s 123456789</code>. Pengguna dapat melihat ID-nya dengan mengirim /id ke bot.",
	staffAdded:       "✅ Pengguna <code>%d</code> ditambahkan sebagai petugas.",
	staffAlready:     "ℹ️ Pengguna <code>%d</code> sudah terdaftar sebagai petugas.",
	staffRemoved:     "✅ Pengguna <code>%d</code> dihapus dari daftar petugas.",
	staffNotFound:    "ℹ️ Pengguna <code>%d</code> tidak ada dalam daftar petugas yang ditambahkan lewat perintah.",
	staffFromConfig: "ℹ️ Pengguna <code>%d</code> terdaftar lewat konfigurasi (TIPRELAY_STAFF_IDS atau TIPRELAY_ADMIN_IDS); " +
		"hapus dari konfigurasi lalu mulai ulang bot.",
	staffListEmpty: "Belum ada petugas terdaftar.",
	staffListTitle: "<b>Daftar petugas</b>",
	sourceConfig:   "(konfigurasi)",
	sourceAdmin:    "(admin)",
	sourceCommand:  "(ditambahkan oleh <code>%d</code>, %s)",
	headerTitle:    "📥 <b>Laporan #%d</b>",
	headerReporter: "Pelapor: %s",
	headerTime:     "Waktu: %s",
	headerOrigin:   "Asal: %s",
	headerContent:  "Isi: %s",
	headerLinks:    "Tautan:",
	moreLinks:      "… dan %d tautan lain",
	editNotice:     "✏️ <b>Laporan #%d</b> diubah oleh pelapor. Teks terbaru:",
	editMedia:      "✏️ <b>Laporan #%d</b> diubah oleh pelapor: media diganti, versi baru menyusul. Teks terbaru:",
	noText:         "(tanpa teks)",
	cmdStart:       "Mulai dan panduan singkat",
	cmdHelp:        "Cara melapor",
	cmdID:          "Tampilkan ID chat dan ID Anda",
	cmdStaffAdd:    "Tambah petugas: /staff_add <user_id>",
	cmdStaffRemove: "Hapus petugas: /staff_remove <user_id>",
	cmdStaffList:   "Daftar petugas",
	kinds: map[string]string{
		"":           "jenis pesan ini",
		"sticker":    "stiker",
		"poll":       "jajak pendapat (polling)",
		"location":   "lokasi",
		"venue":      "tempat",
		"contact":    "kontak",
		"dice":       "dadu",
		"game":       "permainan",
		"story":      "story",
		"invoice":    "tagihan",
		"paid_media": "media berbayar",
		"giveaway":   "giveaway",
		"checklist":  "daftar periksa",
	},
	originKinds: map[tip.OriginKind]string{
		tip.OriginUser:       "diteruskan dari pengguna",
		tip.OriginHiddenUser: "diteruskan dari pengguna (tersembunyi)",
		tip.OriginChat:       "diteruskan dari grup",
		tip.OriginChannel:    "diteruskan dari kanal",
	},
	attachKinds: map[tip.AttachmentKind]string{
		tip.AttachPhoto:     "foto",
		tip.AttachDocument:  "dokumen",
		tip.AttachVideo:     "video",
		tip.AttachAnimation: "GIF",
		tip.AttachVoice:     "pesan suara",
		tip.AttachAudio:     "audio",
		tip.AttachVideoNote: "video bulat",
	},
}

var english = messages{
	help: "<b>Cyber Patrol Report Channel</b>\n\n" +
		"Send here every cyber patrol finding: viral posts, hoaxes or provocations, however small.\n\n" +
		"<b>How to report</b>\n" +
		"• <b>Forward</b> a post from a channel, group or account.\n" +
		"• Send <b>screenshots</b> (one photo or an album).\n" +
		"• Send a <b>link</b>, with a short note if useful.\n" +
		"• Send a <b>document</b>, <b>video</b>, GIF or voice message.\n\n" +
		"<b>What happens next</b>\n" +
		"Every item becomes one numbered report, is stored, and is relayed to the Ditintelkam group. " +
		"You get an answer such as «Report #17 received». An album counts as one report. " +
		"If you edit a message, the change is relayed too.\n\n" +
		"Commands: /help this help, /id shows your Telegram id.",
	groupHelp: "This bot relays cyber patrol reports to this group. " +
		"Use /id to see the group id (and topic id) needed for the configuration.",
	ack:        "✅ Report #%d received and relayed to Ditintelkam.",
	ackMany:    "✅ Reports %s received and relayed to Ditintelkam.",
	summary:    "📥 <b>Summary of %d reports</b> (queue is busy; media still follow separately)",
	reportWord: "Report",
	targetFailing: "⚠️ Chat <code>%d</code> refuses the bot's messages: %s\n" +
		"Reports are kept and will be sent as soon as the chat can be reached again (retried every 10 minutes, or send /relay_retry).",
	targetRecovered:  "✅ Chat <code>%d</code> accepts messages again; waiting reports are being sent.",
	chatMigrated:     "ℹ️ Group <code>%d</code> became supergroup <code>%d</code>. The bot follows it; set TIPRELAY_RELAY_CHAT_ID to <code>%d</code> before the next restart.",
	relayRetry:       "🔁 %d waiting messages scheduled to be sent now.",
	relayFailingLine: "Chat <code>%d</code> failing since %s: %s",
	cmdRelayRetry:    "Send waiting messages now",
	cmdDigest:        "Digest of the last 24 hours",
	outsider:         "Sorry, you are not registered as cyber patrol staff, so your message was not relayed.\n\nYour Telegram id: <code>%d</code>\nAsk an admin to add you with <code>/staff_add %d</code>.",
	unsupported:      "Sorry, %s cannot be accepted as a report.\nSend text, links, screenshots (photos), albums, documents, videos, GIFs, voice messages, or forward the post.",
	empty:            "This message has nothing to report. Type /help for guidance.",
	unknownCommand:   "Unknown command /%s. Type /help for guidance.",
	chatID:           "This chat's id: <code>%d</code>",
	threadID:         "Topic id: <code>%d</code> (for TIPRELAY_RELAY_CHAT_ID: <code>%d:%d</code>)",
	userID:           "Your Telegram id: <code>%d</code>",
	privateOnly:      "This command works only in a private chat with the bot.",
	adminOnly:        "Sorry, this command is for admins only.",
	staffUsage:       "Usage: <code>/%s &lt;user_id&gt;</code>, e.g. <code>/%[1]s 123456789</code>. Users see their id by sending /id to the bot.",
	staffAdded:       "✅ User <code>%d</code> added as staff.",
	staffAlready:     "ℹ️ User <code>%d</code> already is staff.",
	staffRemoved:     "✅ User <code>%d</code> removed from staff.",
	staffNotFound:    "ℹ️ User <code>%d</code> is not among the staff added by command.",
	staffFromConfig:  "ℹ️ User <code>%d</code> is staff by configuration (TIPRELAY_STAFF_IDS or TIPRELAY_ADMIN_IDS); remove it there and restart the bot.",
	staffListEmpty:   "No staff registered yet.",
	staffListTitle:   "<b>Staff</b>",
	sourceConfig:     "(configuration)",
	sourceAdmin:      "(admin)",
	sourceCommand:    "(added by <code>%d</code>, %s)",
	headerTitle:      "📥 <b>Report #%d</b>",
	headerReporter:   "Reporter: %s",
	headerTime:       "Time: %s",
	headerOrigin:     "Origin: %s",
	headerContent:    "Content: %s",
	headerLinks:      "Links:",
	moreLinks:        "… and %d more links",
	editNotice:       "✏️ <b>Report #%d</b> was edited by the reporter. New text:",
	editMedia:        "✏️ <b>Report #%d</b> was edited by the reporter: the media was replaced, the new version follows. New text:",
	noText:           "(no text)",
	cmdStart:         "Start and short guide",
	cmdHelp:          "How to report",
	cmdID:            "Show the chat id and your id",
	cmdStaffAdd:      "Add staff: /staff_add <user_id>",
	cmdStaffRemove:   "Remove staff: /staff_remove <user_id>",
	cmdStaffList:     "List staff",
	kinds: map[string]string{
		"":           "this kind of message",
		"sticker":    "a sticker",
		"poll":       "a poll",
		"location":   "a location",
		"venue":      "a venue",
		"contact":    "a contact",
		"dice":       "a dice",
		"game":       "a game",
		"story":      "a story",
		"invoice":    "an invoice",
		"paid_media": "paid media",
		"giveaway":   "a giveaway",
		"checklist":  "a checklist",
	},
	originKinds: map[tip.OriginKind]string{
		tip.OriginUser:       "forwarded from a user",
		tip.OriginHiddenUser: "forwarded from a user (hidden)",
		tip.OriginChat:       "forwarded from a group",
		tip.OriginChannel:    "forwarded from a channel",
	},
	attachKinds: map[tip.AttachmentKind]string{
		tip.AttachPhoto:     "photo",
		tip.AttachDocument:  "document",
		tip.AttachVideo:     "video",
		tip.AttachAnimation: "GIF",
		tip.AttachVoice:     "voice message",
		tip.AttachAudio:     "audio",
		tip.AttachVideoNote: "video note",
	},
}
