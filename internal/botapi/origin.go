package botapi

import "github.com/tiprelay/tiprelay/internal/tip"

// parseOrigin converts a forward_origin into a tip.Origin, or returns nil
// when the message is not a forward.
//
// The four kinds of Bot API 7.0 map as follows: user fills SenderName,
// SenderUsername and SenderID from sender_user; hidden_user fills
// SenderName from sender_user_name; chat fills the Chat fields from
// sender_chat and SenderName from author_signature; channel fills the Chat
// fields from chat, MessageID from message_id and SenderName from
// author_signature. A kind added later is kept verbatim in Kind, with
// whichever of these fields it has.
func parseOrigin(w *wireOrigin) *tip.Origin {
	if w == nil {
		return nil
	}
	o := &tip.Origin{
		Kind:      tip.OriginKind(w.Type),
		Date:      unixTime(w.Date),
		MessageID: w.MessageID,
	}
	if u := w.SenderUser; u != nil {
		o.SenderName = join(u.FirstName, u.LastName, " ")
		o.SenderUsername = u.Username
		o.SenderID = u.ID
	}
	if w.SenderUserName != "" {
		o.SenderName = w.SenderUserName
	}
	if w.AuthorSignature != "" && o.SenderName == "" {
		o.SenderName = w.AuthorSignature
	}
	chat := w.Chat
	if chat == nil {
		chat = w.SenderChat
	}
	if chat != nil {
		o.ChatID = chat.ID
		o.ChatTitle = chat.Title
		if o.ChatTitle == "" {
			o.ChatTitle = join(chat.FirstName, chat.LastName, " ")
		}
		o.ChatUsername = chat.Username
	}
	return o
}
