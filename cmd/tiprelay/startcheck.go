package main

import (
	"context"
	"fmt"
	"log/slog"
	"slices"

	"github.com/tiprelay/tiprelay/internal/config"
	"github.com/tiprelay/tiprelay/internal/text"
)

// chatChecker asks Telegram whether the bot can post in a chat (the
// telegram Client implements it).
type chatChecker interface {
	ChatProblem(ctx context.Context, chatID, botID int64) (string, error)
}

// adminAlerter tells the admins directly.
type adminAlerter interface {
	AlertAdmins(ctx context.Context, admins []int64, text string) error
}

// configuredChat is a chat a setting names.
type configuredChat struct {
	setting string
	chatID  int64
}

// configuredChats lists the chats the bot must post in, each once, with
// the first setting that names it: the relay chat, the region chats in
// gazetteer order, the digest chats.
func configuredChats(cfg config.Config) []configuredChat {
	var out []configuredChat
	add := func(setting string, chat int64) {
		if chat == 0 || slices.ContainsFunc(out, func(c configuredChat) bool { return c.chatID == chat }) {
			return
		}
		out = append(out, configuredChat{setting, chat})
	}
	add("TIPRELAY_RELAY_CHAT_ID", cfg.RelayChat.ChatID)
	if cfg.Gazetteer != nil {
		for _, k := range cfg.Gazetteer.Keys() {
			if t, ok := cfg.Regions[k]; ok {
				add(fmt.Sprintf("TIPRELAY_REGIONS %s", k), t.ChatID)
			}
		}
	}
	for _, t := range cfg.DigestChats {
		add("TIPRELAY_DIGEST_CHAT_IDS", t.ChatID)
	}
	return out
}

// checkAtStartup warns, once the bot knows who it is, about what would
// silently keep tips from anyone: no staff or admins configured, and
// configured chats the bot cannot post in (logged, and told to the
// admins). It never stops the bot: a chat may be fixed while it runs, and
// its messages wait in the outbox meanwhile.
func checkAtStartup(ctx context.Context, cfg config.Config, botID int64, chats chatChecker, alert adminAlerter, texts text.Catalog, log *slog.Logger) []text.UnusableChat {
	if len(cfg.StaffIDs) == 0 && len(cfg.AdminIDs) == 0 {
		log.Warn("no staff or admins configured: nobody can submit tips until TIPRELAY_STAFF_IDS or TIPRELAY_ADMIN_IDS is set")
	}
	var unusable []text.UnusableChat
	for _, c := range configuredChats(cfg) {
		problem, err := chats.ChatProblem(ctx, c.chatID, botID)
		if err != nil {
			if ctx.Err() != nil {
				return unusable
			}
			log.Warn("could not check a configured chat", "chat", c.chatID, "setting", c.setting, "err", err)
			continue
		}
		if problem != "" {
			log.Error("the bot cannot post in a configured chat; its messages wait", "chat", c.chatID, "setting", c.setting, "problem", problem)
			unusable = append(unusable, text.UnusableChat{Setting: c.setting, ChatID: c.chatID, Problem: problem})
		}
	}
	if len(unusable) > 0 && len(cfg.AdminIDs) > 0 {
		if err := alert.AlertAdmins(ctx, cfg.AdminIDs, texts.ChatsUnusable(unusable)); err != nil {
			log.Warn("could not tell the admins about unusable chats", "err", err)
		}
	}
	return unusable
}
