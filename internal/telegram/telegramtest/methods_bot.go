package telegramtest

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// botInfo is the answer of getMe: the bot user plus its capabilities.
type botInfo struct {
	User
	CanJoinGroups           bool `json:"can_join_groups"`
	CanReadAllGroupMessages bool `json:"can_read_all_group_messages"`
	SupportsInlineQueries   bool `json:"supports_inline_queries"`
	CanConnectToBusiness    bool `json:"can_connect_to_business"`
	HasMainWebApp           bool `json:"has_main_web_app"`
}

func (s *Server) getMe(*request) (any, *apiError) {
	return botInfo{User: s.bot, CanJoinGroups: true}, nil
}

func (s *Server) logOut(*request) (any, *apiError)      { return true, nil }
func (s *Server) closeMethod(*request) (any, *apiError) { return true, nil }

// scopeKey identifies a command list by scope and language.
func scopeKey(sc BotCommandScope, lang string) string {
	if sc.Type == "" {
		sc.Type = "default"
	}
	return fmt.Sprintf("%s|%d|%d|%s", sc.Type, sc.ChatID, sc.UserID, lang)
}

// scopeParamLocked reads the scope and language_code parameters.
func (s *Server) scopeParamLocked(p *params) (string, *apiError) {
	var raw struct {
		Type   string          `json:"type"`
		ChatID json.RawMessage `json:"chat_id"`
		UserID int64           `json:"user_id"`
	}
	if _, err := p.json("scope", &raw); err != nil {
		return "", err
	}
	sc := BotCommandScope{Type: raw.Type, UserID: raw.UserID}
	switch raw.Type {
	case "", "default", "all_private_chats", "all_group_chats", "all_chat_administrators":
	case "chat", "chat_administrators", "chat_member":
		cs, err := s.findChatLocked(&params{values: map[string]string{"chat_id": string(raw.ChatID)}}, "chat_id")
		if err != nil {
			return "", err
		}
		sc.ChatID = cs.chat.ID
		if raw.Type == "chat_member" && sc.UserID == 0 {
			return "", badRequest("user not found")
		}
	default:
		return "", badRequest("unsupported bot command scope type")
	}
	return scopeKey(sc, p.str("language_code")), nil
}

func (s *Server) setMyCommands(r *request) (any, *apiError) {
	var cmds []BotCommand
	has, err := r.p.json("commands", &cmds)
	if err != nil {
		return nil, err
	}
	if !has {
		return nil, badRequest("parameter \"commands\" is required")
	}
	if len(cmds) > 100 {
		return nil, badRequest("BOT_COMMANDS_TOO_MUCH")
	}
	valid := regexp.MustCompile(`^[a-z0-9_]{1,32}$`)
	for _, c := range cmds {
		if !valid.MatchString(c.Command) {
			return nil, badRequest("BOT_COMMAND_INVALID")
		}
		if d := strings.TrimSpace(c.Description); d == "" || tooLong(d, 256) {
			return nil, badRequest("BOT_COMMAND_DESCRIPTION_INVALID")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key, err := s.scopeParamLocked(r.p)
	if err != nil {
		return nil, err
	}
	if len(cmds) == 0 {
		delete(s.cmds, key)
	} else {
		s.cmds[key] = cmds
	}
	s.notifyLocked()
	return true, nil
}

func (s *Server) getMyCommands(r *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, err := s.scopeParamLocked(r.p)
	if err != nil {
		return nil, err
	}
	return append([]BotCommand{}, s.cmds[key]...), nil
}

func (s *Server) deleteMyCommands(r *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, err := s.scopeParamLocked(r.p)
	if err != nil {
		return nil, err
	}
	delete(s.cmds, key)
	s.notifyLocked()
	return true, nil
}

// Commands returns the command list set for a scope and language code
// (exact match, as getMyCommands does), or nil.
func (s *Server) Commands(scope BotCommandScope, languageCode string) []BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]BotCommand(nil), s.cmds[scopeKey(scope, languageCode)]...)
}
