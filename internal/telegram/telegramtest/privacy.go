package telegramtest

import (
	"regexp"
	"strings"
)

// SetPrivacy turns the bot's group privacy mode (BotFather's /setprivacy)
// on or off; it is on by default, as for every new bot. With privacy on,
// a message a user sends in a group or supergroup where the bot is not an
// administrator is stored in the chat (Messages shows it) but reaches the
// bot, as a message or edited_message update, only when it is:
//
//   - a command (text starting with "/"), unless it is addressed to
//     another bot ("/id@other_bot");
//   - a reply to one of the bot's own messages (a message in a forum
//     topic that merely sits in a topic the bot opened is not);
//   - a message that mentions the bot's @username, or names the bot with
//     a text_mention;
//   - a service message (members joined or left, chat migrated, ...).
//
// With privacy off, or where the bot is an administrator (or the creator),
// every message reaches the bot. Private chats and channels are not
// affected. Unlike Telegram, which applies a change only to groups the bot
// joins afterwards, the emulator applies it at once to every chat.
func (s *Server) SetPrivacy(enabled bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.privacy = enabled
}

// Privacy reports whether the bot's group privacy mode is on.
func (s *Server) Privacy() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.privacy
}

// seesLocked reports whether the bot receives m, a message sent by a user
// in cs, under the privacy mode; the caller holds s.mu.
func (s *Server) seesLocked(cs *chatState, m Message) bool {
	switch {
	case !s.privacy:
		return true
	case cs.chat.Type != ChatGroup && cs.chat.Type != ChatSupergroup:
		return true
	case cs.botStatus == StatusAdministrator || cs.botStatus == StatusCreator:
		return true
	case !hasContent(m): // a service message
		return true
	}
	return s.isCommandForBot(m.Text) || s.repliesToBot(m) || s.mentionsBot(m)
}

// isCommandForBot reports whether text is a command the bot receives: one
// without a bot name, or addressed to this bot.
func (s *Server) isCommandForBot(text string) bool {
	if !strings.HasPrefix(text, "/") {
		return false
	}
	cmd := strings.Fields(text)[0]
	if cmd == "/" {
		return false
	}
	_, to, addressed := strings.Cut(cmd, "@")
	return !addressed || strings.EqualFold(to, s.bot.Username)
}

// repliesToBot reports whether m replies to one of the bot's messages.
// In a forum topic, reply_to_message names the topic's creation message
// when the user replied to nothing: that is not a reply.
func (s *Server) repliesToBot(m Message) bool {
	r := m.ReplyToMessage
	if r == nil || r.From == nil || r.From.ID != s.bot.ID {
		return false
	}
	return !(m.IsTopicMessage && r.MessageID == m.MessageThreadID)
}

// mentionPattern matches an @username mention as Telegram detects one.
var mentionPattern = regexp.MustCompile(`(?:^|[^\w@])@([A-Za-z0-9_]{4,32})\b`)

// mentionsBot reports whether the text or caption of m mentions the bot's
// @username (in any letter case), or m has a text_mention of the bot.
func (s *Server) mentionsBot(m Message) bool {
	for _, text := range []string{m.Text, m.Caption} {
		for _, sub := range mentionPattern.FindAllStringSubmatch(text, -1) {
			if strings.EqualFold(sub[1], s.bot.Username) {
				return true
			}
		}
	}
	for _, ents := range [][]MessageEntity{m.Entities, m.CaptionEntities} {
		for _, e := range ents {
			if e.Type == "text_mention" && e.User != nil && e.User.ID == s.bot.ID {
				return true
			}
		}
	}
	return false
}
