package text

import "fmt"

// WebhookRemoved tells admins that the bot found a webhook set for its
// token at start (a previous deployment, another tool), which kept Telegram
// from answering getUpdates, and removed it without dropping the updates
// waiting for it. url is the removed webhook's address.
func (c Catalog) WebhookRemoved(url string, pending int) string {
	if c.lang == English {
		return fmt.Sprintf("⚠️ <b>Webhook removed</b>\nThis bot's token had a webhook set (<code>%s</code>), "+
			"so Telegram was delivering updates there instead of to tiprelay. tiprelay removed it and now "+
			"polls for updates; the %d updates waiting were kept. If another service uses this token, "+
			"give it a token of its own.", Escape(url), pending)
	}
	return fmt.Sprintf("⚠️ <b>Webhook dihapus</b>\nToken bot ini masih memiliki webhook (<code>%s</code>), "+
		"sehingga Telegram mengirim pembaruan ke sana, bukan ke tiprelay. tiprelay telah menghapusnya dan "+
		"kini mengambil pembaruan sendiri; %d pembaruan yang menunggu tetap disimpan. Jika layanan lain "+
		"memakai token ini, beri layanan itu token sendiri.", Escape(url), pending)
}
