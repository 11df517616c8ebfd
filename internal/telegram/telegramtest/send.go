package telegramtest

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Telegram's length limits, in UTF-16 code units after entity parsing.
const (
	maxTextLen    = 4096
	maxCaptionLen = 1024
)

// target is the resolved destination of a message-producing call.
type target struct {
	cs     *chatState
	thread int64
	topic  bool
	reply  *Message
}

// targetLocked resolves chat_id, message_thread_id and the reply parameters
// of a sending method, with Telegram's errors.
func (s *Server) targetLocked(p *params) (target, *apiError) {
	cs, err := s.findChatLocked(p, "chat_id")
	if err != nil {
		return target{}, err
	}
	if err := writableLocked(cs); err != nil {
		return target{}, err
	}
	t := target{cs: cs}
	thread, _, err := p.int64("message_thread_id")
	if err != nil {
		return target{}, err
	}
	if thread != 0 {
		topic, ok := cs.topics[thread]
		switch {
		case ok:
			t.thread, t.topic, t.reply = thread, true, shallow(topic)
		case cs.chat.Type == ChatSupergroup && !cs.chat.IsForum && messageLocked(cs, thread) >= 0:
			t.thread = thread
		default:
			return target{}, badRequest("message thread not found")
		}
	}
	var rp struct {
		MessageID int64 `json:"message_id"`
		Allow     bool  `json:"allow_sending_without_reply"`
	}
	has, err := p.json("reply_parameters", &rp)
	if err != nil {
		return target{}, err
	}
	if !has {
		if rp.MessageID, _, err = p.int64("reply_to_message_id"); err != nil {
			return target{}, err
		}
		rp.Allow = p.bool("allow_sending_without_reply")
	}
	if rp.MessageID != 0 {
		if i := messageLocked(cs, rp.MessageID); i >= 0 {
			t.reply = shallow(cs.msgs[i])
		} else if !rp.Allow {
			return target{}, badRequest("message to be replied not found")
		}
	}
	return t, nil
}

// postLocked stores a message the bot produced in t and returns it.
func (s *Server) postLocked(t target, m Message, src *Source) Message {
	if t.cs.chat.Type == ChatChannel {
		m.SenderChat = &t.cs.chat
	} else {
		bot := s.bot
		m.From = &bot
	}
	m.MessageThreadID, m.IsTopicMessage, m.ReplyToMessage = t.thread, t.topic, t.reply
	m.Date = 0
	m.Source = src
	if src != nil {
		m.ReplyMarkup = rawMarkup(src.ReplyMarkup)
		m.HasProtected, _ = strconv.ParseBool(strings.TrimSpace(src.Params["protect_content"]))
		m.DisableNotification, _ = strconv.ParseBool(strings.TrimSpace(src.Params["disable_notification"]))
	}
	return s.storeLocked(t.cs, m)
}

// source builds the Source record of a call.
func source(r *request, raw string) *Source {
	return &Source{
		Method:      r.method,
		RawText:     raw,
		ParseMode:   r.p.str("parse_mode"),
		ReplyMarkup: json.RawMessage(r.p.str("reply_markup")),
		Params:      r.p.values,
	}
}

// formatted parses a text or caption parameter under parse_mode and the
// explicit entities parameter. The caller checks emptiness and length.
func formatted(p *params, field, entitiesField string) (string, []MessageEntity, *apiError) {
	raw := p.str(field)
	switch strings.ToLower(p.str("parse_mode")) {
	case "":
		var ents []MessageEntity
		if _, err := p.json(entitiesField, &ents); err != nil {
			return "", nil, err
		}
		if ents == nil {
			ents = detectLinks(raw)
		}
		return raw, ents, nil
	case "html":
		text, ents, perr := parseHTML(raw)
		if perr != "" {
			return "", nil, badRequest(perr)
		}
		return text, mergeEntities(ents, detectLinks(text)), nil
	case "markdown", "markdownv2":
		// Markdown is accepted but not interpreted: the text is kept as sent.
		return raw, detectLinks(raw), nil
	}
	return "", nil, badRequest("unsupported parse_mode")
}

// detectLinks returns the url and email entities Telegram adds to bot text.
func detectLinks(text string) []MessageEntity {
	var out []MessageEntity
	for _, e := range DetectEntities(text) {
		if e.Type == "url" || e.Type == "email" {
			out = append(out, e)
		}
	}
	return out
}

// mergeEntities adds the detected entities that overlap none of ents.
func mergeEntities(ents, detected []MessageEntity) []MessageEntity {
	for _, d := range detected {
		clash := false
		for _, e := range ents {
			if d.Offset < e.Offset+e.Length && e.Offset < d.Offset+d.Length {
				clash = true
				break
			}
		}
		if !clash {
			ents = append(ents, d)
		}
	}
	sortEntities(ents)
	return ents
}

// caption parses and checks the caption parameter.
func caption(p *params) (string, []MessageEntity, *apiError) {
	text, ents, err := formatted(p, "caption", "caption_entities")
	if err != nil {
		return "", nil, err
	}
	if tooLong(text, maxCaptionLen) {
		return "", nil, badRequest("message caption is too long")
	}
	return text, ents, nil
}

func (s *Server) sendMessage(r *request) (any, *apiError) {
	if strings.TrimSpace(r.p.str("text")) == "" {
		return nil, badRequest("message text is empty")
	}
	text, ents, err := formatted(r.p, "text", "entities")
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(text) == "" {
		return nil, badRequest("message text is empty")
	}
	if tooLong(text, maxTextLen) {
		return nil, badRequest("message is too long")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.targetLocked(r.p)
	if err != nil {
		return nil, err
	}
	if err := s.takeRateLocked(t.cs.chat, 1); err != nil {
		return nil, err
	}
	return s.postLocked(t, Message{Text: text, Entities: ents}, source(r, r.p.str("text"))), nil
}

// validActions are the actions sendChatAction accepts.
func validAction(a string) bool {
	switch a {
	case "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
		"upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note":
		return true
	}
	return false
}

func (s *Server) sendChatAction(r *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.targetLocked(r.p); err != nil {
		return nil, err
	}
	if !validAction(r.p.str("action")) {
		return nil, badRequest("wrong parameter action in request")
	}
	return true, nil
}
