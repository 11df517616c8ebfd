package telegramtest

import (
	"fmt"
	"strings"
)

// chatState is everything the server knows about one chat.
type chatState struct {
	chat       Chat
	lastID     int64     // last message id assigned in this chat
	msgs       []Message // in chat order
	members    map[int64]string
	outside    map[int64]bool    // restricted users who are not in the chat (is_member false)
	topics     map[int64]Message // thread id -> forum_topic_created message
	botStatus  string
	migratedTo int64
	blocked    bool // private chats: the user blocked the bot
}

type userState struct {
	user         User
	hideForwards bool
}

// AddChat registers a group, supergroup or channel (private chats appear by
// themselves when a user writes). A zero ID gets a realistic one (-100...
// for supergroups and channels). The bot is a member; for channels an
// administrator. It returns the chat as stored. Adding an existing id
// replaces its description and keeps its messages.
func (s *Server) AddChat(c Chat) Chat {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.Type == "" {
		c.Type = ChatSupergroup
	}
	if c.ID == 0 {
		n := s.nextSeqLocked()
		if c.Type == ChatGroup {
			c.ID = -(4_000_000_000 + n)
		} else {
			c.ID = -(1_002_000_000_000 + n)
		}
	}
	if cs, ok := s.chats[c.ID]; ok {
		cs.chat = c
		return c
	}
	cs := s.newChatLocked(c)
	if c.Type == ChatChannel {
		cs.botStatus = StatusAdministrator
	}
	s.notifyLocked()
	return c
}

func (s *Server) newChatLocked(c Chat) *chatState {
	cs := &chatState{chat: c, members: make(map[int64]string), outside: make(map[int64]bool), topics: make(map[int64]Message), botStatus: StatusMember}
	s.chats[c.ID] = cs
	return cs
}

// AddUser registers a user who has started the bot, so the bot may write to
// them; UserSends does this implicitly.
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.userLocked(u)
}

// userLocked registers u and its private chat.
func (s *Server) userLocked(u User) *chatState {
	if us, ok := s.users[u.ID]; ok {
		us.user = u
	} else {
		s.users[u.ID] = &userState{user: u}
	}
	cs, ok := s.chats[u.ID]
	if !ok {
		cs = s.newChatLocked(Chat{ID: u.ID, Type: ChatPrivate})
	}
	cs.chat = Chat{ID: u.ID, Type: ChatPrivate, FirstName: u.FirstName, LastName: u.LastName, Username: u.Username}
	return cs
}

// AddTopic opens a topic in a forum supergroup and returns its
// message_thread_id, which is the id of the forum_topic_created service
// message, as in Telegram. No update is queued. It panics if the chat is
// not a registered forum.
func (s *Server) AddTopic(chatID int64, name string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.mustChatLocked(chatID)
	if !cs.chat.IsForum {
		panic(fmt.Sprintf("telegramtest: AddTopic: chat %d is not a forum", chatID))
	}
	m := s.storeLocked(cs, Message{
		From:              &s.bot,
		ForumTopicCreated: &ForumTopicCreated{Name: name, IconColor: 7322096},
	})
	cs.msgs[len(cs.msgs)-1].MessageThreadID = m.MessageID
	m.MessageThreadID = m.MessageID
	cs.topics[m.MessageID] = m
	return m.MessageID
}

// SetMember sets a user's status in a chat (StatusMember, StatusLeft, ...),
// as getChatMember reports it. Users who post in a chat become members.
// StatusRestricted makes a restricted user who is still in the chat
// (is_member true), like SetRestricted(chatID, u, true).
func (s *Server) SetMember(chatID int64, u User, status string) {
	s.setMember(chatID, u, status, true)
}

// SetRestricted makes a user restricted in a chat: getChatMember reports
// status "restricted" with is_member (whether the user is still in the
// chat; a restricted user who left keeps the restrictions) and until_date
// 0 (restricted forever).
func (s *Server) SetRestricted(chatID int64, u User, isMember bool) {
	s.setMember(chatID, u, StatusRestricted, isMember)
}

func (s *Server) setMember(chatID int64, u User, status string, inChat bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.users[u.ID]; !ok {
		s.users[u.ID] = &userState{user: u}
	}
	cs := s.mustChatLocked(chatID)
	cs.members[u.ID] = status
	if status == StatusRestricted && !inChat {
		cs.outside[u.ID] = true
	} else {
		delete(cs.outside, u.ID)
	}
	s.notifyLocked()
}

// SetBotStatus sets the bot's own status in a chat, as the chat's
// creator or first administrator did (GroupAnonymousBot when it has none
// registered), and queues the my_chat_member update; see SetBotStatusBy.
// With StatusKicked or StatusLeft, sends answer 403 as Telegram does.
func (s *Server) SetBotStatus(chatID int64, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.mustChatLocked(chatID)
	s.setBotStatusLocked(cs, status, s.actorLocked(cs))
}

// KickBot removes the bot from a group, supergroup or channel, as
// SetBotStatus does, and queues the my_chat_member update: later sends
// answer 403 "Forbidden: bot was kicked from the supergroup chat".
func (s *Server) KickBot(chatID int64) { s.SetBotStatus(chatID, StatusKicked) }

// BlockBot marks the bot as blocked (or unblocked) by a user: sends to them
// answer 403 "Forbidden: bot was blocked by the user". A change queues the
// my_chat_member update of the user's private chat (the bot kicked, or a
// member again), as Telegram sends it.
func (s *Server) BlockBot(u User, blocked bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.setBlockedLocked(s.userLocked(u), u, blocked)
	s.notifyLocked()
}

// setBlockedLocked records whether the user of private chat cs blocked
// the bot and queues the my_chat_member update when that changed.
func (s *Server) setBlockedLocked(cs *chatState, u User, blocked bool) {
	if cs.blocked == blocked {
		return
	}
	cs.blocked = blocked
	old, status := StatusMember, StatusKicked
	if !blocked {
		old, status = status, old
	}
	s.botStatusChangedLocked(cs, old, status, u)
}

// HideForwards sets the user's privacy option "forwarded messages: nobody":
// forwards of their messages get a hidden_user origin.
func (s *Server) HideForwards(u User, hide bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.userLocked(u)
	s.users[u.ID].hideForwards = hide
}

// MigrateChat upgrades a basic group to a supergroup, as the group's
// creator or first administrator does (GroupAnonymousBot when it has none
// registered): it creates the supergroup (same title, new id), stores and
// queues the migrate_to_chat_id and migrate_from_chat_id service messages
// from that user, and makes later sends to the old id answer 400 with
// parameters.migrate_to_chat_id. It returns the new chat.
func (s *Server) MigrateChat(groupID int64) Chat {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.mustChatLocked(groupID)
	sg := Chat{ID: -(1_002_000_000_000 + s.nextSeqLocked()), Type: ChatSupergroup, Title: old.chat.Title, Username: old.chat.Username}
	cs := s.newChatLocked(sg)
	for id, st := range old.members {
		cs.members[id] = st
	}
	for id := range old.outside {
		cs.outside[id] = true
	}
	cs.botStatus = old.botStatus
	old.migratedTo = sg.ID
	from := s.actorLocked(old)
	m1 := s.storeLocked(old, Message{From: &from, MigrateToChatID: sg.ID})
	s.enqueueLocked("message", Update{Message: &m1})
	m2 := s.storeLocked(cs, Message{From: &from, MigrateFromChatID: groupID})
	s.enqueueLocked("message", Update{Message: &m2})
	return sg
}

func (s *Server) mustChatLocked(chatID int64) *chatState {
	cs, ok := s.chats[chatID]
	if !ok {
		panic(fmt.Sprintf("telegramtest: chat %d is not registered (use AddChat)", chatID))
	}
	return cs
}

// findChatLocked resolves a chat_id parameter: a number or "@username".
func (s *Server) findChatLocked(p *params, name string) (*chatState, *apiError) {
	raw := strings.Trim(strings.TrimSpace(p.str(name)), `"`)
	if raw == "" {
		return nil, badRequest(name + " is empty")
	}
	if uname, ok := strings.CutPrefix(raw, "@"); ok {
		for _, cs := range s.chats {
			if cs.chat.Type != ChatPrivate && strings.EqualFold(cs.chat.Username, uname) {
				return cs, nil
			}
		}
		return nil, badRequest("chat not found")
	}
	id, _, err := p.int64(name)
	if err != nil {
		return nil, badRequest("chat not found")
	}
	cs, ok := s.chats[id]
	if !ok {
		return nil, badRequest("chat not found")
	}
	return cs, nil
}

// readableLocked returns the 403/400 for a chat the bot cannot see.
func readableLocked(cs *chatState) *apiError {
	if cs.migratedTo != 0 {
		e := badRequest("group chat was upgraded to a supergroup chat")
		e.migrateTo = cs.migratedTo
		return e
	}
	switch cs.botStatus {
	case StatusKicked:
		return forbidden("bot was kicked from the " + cs.chat.Type + " chat")
	case StatusLeft:
		return forbidden("bot is not a member of the " + cs.chat.Type + " chat")
	}
	return nil
}

// readableChatLocked finds the chat named by chat_id and checks that the
// bot may read it (not kicked, not migrated).
func (s *Server) readableChatLocked(p *params) (*chatState, *apiError) {
	cs, err := s.findChatLocked(p, "chat_id")
	if err != nil {
		return nil, err
	}
	if err := readableLocked(cs); err != nil {
		return nil, err
	}
	return cs, nil
}

// writableLocked returns the error for a chat the bot cannot send to.
func writableLocked(cs *chatState) *apiError {
	if e := readableLocked(cs); e != nil {
		return e
	}
	if cs.blocked {
		return forbidden("bot was blocked by the user")
	}
	if cs.chat.Type == ChatChannel && cs.botStatus != StatusAdministrator && cs.botStatus != StatusCreator {
		return badRequest("need administrator rights in the channel chat")
	}
	return nil
}
