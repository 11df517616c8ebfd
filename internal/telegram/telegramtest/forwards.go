package telegramtest

import "sort"

// The forward constructors mark m as forwarded by the user who sends it.
// The origin's date is set at injection (an hour before) unless given.

// ForwardedFromChannel marks m as forwarded from post postID of a channel.
func ForwardedFromChannel(channel Chat, postID int64, m Message) Message {
	m.ForwardOrigin = &MessageOrigin{Type: "channel", Chat: &channel, MessageID: postID}
	return m
}

// ForwardedFromUser marks m as forwarded from a user whose privacy settings
// allow linking to them.
func ForwardedFromUser(u User, m Message) Message {
	m.ForwardOrigin = &MessageOrigin{Type: "user", SenderUser: &u}
	return m
}

// ForwardedFromHiddenUser marks m as forwarded from a user who hides their
// account; only their name is known.
func ForwardedFromHiddenUser(name string, m Message) Message {
	m.ForwardOrigin = &MessageOrigin{Type: "hidden_user", SenderUserName: name}
	return m
}

// ForwardedFromChat marks m as forwarded from a message a group sent on its
// own behalf (an anonymous administrator), with an optional signature.
func ForwardedFromChat(chat Chat, signature string, m Message) Message {
	m.ForwardOrigin = &MessageOrigin{Type: "chat", SenderChat: &chat, AuthorSignature: signature}
	return m
}

// sortEntities orders entities as Telegram does: by offset, longer first.
func sortEntities(es []MessageEntity) {
	sort.SliceStable(es, func(a, b int) bool {
		if es[a].Offset != es[b].Offset {
			return es[a].Offset < es[b].Offset
		}
		return es[a].Length > es[b].Length
	})
}
