package telegramtest

import "strings"

// relayKind distinguishes copies from forwards.
type relayKind int

const (
	relayCopy relayKind = iota
	relayForward
)

func (k relayKind) verb() string {
	if k == relayCopy {
		return "copy"
	}
	return "forward"
}

func (k relayKind) past() string {
	if k == relayCopy {
		return "copied"
	}
	return "forwarded"
}

// relayIDs reads message_id, or the message_ids list of a batch method,
// checking Telegram's rules for batches.
func relayIDs(p *params, batch bool) ([]int64, *apiError) {
	if !batch {
		id, ok, err := p.int64("message_id")
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, badRequest("message identifier is not specified")
		}
		return []int64{id}, nil
	}
	var ids []int64
	if _, err := p.json("message_ids", &ids); err != nil {
		return nil, err
	}
	switch {
	case len(ids) == 0:
		return nil, badRequest("message identifiers are not specified")
	case len(ids) > 100:
		return nil, badRequest("too many messages to send")
	}
	for i := 1; i < len(ids); i++ {
		if ids[i] <= ids[i-1] {
			return nil, badRequest("message identifiers are not increasing")
		}
	}
	return ids, nil
}

// relay implements copyMessage(s) and forwardMessage(s).
func (s *Server) relay(r *request, kind relayKind, batch bool) (any, *apiError) {
	ids, err := relayIDs(r.p, batch)
	if err != nil {
		return nil, err
	}
	var capText string
	var capEnts []MessageEntity
	if kind == relayCopy && !batch && r.p.has("caption") {
		if capText, capEnts, err = caption(r.p); err != nil {
			return nil, err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	from, err := s.findChatLocked(r.p, "from_chat_id")
	if err != nil {
		return nil, err
	}
	if err := readableLocked(from); err != nil {
		return nil, err
	}
	t, err := s.targetLocked(r.p)
	if err != nil {
		return nil, err
	}
	var srcs []Message
	for _, id := range ids {
		i := messageLocked(from, id)
		if i < 0 || !hasContent(from.msgs[i]) {
			continue
		}
		srcs = append(srcs, from.msgs[i])
	}
	if len(srcs) == 0 {
		if !batch && messageLocked(from, ids[0]) >= 0 {
			return nil, badRequest("message can't be " + kind.past())
		}
		return nil, badRequest("message to " + kind.verb() + " not found")
	}
	if err := s.takeRateLocked(t.cs.chat, len(srcs)); err != nil {
		return nil, err
	}
	groups := make(map[string]string)
	out := make([]MessageID, 0, len(srcs))
	var last Message
	for _, src := range srcs {
		m := contentOf(src)
		if kind == relayForward {
			m.ForwardOrigin = s.originLocked(from, src)
		}
		switch {
		case kind == relayCopy && !batch && r.p.has("caption") && hasMedia(src):
			m.Caption, m.CaptionEntities = capText, capEnts
		case kind == relayCopy && r.p.bool("remove_caption"):
			m.Caption, m.CaptionEntities = "", nil
		}
		if batch && src.MediaGroupID != "" {
			if _, ok := groups[src.MediaGroupID]; !ok {
				groups[src.MediaGroupID] = s.mediaGroupLocked()
			}
			m.MediaGroupID = groups[src.MediaGroupID]
		}
		sc := source(r, r.p.str("caption"))
		sc.FromChatID, sc.MessageIDs = from.chat.ID, ids
		if kind == relayForward || batch {
			sc.ReplyMarkup = nil
		}
		last = s.postLocked(t, m, sc)
		out = append(out, MessageID{MessageID: last.MessageID})
	}
	switch {
	case batch:
		return out, nil
	case kind == relayCopy:
		return out[0], nil
	}
	return last, nil
}

// originLocked returns the forward_origin of a forward of m from chat cs.
func (s *Server) originLocked(cs *chatState, m Message) *MessageOrigin {
	if m.ForwardOrigin != nil {
		o := *m.ForwardOrigin
		return &o
	}
	o := &MessageOrigin{Date: m.Date}
	switch {
	case cs.chat.Type == ChatChannel:
		ch := cs.chat
		o.Type, o.Chat, o.MessageID, o.AuthorSignature = "channel", &ch, m.MessageID, m.AuthorSignature
	case m.SenderChat != nil:
		o.Type, o.SenderChat, o.AuthorSignature = "chat", m.SenderChat, m.AuthorSignature
	case m.From != nil && s.users[m.From.ID] != nil && s.users[m.From.ID].hideForwards:
		o.Type, o.SenderUserName = "hidden_user", strings.TrimSpace(m.From.FirstName+" "+m.From.LastName)
	default:
		u := s.bot
		if m.From != nil {
			u = *m.From
		}
		o.Type, o.SenderUser = "user", &u
	}
	return o
}

func (s *Server) copyMessage(r *request) (any, *apiError)  { return s.relay(r, relayCopy, false) }
func (s *Server) copyMessages(r *request) (any, *apiError) { return s.relay(r, relayCopy, true) }
func (s *Server) forwardMessage(r *request) (any, *apiError) {
	return s.relay(r, relayForward, false)
}
func (s *Server) forwardMessages(r *request) (any, *apiError) {
	return s.relay(r, relayForward, true)
}
