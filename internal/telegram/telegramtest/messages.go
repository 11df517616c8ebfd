package telegramtest

// storeLocked gives m the next message id of the chat, the chat itself and
// (unless set) the current date, appends it to the chat and returns it.
func (s *Server) storeLocked(cs *chatState, m Message) Message {
	cs.lastID++
	m.MessageID = cs.lastID
	m.Chat = cs.chat
	if m.Date == 0 {
		m.Date = s.now().Unix()
	}
	cs.msgs = append(cs.msgs, m)
	s.notifyLocked()
	return m
}

// messageLocked returns the index of a message in its chat, or -1.
func messageLocked(cs *chatState, id int64) int {
	for i := len(cs.msgs) - 1; i >= 0; i-- {
		if cs.msgs[i].MessageID == id {
			return i
		}
	}
	return -1
}

// Messages returns the messages of a chat in chat order, from users and
// from the bot alike; deleted messages are gone. Bot messages carry Source.
func (s *Server) Messages(chatID int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, ok := s.chats[chatID]
	if !ok {
		return nil
	}
	return append([]Message(nil), cs.msgs...)
}

// BotMessages returns the messages the bot produced in a chat, in order.
func (s *Server) BotMessages(chatID int64) []Message {
	var out []Message
	for _, m := range s.Messages(chatID) {
		if m.Source != nil {
			out = append(out, m)
		}
	}
	return out
}

// Message returns one message of a chat and whether it exists.
func (s *Server) Message(chatID, messageID int64) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, ok := s.chats[chatID]
	if !ok {
		return Message{}, false
	}
	if i := messageLocked(cs, messageID); i >= 0 {
		return cs.msgs[i], true
	}
	return Message{}, false
}

// hasContent reports whether m is an ordinary message that can be copied or
// forwarded, as opposed to a service message.
func hasContent(m Message) bool {
	return m.Text != "" || m.Animation != nil || m.Audio != nil || m.Document != nil ||
		len(m.Photo) > 0 || m.Sticker != nil || m.Video != nil || m.VideoNote != nil ||
		m.Voice != nil || m.Contact != nil || m.Dice != nil || m.Poll != nil ||
		m.Venue != nil || m.Location != nil
}

// hasMedia reports whether m carries a caption-bearing attachment.
func hasMedia(m Message) bool {
	return m.Animation != nil || m.Audio != nil || m.Document != nil || len(m.Photo) > 0 ||
		m.Video != nil || m.Voice != nil
}

// contentOf returns the content of m without its identity, origin, reply,
// markup or album, which is what copyMessage carries over.
func contentOf(m Message) Message {
	return Message{
		Text: m.Text, Entities: m.Entities,
		Animation: m.Animation, Audio: m.Audio, Document: m.Document, Photo: m.Photo,
		Sticker: m.Sticker, Video: m.Video, VideoNote: m.VideoNote, Voice: m.Voice,
		Caption: m.Caption, CaptionEntities: m.CaptionEntities,
		Contact: m.Contact, Dice: m.Dice, Poll: m.Poll, Venue: m.Venue, Location: m.Location,
	}
}

// shallow returns m without its own reply_to_message, as Telegram nests
// replies only one level deep.
func shallow(m Message) *Message {
	m.ReplyToMessage = nil
	m.Source = nil
	return &m
}
