package telegramtest_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/go-telegram/bot"

	"github.com/tiprelay/tiprelay/internal/botapi"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// TestClickButtonUpdate: a press arrives as Telegram sends it, and
// botapi decodes it; a press on a deleted message carries an
// inaccessible message.
func TestClickButtonUpdate(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	ctx := ctxT(t)
	forum := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatSupergroup, Title: "Polda", IsForum: true})
	topic := srv.AddTopic(forum.ID, "Laporan")
	sent, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: forum.ID, MessageThreadID: int(topic), Text: "#7", ReplyMarkup: keyboardOf("s:7:selesai")})
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := srv.Message(forum.ID, int64(sent.ID))
	q := srv.ClickButton(bob, msg, "s:7:selesai")
	if _, err := b.DeleteMessage(ctx, &bot.DeleteMessageParams{ChatID: forum.ID, MessageID: sent.ID}); err != nil {
		t.Fatal(err)
	}
	gone := srv.ClickButton(bob, msg, "s:7:selesai")
	_, _, env := poll(t, srv, "")
	var raws []json.RawMessage
	if err := json.Unmarshal(env.Result, &raws); err != nil {
		t.Fatal(err)
	}
	raws = raws[len(raws)-2:]

	var wire struct {
		CallbackQuery struct {
			ID           string          `json:"id"`
			From         json.RawMessage `json:"from"`
			ChatInstance string          `json:"chat_instance"`
			Data         string          `json:"data"`
			Message      map[string]any  `json:"message"`
		} `json:"callback_query"`
	}
	if err := json.Unmarshal(raws[0], &wire); err != nil {
		t.Fatal(err)
	}
	cq := wire.CallbackQuery
	for _, key := range []string{"message_id", "chat", "date", "from", "text", "reply_markup", "message_thread_id", "is_topic_message"} {
		if _, ok := cq.Message[key]; !ok {
			t.Errorf("got message %v, want %q in it", cq.Message, key)
		}
	}
	if cq.ID != q.ID || cq.ChatInstance == "" || cq.Data != "s:7:selesai" || len(cq.From) == 0 {
		t.Errorf("got %+v, want id, from, chat_instance and data", cq)
	}

	tests := []struct {
		name string
		raw  json.RawMessage
		want botapi.Callback
	}{
		{"on a topic message", raws[0], botapi.Callback{ID: q.ID, ChatID: forum.ID, MessageID: int64(sent.ID), ThreadID: topic, Data: "s:7:selesai"}},
		{"on a deleted message", raws[1], botapi.Callback{ID: gone.ID, ChatID: forum.ID, MessageID: int64(sent.ID), Inaccessible: true, Data: "s:7:selesai"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := botapi.Parse(tt.raw)
			if err != nil || u.Kind != botapi.KindCallbackQuery {
				t.Fatalf("got %+v %v, want a callback query", u, err)
			}
			c := *u.Callback
			if c.ID != tt.want.ID || c.ChatID != tt.want.ChatID || c.MessageID != tt.want.MessageID || c.ThreadID != tt.want.ThreadID ||
				c.Inaccessible != tt.want.Inaccessible || c.Data != tt.want.Data || c.From.ID != bob.ID || c.ChatInstance == "" {
				t.Errorf("got %+v, want %+v from bob", c, tt.want)
			}
		})
	}
	if !strings.Contains(string(raws[1]), `"date":0`) || strings.Contains(string(raws[1]), `"text"`) {
		t.Errorf("got %s, want an inaccessible message: chat, message_id, date 0", raws[1])
	}
}

// TestAnswerCallbackQuery: a press is answered once, with a notice of at
// most 200 characters; unknown and answered presses are refused.
func TestAnswerCallbackQuery(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	ctx := ctxT(t)
	srv.AddUser(alice)
	sent, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "#7", ReplyMarkup: keyboardOf("a")})
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := srv.Message(alice.ID, int64(sent.ID))
	q := srv.ClickButton(alice, msg, "a")
	const tooOld = "Bad Request: query is too old and response timeout expired or query ID is invalid"
	tests := []struct {
		name    string
		p       bot.AnswerCallbackQueryParams
		wantErr string
	}{
		{"unknown", bot.AnswerCallbackQueryParams{CallbackQueryID: "42", Text: "x"}, tooOld},
		{"notice too long", bot.AnswerCallbackQueryParams{CallbackQueryID: q.ID, Text: strings.Repeat("é", 201)}, "Bad Request: MESSAGE_TOO_LONG"},
		{"answered", bot.AnswerCallbackQueryParams{CallbackQueryID: q.ID, Text: strings.Repeat("é", 200), ShowAlert: true}, ""},
		{"answered twice", bot.AnswerCallbackQueryParams{CallbackQueryID: q.ID, Text: "x"}, tooOld},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.p
			_, err := b.AnswerCallbackQuery(ctx, &p)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("got %v, want success", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("got %v, want %q", err, tt.wantErr)
			}
		})
	}
	if a, ok := srv.Answer(q.ID); !ok || a.Text != strings.Repeat("é", 200) || !a.ShowAlert {
		t.Errorf("got %+v %v, want the first successful answer kept", a, ok)
	}
}
