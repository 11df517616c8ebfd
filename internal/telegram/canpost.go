package telegram

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// ChatProblem asks Telegram whether the bot (botID) can post in chatID and
// returns why not, in English for the log, or "" when it can. The bot
// cannot post in a chat it is not in (left, kicked), where it is
// restricted from sending, in a group whose members may not send while the
// bot is no administrator, or in a channel where it is no administrator
// allowed to post. A chat Telegram does not know, or that the bot was
// removed from, is a problem too. An error means Telegram could not say
// (network, 5xx, 429): the chat is then not known to be unusable.
func (c *Client) ChatProblem(ctx context.Context, chatID, botID int64) (string, error) {
	chat, err := c.bot.GetChat(ctx, &bot.GetChatParams{ChatID: chatID})
	if err != nil {
		if problem, ok := permanentProblem(err); ok {
			return problem, nil
		}
		return "", fmt.Errorf("get chat %d: %w", chatID, err)
	}
	m, err := c.bot.GetChatMember(ctx, &bot.GetChatMemberParams{ChatID: chatID, UserID: botID})
	if err != nil {
		if problem, ok := permanentProblem(err); ok {
			return problem, nil
		}
		return "", fmt.Errorf("get the bot's membership of chat %d: %w", chatID, err)
	}
	switch m.Type {
	case models.ChatMemberTypeLeft, models.ChatMemberTypeBanned:
		return "the bot is not a member of the chat: add it", nil
	case models.ChatMemberTypeRestricted:
		if m.Restricted == nil || !m.Restricted.CanSendMessages {
			return "the bot is restricted and may not send messages", nil
		}
	case models.ChatMemberTypeAdministrator:
		if chat.Type == models.ChatTypeChannel && (m.Administrator == nil || !m.Administrator.CanPostMessages) {
			return "the bot is an administrator of the channel without the right to post", nil
		}
	case models.ChatMemberTypeMember:
		if chat.Type == models.ChatTypeChannel {
			return "the bot must be an administrator of a channel to post in it", nil
		}
		if chat.Permissions != nil && !chat.Permissions.CanSendMessages {
			return "members may not send messages in this group: make the bot an administrator", nil
		}
	}
	return "", nil
}

// permanentProblem turns a 400 or 403 answer into the reason a chat cannot
// be used; ok is false for failures that may pass.
func permanentProblem(err error) (string, bool) {
	msg := err.Error()
	switch {
	case errors.Is(err, bot.ErrorForbidden):
		return "Telegram refuses the bot this chat (" + lastPart(msg) + ")", true
	case errors.Is(err, bot.ErrorBadRequest) && strings.Contains(strings.ToLower(msg), "chat not found"):
		return "Telegram knows no such chat: check the chat id (send /id in the group)", true
	case errors.Is(err, bot.ErrorBadRequest):
		return "Telegram refuses: " + lastPart(msg), true
	}
	return "", false
}

// lastPart keeps the Bot API's description at the end of an error.
func lastPart(msg string) string {
	if i := strings.LastIndex(msg, ": "); i >= 0 && i+2 < len(msg) {
		return msg[i+2:]
	}
	return msg
}
