package telegramtest

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"unicode/utf8"
)

// editableLocked finds the message an edit method names and checks that
// the bot may edit it.
func (s *Server) editableLocked(p *params) (*chatState, int, *apiError) {
	cs, err := s.readableChatLocked(p)
	if err != nil {
		return nil, 0, err
	}
	id, ok, err := p.int64("message_id")
	if err != nil {
		return nil, 0, err
	}
	if !ok {
		return nil, 0, badRequest("message identifier is not specified")
	}
	i := messageLocked(cs, id)
	if i < 0 {
		return nil, 0, badRequest("message to edit not found")
	}
	// Only the bot's own messages can be edited, and of those not the
	// forwards: their content belongs to someone else.
	if src := cs.msgs[i].Source; src == nil || strings.HasPrefix(src.Method, "forward") {
		return nil, 0, badRequest("message can't be edited")
	}
	return cs, i, nil
}

const notModified = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"

func (s *Server) editMessageText(r *request) (any, *apiError) {
	if r.p.has("inline_message_id") {
		return true, nil
	}
	if strings.TrimSpace(r.p.str("text")) == "" {
		return nil, badRequest("message text is empty")
	}
	text, ents, err := formatted(r.p, "text", "entities")
	if err != nil {
		return nil, err
	}
	if tooLong(text, maxTextLen) {
		return nil, badRequest("message is too long")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, i, err := s.editableLocked(r.p)
	if err != nil {
		return nil, err
	}
	if cs.msgs[i].Text == "" {
		return nil, badRequest("there is no text in the message to edit")
	}
	return s.applyEditLocked(cs, i, r, func(m *Message) (same bool) {
		same = m.Text == text && reflect.DeepEqual(m.Entities, ents)
		m.Text, m.Entities = text, ents
		return same
	})
}

// applyEditLocked changes message i of cs with set, which reports whether
// the content was already what it sets, and replaces its reply markup
// with the request's. An edit that changes neither is refused as Telegram
// refuses it: "message is not modified".
func (s *Server) applyEditLocked(cs *chatState, i int, r *request, set func(*Message) bool) (any, *apiError) {
	m := cs.msgs[i]
	markup := rawMarkup(json.RawMessage(r.p.str("reply_markup")))
	if set(&m) && sameJSON(cs.msgs[i].ReplyMarkup, markup) {
		return nil, badRequest(notModified)
	}
	m.ReplyMarkup, m.EditDate = markup, s.now().Unix()
	cs.msgs[i] = m
	s.notifyLocked()
	return m, nil
}

func (s *Server) editMessageCaption(r *request) (any, *apiError) {
	if r.p.has("inline_message_id") {
		return true, nil
	}
	text, ents, err := caption(r.p)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, i, err := s.editableLocked(r.p)
	if err != nil {
		return nil, err
	}
	if !hasMedia(cs.msgs[i]) {
		return nil, badRequest("there is no caption in the message to edit")
	}
	return s.applyEditLocked(cs, i, r, func(m *Message) (same bool) {
		same = m.Caption == text && reflect.DeepEqual(m.CaptionEntities, ents)
		m.Caption, m.CaptionEntities = text, ents
		return same
	})
}

func (s *Server) editMessageReplyMarkup(r *request) (any, *apiError) {
	if r.p.has("inline_message_id") {
		return true, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, i, err := s.editableLocked(r.p)
	if err != nil {
		return nil, err
	}
	m := cs.msgs[i]
	markup := rawMarkup(json.RawMessage(r.p.str("reply_markup")))
	if sameJSON(m.ReplyMarkup, markup) {
		return nil, badRequest(notModified)
	}
	m.ReplyMarkup, m.EditDate = markup, s.now().Unix()
	cs.msgs[i] = m
	s.notifyLocked()
	return m, nil
}

// sameJSON compares two JSON values, treating absent and null alike.
func sameJSON(a, b json.RawMessage) bool {
	var va, vb any
	_ = json.Unmarshal(a, &va)
	_ = json.Unmarshal(b, &vb)
	return reflect.DeepEqual(va, vb) || bytes.Equal(a, b)
}

func (s *Server) deleteMessage(r *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, err := s.readableChatLocked(r.p)
	if err != nil {
		return nil, err
	}
	id, _, err := r.p.int64("message_id")
	if err != nil {
		return nil, err
	}
	i := messageLocked(cs, id)
	if i < 0 {
		return nil, badRequest("message to delete not found")
	}
	own := cs.msgs[i].Source != nil
	admin := cs.botStatus == StatusAdministrator || cs.botStatus == StatusCreator
	if !own && !admin && cs.chat.Type != ChatPrivate {
		return nil, badRequest("message can't be deleted")
	}
	cs.msgs = append(cs.msgs[:i:i], cs.msgs[i+1:]...)
	s.notifyLocked()
	return true, nil
}

// maxAnswerText is Telegram's limit on the notice of answerCallbackQuery,
// in characters.
const maxAnswerText = 200

// CallbackAnswer is how the bot answered a button press.
type CallbackAnswer struct {
	// Text is the notice shown to the user; empty for none.
	Text string
	// ShowAlert is true when the notice is an alert the user must dismiss.
	ShowAlert bool
}

func (s *Server) answerCallbackQuery(r *request) (any, *apiError) {
	text := r.p.str("text")
	if utf8.RuneCountInString(text) > maxAnswerText {
		return nil, badRequest("MESSAGE_TOO_LONG")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := r.p.str("callback_query_id")
	if a, ok := s.answers[id]; !ok || a != nil {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	s.answers[id] = &CallbackAnswer{Text: text, ShowAlert: r.p.bool("show_alert")}
	s.notifyLocked()
	return true, nil
}

// Answered reports whether the bot answered a callback query.
func (s *Server) Answered(callbackQueryID string) bool {
	_, ok := s.Answer(callbackQueryID)
	return ok
}

// Answer returns the bot's answer to a callback query, and whether it
// answered it.
func (s *Server) Answer(callbackQueryID string) (CallbackAnswer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.answers[callbackQueryID]; a != nil {
		return *a, true
	}
	return CallbackAnswer{}, false
}
