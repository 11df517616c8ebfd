package botapi

import (
	"encoding/json"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Member statuses as the Bot API names them in ChatMember.status.
const (
	StatusCreator       = "creator"
	StatusAdministrator = "administrator"
	StatusMember        = "member"
	StatusRestricted    = "restricted"
	StatusLeft          = "left"
	StatusKicked        = "kicked"
)

// MemberUpdate is a change of the bot's own status in a chat (a
// my_chat_member update): it was added, promoted, restricted, removed, or,
// in a private chat, blocked or unblocked by the user.
type MemberUpdate struct {
	// Chat is the chat where the status changed.
	Chat Chat
	// By is who made the change: an administrator of the chat, the user of
	// a private chat, or the bot itself when it left.
	By    tip.Person
	ByBot bool
	// Date is when the change was made.
	Date time.Time
	// User is the member whose status changed: the bot itself.
	User tip.Person
	// Old and New are the status before and after the change.
	Old, New Membership
}

// Membership is one side of a status change (the Bot API ChatMember).
type Membership struct {
	// Status is creator, administrator, member, restricted, left or
	// kicked, as sent; a status added to the Bot API later is kept as it
	// is and counts neither as in the chat nor as out of it.
	Status string
	// IsMember is Telegram's is_member: set only for a restricted member
	// who is still in the chat.
	IsMember bool
	// CanSendMessages is Telegram's can_send_messages: set only for a
	// restricted member who may still send messages.
	CanSendMessages bool
	// Until is when a restriction or ban ends; zero for "forever" or none.
	Until time.Time
}

// InChat reports whether the status makes the user a member of the chat:
// creator, administrator, member, or restricted while is_member is true.
func (m Membership) InChat() bool {
	switch m.Status {
	case StatusCreator, StatusAdministrator, StatusMember:
		return true
	case StatusRestricted:
		return m.IsMember
	}
	return false
}

// Out reports whether the status puts the user out of the chat: left,
// kicked (banned, or for a private chat: the user blocked the bot), or
// restricted while is_member is false.
func (m Membership) Out() bool {
	switch m.Status {
	case StatusLeft, StatusKicked:
		return true
	case StatusRestricted:
		return !m.IsMember
	}
	return false
}

// parseMemberUpdate converts a ChatMemberUpdated object (already known to
// be a valid JSON object). Fields of an unexpected JSON type are left at
// their zero value.
func parseMemberUpdate(raw json.RawMessage) *MemberUpdate {
	var w wireChatMemberUpdated
	_ = json.Unmarshal(raw, &w) // raw is valid: only type mismatches remain, and those fields stay zero.
	u := &MemberUpdate{
		Chat: Chat{
			ID:       w.Chat.ID,
			Type:     w.Chat.Type,
			Title:    w.Chat.Title,
			Username: w.Chat.Username,
			IsForum:  w.Chat.IsForum,
		},
		Date: unixTime(w.Date),
		Old:  membership(w.OldChatMember),
		New:  membership(w.NewChatMember),
	}
	if w.From != nil {
		u.By, u.ByBot = person(*w.From), w.From.IsBot
	}
	if user := w.NewChatMember.User; user != nil {
		u.User = person(*user)
	} else if user := w.OldChatMember.User; user != nil {
		u.User = person(*user)
	}
	return u
}

func membership(w wireChatMember) Membership {
	m := Membership{Status: w.Status, Until: unixTime(w.UntilDate)}
	if w.Status == StatusRestricted {
		m.IsMember, m.CanSendMessages = w.IsMember, w.CanSendMessages
	}
	return m
}

func person(w wireUser) tip.Person {
	return tip.Person{ID: w.ID, FirstName: w.FirstName, LastName: w.LastName, Username: w.Username}
}
