package telegramtest

import "strings"

// methodTable lists the Bot API methods the emulator implements, keyed by
// lower-case name since Telegram matches method names case-insensitively.
func methodTable() map[string]methodSpec {
	list := []methodSpec{
		{"getMe", (*Server).getMe},
		{"logOut", (*Server).logOut},
		{"close", (*Server).closeMethod},
		{"getUpdates", (*Server).getUpdates},
		{"setWebhook", (*Server).setWebhook},
		{"deleteWebhook", (*Server).deleteWebhook},
		{"getWebhookInfo", (*Server).getWebhookInfo},
		{"setMyCommands", (*Server).setMyCommands},
		{"getMyCommands", (*Server).getMyCommands},
		{"deleteMyCommands", (*Server).deleteMyCommands},
		{"sendMessage", (*Server).sendMessage},
		{"sendDocument", (*Server).sendDocument},
		{"sendPhoto", (*Server).sendPhoto},
		{"sendChatAction", (*Server).sendChatAction},
		{"copyMessage", (*Server).copyMessage},
		{"copyMessages", (*Server).copyMessages},
		{"forwardMessage", (*Server).forwardMessage},
		{"forwardMessages", (*Server).forwardMessages},
		{"editMessageText", (*Server).editMessageText},
		{"editMessageCaption", (*Server).editMessageCaption},
		{"editMessageReplyMarkup", (*Server).editMessageReplyMarkup},
		{"deleteMessage", (*Server).deleteMessage},
		{"answerCallbackQuery", (*Server).answerCallbackQuery},
		{"getFile", (*Server).getFile},
		{"getChat", (*Server).getChat},
		{"getChatMember", (*Server).getChatMember},
		{"getChatAdministrators", (*Server).getChatAdministrators},
	}
	m := make(map[string]methodSpec, len(list))
	for _, spec := range list {
		m[strings.ToLower(spec.name)] = spec
	}
	return m
}
