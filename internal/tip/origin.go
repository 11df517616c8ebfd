package tip

import (
	"strconv"
	"strings"
	"time"
)

// OriginKind is the kind of a forwarded message's origin, as in the Bot API's
// MessageOrigin type.
type OriginKind string

// The origin kinds the Bot API defines today. An unknown kind is kept verbatim.
const (
	OriginUser       OriginKind = "user"
	OriginHiddenUser OriginKind = "hidden_user"
	OriginChat       OriginKind = "chat"
	OriginChannel    OriginKind = "channel"
)

// Origin describes where a forwarded message came from.
type Origin struct {
	Kind OriginKind
	// Date is when the original message was sent.
	Date time.Time
	// SenderName is the user's name (user, hidden_user) or the author
	// signature (chat, channel).
	SenderName string
	// SenderUsername is the user's username for kind user.
	SenderUsername string
	// SenderID is the user's id for kind user.
	SenderID int64
	// ChatID, ChatTitle and ChatUsername describe the chat or channel.
	ChatID       int64
	ChatTitle    string
	ChatUsername string
	// MessageID is the original post's id in a channel.
	MessageID int64
}

// PublicLink returns the t.me link of the original post when the origin is a
// public channel (or public chat) with a known message id, else "".
func (o *Origin) PublicLink() string {
	if o == nil || o.ChatUsername == "" || o.MessageID == 0 {
		return ""
	}
	return "https://t.me/" + o.ChatUsername + "/" + strconv.FormatInt(o.MessageID, 10)
}

// Label returns a short human description of the origin: the channel or chat
// title with its @username, or the sender's name.
func (o *Origin) Label() string {
	if o == nil {
		return ""
	}
	var parts []string
	switch o.Kind {
	case OriginChannel, OriginChat:
		if o.ChatTitle != "" {
			parts = append(parts, o.ChatTitle)
		}
		if o.ChatUsername != "" {
			parts = append(parts, "@"+o.ChatUsername)
		}
		if len(parts) == 0 && o.SenderName != "" {
			parts = append(parts, o.SenderName)
		}
	default:
		if o.SenderName != "" {
			parts = append(parts, o.SenderName)
		}
		if o.SenderUsername != "" {
			parts = append(parts, "@"+o.SenderUsername)
		}
	}
	return strings.Join(parts, " ")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
