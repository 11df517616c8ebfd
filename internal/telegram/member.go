package telegram

import (
	"context"
	"errors"
	"fmt"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// notInChat are the descriptions of the 400 answers of getChatMember that
// mean the user is not in the chat: Telegram has never seen the user, or
// cannot find them among the chat's participants.
var notInChat = []string{"user not found", "member not found", "PARTICIPANT_ID_INVALID", "USER_NOT_PARTICIPANT"}

// IsMember asks getChatMember whether userID belongs to chatID: true for a
// creator, an administrator, a member, and a restricted user who is still
// in the chat (is_member); false for a restricted user who is not, one who
// left and one who was banned. A 400 answer saying the user is not in the
// chat (user not found, member not found, PARTICIPANT_ID_INVALID) is false
// with no error. Any other failure (network, 5xx, 429, the bot kicked from
// the chat, chat not found, a status this code does not know) is returned
// as an error; like every error of Client, it never holds the token.
func (c *Client) IsMember(ctx context.Context, chatID, userID int64) (bool, error) {
	m, err := c.bot.GetChatMember(ctx, &bot.GetChatMemberParams{ChatID: chatID, UserID: userID})
	if err != nil {
		if errors.Is(err, bot.ErrorBadRequest) && userNotInChat(err.Error()) {
			return false, nil
		}
		return false, fmt.Errorf("get chat member %d of chat %d: %w", userID, chatID, err)
	}
	switch m.Type {
	case models.ChatMemberTypeOwner, models.ChatMemberTypeAdministrator, models.ChatMemberTypeMember:
		return true, nil
	case models.ChatMemberTypeRestricted:
		return m.Restricted != nil && m.Restricted.IsMember, nil
	case models.ChatMemberTypeLeft, models.ChatMemberTypeBanned:
		return false, nil
	}
	return false, fmt.Errorf("get chat member %d of chat %d: unknown status %q", userID, chatID, m.Type)
}

// userNotInChat reports whether the description of a 400 answer says the
// user is not in the chat.
func userNotInChat(desc string) bool {
	for _, s := range notInChat {
		if containsFold(desc, s) {
			return true
		}
	}
	return false
}
