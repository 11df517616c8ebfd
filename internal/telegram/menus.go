package telegram

import (
	"context"
	"errors"
	"fmt"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/tiprelay/tiprelay/internal/text"
)

// PublishCommands sets the command menus: staff commands in private chats,
// group commands in groups, and admin commands in each admin's chat, each
// with /cari.
func (c *Client) PublishCommands(ctx context.Context, t text.Catalog, admins []int64) error {
	set := func(scope models.BotCommandScope, cmds []text.Command) error {
		list := make([]models.BotCommand, len(cmds))
		for i, cmd := range cmds {
			list[i] = models.BotCommand{Command: cmd.Name, Description: cmd.Description}
		}
		_, err := c.bot.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: list, Scope: scope})
		return err
	}
	// /cari (search) is offered to staff, admins and police groups alike.
	search := t.SearchCommand()
	errs := []error{
		set(&models.BotCommandScopeAllPrivateChats{}, append(t.PrivateCommands(), search)),
		set(&models.BotCommandScopeAllGroupChats{}, append(t.GroupCommands(), search)),
	}
	for _, id := range admins {
		if err := set(&models.BotCommandScopeChat{ChatID: id}, append(t.AdminCommands(), search)); err != nil {
			// An admin who never opened a chat with the bot has no chat yet.
			errs = append(errs, fmt.Errorf("admin %d: %w", id, err))
		}
	}
	return errors.Join(errs...)
}
