package telegramtest

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"time"
)

// The inject helpers act as users and channels do. Each stores the message
// with the next message id of its chat and queues the matching update
// (unless allowed_updates excludes its kind). They panic on misuse, such as
// an unregistered chat, as they are meant for test code.

// UserSends delivers m from a user to the bot in their private chat, which
// is created on first use, and returns the stored message.
func (s *Server) UserSends(from User, m Message) Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.userLocked(from)
	s.setBlockedLocked(cs, from, false) // writing to a bot unblocks it
	return s.injectLocked(cs, &from, m)
}

// ChatSends delivers m from a user in a group or supergroup; set
// m.MessageThreadID to post in a forum topic, and m.ReplyToMessage to
// &Message{MessageID: id} to reply to message id of the chat (the stored
// message is filled in). The message is always stored, but under the
// bot's privacy mode (on by default, see SetPrivacy) only a command, a
// reply to the bot, a mention of the bot or a service message queues an
// update, unless the bot is an administrator. For a channel, use
// ChannelPost.
func (s *Server) ChatSends(chatID int64, from User, m Message) Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.users[from.ID]; !ok {
		s.users[from.ID] = &userState{user: from}
	}
	cs := s.mustChatLocked(chatID)
	if cs.chat.Type == ChatChannel {
		panic("telegramtest: ChatSends to a channel; use ChannelPost")
	}
	if _, ok := cs.members[from.ID]; !ok {
		cs.members[from.ID] = StatusMember
	}
	return s.injectLocked(cs, &from, m)
}

// ChannelPost publishes m in a channel and queues a channel_post update.
func (s *Server) ChannelPost(chatID int64, m Message) Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.mustChatLocked(chatID)
	if cs.chat.Type != ChatChannel {
		panic(fmt.Sprintf("telegramtest: ChannelPost: chat %d is not a channel", chatID))
	}
	return s.injectLocked(cs, nil, m)
}

// SendAlbum delivers items from a user to the bot as one album: they share
// a new media_group_id and arrive as one update each.
func (s *Server) SendAlbum(from User, items []Message) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.userLocked(from)
	group := s.mediaGroupLocked()
	out := make([]Message, 0, len(items))
	for _, m := range items {
		m.MediaGroupID = group
		out = append(out, s.injectLocked(cs, &from, m))
	}
	return out
}

func (s *Server) mediaGroupLocked() string {
	return strconv.FormatInt(13_590_000_000_000_000+s.nextSeqLocked()*7919, 10)
}

func (s *Server) injectLocked(cs *chatState, from *User, m Message) Message {
	s.registerFilesLocked(&m)
	if m.Poll != nil && m.Poll.ID == "" {
		p := *m.Poll
		p.ID = strconv.FormatInt(5_861_000_000_000_000_000+s.nextSeqLocked()*15_485_863, 10)
		m.Poll = &p
	}
	if o := m.ForwardOrigin; o != nil && o.Date == 0 {
		c := *o
		c.Date = s.now().Add(-time.Hour).Unix()
		m.ForwardOrigin = &c
	}
	m.From, m.Source = from, nil
	if cs.chat.Type == ChatChannel {
		m.SenderChat = &cs.chat
	}
	if m.MessageThreadID != 0 {
		topic, ok := cs.topics[m.MessageThreadID]
		if !ok && messageLocked(cs, m.MessageThreadID) < 0 {
			panic(fmt.Sprintf("telegramtest: no thread %d in chat %d", m.MessageThreadID, cs.chat.ID))
		}
		if ok {
			m.IsTopicMessage = true
			if m.ReplyToMessage == nil {
				m.ReplyToMessage = shallow(topic)
			}
		}
	}
	if r := m.ReplyToMessage; r != nil && r.Date == 0 {
		i := messageLocked(cs, r.MessageID)
		if i < 0 {
			panic(fmt.Sprintf("telegramtest: reply to unknown message %d in chat %d", r.MessageID, cs.chat.ID))
		}
		m.ReplyToMessage = shallow(cs.msgs[i])
	}
	m = s.storeLocked(cs, m)
	kind := "message"
	if cs.chat.Type == ChatChannel {
		kind = "channel_post"
	}
	if s.seesLocked(cs, m) {
		s.enqueueLocked(kind, Update{Message: ptrIf(kind == "message", m), ChannelPost: ptrIf(kind == "channel_post", m)})
	}
	return m
}

func ptrIf(ok bool, m Message) *Message {
	if !ok {
		return nil
	}
	return &m
}

// EditMessage edits a message as its author would: the caption when it has
// media, the text otherwise. It sets edit_date, queues an edited_message
// (or edited_channel_post) update, and returns the edited message. In a
// group, the privacy mode applies to the edited message as to a new one.
func (s *Server) EditMessage(chatID, messageID int64, newText string) Message {
	return s.edit("EditMessage", chatID, messageID, func(m *Message) {
		if hasMedia(*m) {
			m.Caption, m.CaptionEntities = newText, DetectEntities(newText)
		} else {
			m.Text, m.Entities = newText, DetectEntities(newText)
		}
	})
}

// EditMessageMedia replaces the media of a message as its author would
// (Telegram's "replace photo"): media's photo, video, animation, document
// or audio, with its caption, takes the place of the old media and
// caption. It sets edit_date, queues an edited_message update and returns
// the edited message. It panics if either message has no media.
func (s *Server) EditMessageMedia(chatID, messageID int64, media Message) Message {
	if !hasMedia(media) {
		panic("telegramtest: EditMessageMedia: only media can replace media")
	}
	return s.edit("EditMessageMedia", chatID, messageID, func(m *Message) {
		if !hasMedia(*m) {
			panic("telegramtest: EditMessageMedia: the message has no media to replace")
		}
		s.registerFilesLocked(&media)
		m.Photo, m.Video, m.Animation, m.Document, m.Audio, m.Voice = media.Photo, media.Video, media.Animation, media.Document, media.Audio, media.Voice
		m.Caption, m.CaptionEntities = media.Caption, media.CaptionEntities
	})
}

// edit applies change to a stored message, sets its edit_date, queues the
// edited update and returns the message; caller names the method in
// panics.
func (s *Server) edit(caller string, chatID, messageID int64, change func(*Message)) Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.mustChatLocked(chatID)
	i := messageLocked(cs, messageID)
	if i < 0 {
		panic(fmt.Sprintf("telegramtest: %s: no message %d in chat %d", caller, messageID, chatID))
	}
	m := cs.msgs[i]
	change(&m)
	m.EditDate = s.now().Unix()
	cs.msgs[i] = m
	switch {
	case cs.chat.Type == ChatChannel:
		s.enqueueLocked("edited_channel_post", Update{EditedChannelPost: &m})
	case s.seesLocked(cs, m):
		s.enqueueLocked("edited_message", Update{EditedMessage: &m})
	}
	return m
}

// ClickButton presses an inline button of msg (a message the bot sent) as
// user from, queues a callback_query update and returns the query. The
// query carries the message as it is now (its current text and keyboard),
// or, when it was deleted, as an inaccessible message (chat, message_id
// and a date of 0), as Telegram sends it. data is sent as it is given, so
// a test can press a stale button or forge one.
func (s *Server) ClickButton(from User, msg Message, data string) CallbackQuery {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.users[from.ID]; !ok {
		s.users[from.ID] = &userState{user: from}
	}
	cs := s.mustChatLocked(msg.Chat.ID)
	shown := &Message{MessageID: msg.MessageID, Chat: cs.chat} // inaccessible: date 0
	if i := messageLocked(cs, msg.MessageID); i >= 0 {
		shown = shallow(cs.msgs[i])
	}
	q := CallbackQuery{
		ID:           strconv.FormatInt(4_382_000_000_000_000_000+s.nextSeqLocked()*104_729, 10),
		From:         from,
		Message:      shown,
		ChatInstance: strconv.FormatInt(-5_000_000_000_000_000_000-msg.Chat.ID, 10),
		Data:         data,
	}
	s.answers[q.ID] = nil
	s.enqueueLocked("callback_query", Update{CallbackQuery: &q})
	return q
}

// InjectRawUpdate queues an arbitrary update object, for kinds the emulator
// does not model and for odd payloads. Its update_id is overwritten with the
// next id, which is returned. Raw updates bypass allowed_updates. It panics
// if raw is not a JSON object.
func (s *Server) InjectRawUpdate(raw []byte) int64 {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		panic("telegramtest: InjectRawUpdate: " + err.Error())
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		if k != "update_id" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	kind := ""
	if len(keys) > 0 {
		kind = keys[0]
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	obj["update_id"] = json.RawMessage(strconv.FormatInt(s.queue.next, 10))
	out, _ := json.Marshal(obj)
	return s.enqueueRawLocked(kind, out)
}
