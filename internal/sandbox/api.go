package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// Telegram's limits on what a user may send.
const (
	maxText    = 4096
	maxCaption = 1024
	maxBody    = 64 << 10
)

// pressWait bounds how long a press waits for the bot's answer.
const pressWait = 10 * time.Second

// apiError is a refused request: its status and the reason shown on the
// page.
type apiError struct {
	status int
	msg    string
}

func (e *apiError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return &apiError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

// writeJSON answers v as JSON, or an apiError (or any error, as 500) as
// {"error": ...}.
func writeJSON(w http.ResponseWriter, v any, err error) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err != nil {
		status := http.StatusInternalServerError
		var ae *apiError
		if errors.As(err, &ae) {
			status = ae.status
		}
		w.WriteHeader(status)
		v = map[string]string{"error": err.Error()}
	}
	_ = json.NewEncoder(w).Encode(v)
}

// decode reads a JSON request body of at most maxBody bytes into v,
// refusing unknown fields.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return badRequest("bad request body: %v", err)
	}
	return nil
}

// handle adapts an API function that decodes its request into T.
func handle[T any](fn func(ctx context.Context, req T) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req T
		if err := decode(w, r, &req); err != nil {
			writeJSON(w, nil, err)
			return
		}
		v, err := fn(r.Context(), req)
		writeJSON(w, v, err)
	}
}

// stateView is what the page draws: the chosen phone's chat, the chosen
// police chat, and how many messages every chat has (for the badges).
// Version grows with every change; it is read before the chats.
type stateView struct {
	Version int64            `json:"version"`
	Phone   *chatView        `json:"phone,omitempty"`
	Police  *chatView        `json:"police,omitempty"`
	Counts  map[string]int64 `json:"counts"`
}

func (s *Sandbox) serveState(w http.ResponseWriter, r *http.Request) {
	v := stateView{Version: s.hub.current(), Counts: make(map[string]int64)}
	q := r.URL.Query()
	if id, err := strconv.ParseInt(q.Get("phone"), 10, 64); err == nil {
		if _, ok := s.world.phone(id); ok {
			cv := s.chatView(id)
			v.Phone = &cv
		}
	}
	if id, err := strconv.ParseInt(q.Get("police"), 10, 64); err == nil {
		if _, ok := s.world.policeChat(id); ok {
			cv := s.chatView(id)
			v.Police = &cv
		}
	}
	for _, p := range s.world.Phones {
		v.Counts[strconv.FormatInt(p.User.ID, 10)] = lastID(s.emu.Messages(p.User.ID))
	}
	for _, pc := range s.world.Police {
		v.Counts[strconv.FormatInt(pc.Chat.ID, 10)] = lastID(s.emu.Messages(pc.Chat.ID))
	}
	writeJSON(w, v, nil)
}

// lastID returns the id of the last message, 0 for none: the page counts
// a chat's unread messages with it.
func lastID(msgs []telegramtest.Message) int64 {
	if len(msgs) == 0 {
		return 0
	}
	return msgs[len(msgs)-1].MessageID
}

// pressRequest presses a button of a message. In a police chat As says who
// presses: "officer" (the chat's officer, the default) or "stranger"; in a
// private chat it is the chat's person.
type pressRequest struct {
	Chat    int64  `json:"chat"`
	Message int64  `json:"message"`
	Data    string `json:"data"`
	As      string `json:"as"`
}

// pressAnswer is the bot's answer to a press: the notice the person sees.
type pressAnswer struct {
	Answered bool   `json:"answered"`
	Text     string `json:"text"`
	Alert    bool   `json:"alert"`
}

// press clicks the button, as Telegram would, and waits for the bot's
// answer (at most pressWait).
func (s *Sandbox) press(ctx context.Context, req pressRequest) (any, error) {
	who, chatName, err := s.presser(req.Chat, req.As)
	if err != nil {
		return nil, err
	}
	m, ok := s.emu.Message(req.Chat, req.Message)
	if !ok || m.Source == nil {
		return nil, badRequest("no message %d of the bot in chat %d", req.Message, req.Chat)
	}
	label := ""
	for _, row := range m.InlineKeyboard() {
		for _, b := range row {
			if b.CallbackData != "" && b.CallbackData == req.Data {
				label = b.Text
			}
		}
	}
	if label == "" {
		return nil, badRequest("message %d has no button with data %q", req.Message, req.Data)
	}
	q := s.emu.ClickButton(who.User, m, req.Data)
	s.user("press", who.Name(), label, chatName)
	ctx, cancel := context.WithTimeout(ctx, pressWait)
	defer cancel()
	if err := s.emu.WaitFor(ctx, func() bool { return s.emu.Answered(q.ID) }); err != nil {
		return pressAnswer{}, nil
	}
	a, _ := s.emu.Answer(q.ID)
	return pressAnswer{Answered: true, Text: a.Text, Alert: a.ShowAlert}, nil
}

// presser returns who acts in a chat: the person of a private chat, or
// the officer or the stranger in a police chat.
func (s *Sandbox) presser(chat int64, as string) (Person, string, error) {
	if p, ok := s.world.phone(chat); ok {
		return p, p.Name(), nil
	}
	pc, ok := s.world.policeChat(chat)
	if !ok {
		return Person{}, "", badRequest("chat %d is not a chat of the sandbox", chat)
	}
	switch as {
	case "", "officer":
		return pc.Officer, pc.Unit, nil
	case "stranger":
		return s.world.Stranger, pc.Unit, nil
	}
	return Person{}, "", badRequest(`as must be "officer" or "stranger", not %q`, as)
}

// checkText refuses empty or overlong text.
func checkText(text string, limit int, required bool) error {
	n := utf8.RuneCountInString(text)
	switch {
	case !utf8.ValidString(text):
		return badRequest("text is not valid UTF-8")
	case required && n == 0:
		return badRequest("text is empty")
	case n > limit:
		return badRequest("text has %d characters; Telegram allows %d", n, limit)
	}
	return nil
}
