package telegramtest

import "sort"

func (s *Server) getChat(r *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, err := s.readableChatLocked(r.p)
	if err != nil {
		return nil, err
	}
	id := cs.chat.ID
	if id < 0 {
		id = -id
	}
	return ChatFullInfo{Chat: cs.chat, AccentColorID: int(id % 7), MaxReactionCount: 11}, nil
}

// memberLocked returns a user's membership of a chat, or false if the user
// is unknown.
func (s *Server) memberLocked(cs *chatState, userID int64) (ChatMember, bool) {
	if userID == s.bot.ID {
		return withRights(ChatMember{Status: cs.botStatus, User: s.bot}), true
	}
	us, ok := s.users[userID]
	if !ok {
		return ChatMember{}, false
	}
	status, ok := cs.members[userID]
	switch {
	case ok:
	case cs.chat.Type == ChatPrivate && cs.chat.ID == userID:
		status = StatusMember
	default:
		status = StatusLeft
	}
	m := withRights(ChatMember{Status: status, User: us.user})
	m.IsMember = status == StatusRestricted && !cs.outside[userID]
	return m, true
}

// withRights fills the rights Telegram reports for administrators.
func withRights(m ChatMember) ChatMember {
	if m.Status == StatusAdministrator {
		m.CanManageChat, m.CanDeleteMessages, m.CanPinMessages, m.CanInviteUsers = true, true, true, true
		m.CanPostMessages, m.CanEditMessages, m.CanRestrictMembers = true, true, true
	}
	return m
}

func (s *Server) getChatMember(r *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, err := s.readableChatLocked(r.p)
	if err != nil {
		return nil, err
	}
	uid, ok, err := r.p.int64("user_id")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, badRequest("user_id is empty")
	}
	m, ok := s.memberLocked(cs, uid)
	if !ok {
		return nil, badRequest("user not found")
	}
	return m, nil
}

func (s *Server) getChatAdministrators(r *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, err := s.readableChatLocked(r.p)
	if err != nil {
		return nil, err
	}
	if cs.chat.Type == ChatPrivate {
		return nil, badRequest("there are no administrators in the private chat")
	}
	var ids []int64
	for id, st := range cs.members {
		if st == StatusCreator || st == StatusAdministrator {
			ids = append(ids, id)
		}
	}
	if cs.botStatus == StatusAdministrator {
		ids = append(ids, s.bot.ID)
	}
	out := make([]ChatMember, 0, len(ids))
	for _, id := range ids {
		m, _ := s.memberLocked(cs, id)
		out = append(out, m)
	}
	sort.SliceStable(out, func(a, b int) bool {
		if (out[a].Status == StatusCreator) != (out[b].Status == StatusCreator) {
			return out[a].Status == StatusCreator
		}
		return out[a].User.ID < out[b].User.ID
	})
	return out, nil
}
