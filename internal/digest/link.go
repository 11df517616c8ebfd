package digest

import (
	"strconv"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// supergroupBase is added to a supergroup's or channel's internal id to
// form its Bot API chat id: -100 followed by the internal id.
const supergroupBase = -1_000_000_000_000

// MessageLink returns the t.me link of a message in a supergroup or
// channel: https://t.me/c/<internal id>/<message id>, or
// https://t.me/c/<internal id>/<thread>/<message id> in a forum topic.
// The internal id is the chat id without its -100 prefix. It returns ""
// for other chats (basic groups and private chats have no such links).
func MessageLink(ref tip.MessageRef) string {
	if ref.ChatID >= supergroupBase || ref.MessageID <= 0 {
		return ""
	}
	s := "https://t.me/c/" + strconv.FormatInt(supergroupBase-ref.ChatID, 10) + "/"
	if ref.ThreadID > 0 {
		s += strconv.FormatInt(ref.ThreadID, 10) + "/"
	}
	return s + strconv.FormatInt(ref.MessageID, 10)
}

// relayedLink returns the link of an item's relayed message, or "".
func relayedLink(it tip.DigestItem) string {
	if it.Relayed == nil {
		return ""
	}
	return MessageLink(*it.Relayed)
}
