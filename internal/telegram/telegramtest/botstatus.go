package telegramtest

import (
	"cmp"
	"encoding/json"
	"slices"
)

// GroupAnonymousBot is the user Telegram names as the one who acted when
// an anonymous administrator of a group did. The emulator also names it
// when a test changes the bot's status in a chat without saying who did
// and the chat has no creator or administrator registered.
var GroupAnonymousBot = User{ID: 1087968824, IsBot: true, FirstName: "Group", Username: "GroupAnonymousBot"}

// SetBotStatusBy sets the bot's own status in a chat (StatusMember,
// StatusAdministrator, StatusRestricted, StatusLeft, StatusKicked) as user
// by changed it, and queues the my_chat_member update Telegram sends the
// bot for it, unless allowed_updates excludes it: the chat, by, the date,
// and the bot's old and new membership. A restricted bot is still a member
// (is_member true). Setting the status the bot has already changes nothing
// and queues nothing. It panics if the chat is not registered.
func (s *Server) SetBotStatusBy(chatID int64, status string, by User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.setBotStatusLocked(s.mustChatLocked(chatID), status, by)
}

// AddBotBack adds the bot back, as a member, to a chat that removed it,
// as user by did, and queues the my_chat_member update: later sends
// succeed again.
func (s *Server) AddBotBack(chatID int64, by User) {
	s.SetBotStatusBy(chatID, StatusMember, by)
}

func (s *Server) setBotStatusLocked(cs *chatState, status string, by User) {
	old := cs.botStatus
	if old == status {
		return
	}
	cs.botStatus = status
	s.botStatusChangedLocked(cs, old, status, by)
}

// botStatusChangedLocked queues the my_chat_member update for a change of
// the bot's status in cs from old to status, made by by.
func (s *Server) botStatusChangedLocked(cs *chatState, old, status string, by User) {
	s.enqueueLocked("my_chat_member", Update{MyChatMember: &ChatMemberUpdated{
		Chat:          cs.chat,
		From:          by,
		Date:          s.now().Unix(),
		OldChatMember: s.botMember(old),
		NewChatMember: s.botMember(status),
	}})
	s.notifyLocked()
}

// botMember is the bot's membership with status, as Telegram reports it.
func (s *Server) botMember(status string) ChatMember {
	m := withRights(ChatMember{Status: status, User: s.bot})
	m.IsMember = status == StatusRestricted
	return m
}

// actorLocked is who changes the bot's status in cs when a test does not
// say: the chat's creator, else its administrator with the lowest id, else
// GroupAnonymousBot.
func (s *Server) actorLocked(cs *chatState) User {
	var ids []int64
	for id, st := range cs.members {
		if st == StatusCreator || st == StatusAdministrator {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(a, b int64) int {
		ca, cb := cs.members[a] == StatusCreator, cs.members[b] == StatusCreator
		switch {
		case ca && !cb:
			return -1
		case cb && !ca:
			return 1
		}
		return cmp.Compare(a, b)
	})
	if len(ids) == 0 {
		return GroupAnonymousBot
	}
	if us, ok := s.users[ids[0]]; ok {
		return us.user
	}
	return User{ID: ids[0]}
}

// MarshalJSON writes m as the Bot API variant its Status selects: a
// restricted member always carries is_member and until_date, and a banned
// (kicked) one until_date, 0 meaning forever.
func (m ChatMember) MarshalJSON() ([]byte, error) {
	type plain ChatMember
	switch m.Status {
	case StatusRestricted:
		return json.Marshal(struct {
			plain
			IsMember  bool  `json:"is_member"`
			UntilDate int64 `json:"until_date"`
		}{plain(m), m.IsMember, m.UntilDate})
	case StatusKicked:
		return json.Marshal(struct {
			plain
			UntilDate int64 `json:"until_date"`
		}{plain(m), m.UntilDate})
	}
	return json.Marshal(plain(m))
}
