package text

import "strings"

// UnusableChat is one configured chat the bot cannot post in, for
// ChatsUnusable: the setting that names it, its id and why (in English,
// as Telegram and the log put it).
type UnusableChat struct {
	Setting string
	ChatID  int64
	Problem string
}

// ChatsUnusable tells the admins, at start, which configured chats the bot
// cannot post in: their messages wait in the outbox until it can.
func (c Catalog) ChatsUnusable(chats []UnusableChat) string {
	var b strings.Builder
	if c.lang == English {
		b.WriteString("⚠️ tiprelay started, but cannot post in these chats; their messages wait until it can:")
	} else {
		b.WriteString("⚠️ tiprelay berjalan, tetapi tidak dapat mengirim ke chat berikut; pesannya menunggu sampai bisa:")
	}
	for _, u := range chats {
		b.WriteString("\n• <code>" + itoa(u.ChatID) + "</code> (" + Escape(u.Setting) + "): " + Escape(truncate(u.Problem, 200)))
	}
	return b.String()
}
