package telegramtest_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/tiprelay/tiprelay/internal/botapi"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

func keyboardOf(data ...string) *models.InlineKeyboardMarkup {
	var row []models.InlineKeyboardButton
	for _, d := range data {
		row = append(row, models.InlineKeyboardButton{Text: d, CallbackData: d})
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{row}}
}

// TestEditMessageCaption: the caption and keyboard of the bot's own media
// message change; everything else is refused with Telegram's words.
func TestEditMessageCaption(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	ctx := ctxT(t)
	police := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatSupergroup, Title: "Polres Badung"})
	photo := srv.UserSends(alice, telegramtest.Photo("bukti"))
	text := srv.UserSends(alice, telegramtest.Text("teks"))
	copied, err := b.CopyMessage(ctx, &bot.CopyMessageParams{ChatID: police.ID, FromChatID: alice.ID, MessageID: int(photo.MessageID),
		Caption: "<b>#7</b> baru", ParseMode: models.ParseModeHTML, ReplyMarkup: keyboardOf("dipantau")})
	if err != nil {
		t.Fatal(err)
	}
	sentText, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: police.ID, Text: "#8"})
	if err != nil {
		t.Fatal(err)
	}
	fwd, err := b.ForwardMessage(ctx, &bot.ForwardMessageParams{ChatID: police.ID, FromChatID: alice.ID, MessageID: int(photo.MessageID)})
	if err != nil {
		t.Fatal(err)
	}
	userPhoto := srv.ChatSends(police.ID, bob, telegramtest.Photo("dari anggota"))
	id := copied.ID

	tests := []struct {
		name    string
		p       bot.EditMessageCaptionParams
		wantErr string
		want    string // the caption after a success
	}{
		{"new caption and keyboard", bot.EditMessageCaptionParams{ChatID: police.ID, MessageID: id, Caption: "<b>#7</b> dipantau", ParseMode: models.ParseModeHTML, ReplyMarkup: keyboardOf("selesai")}, "", "#7 dipantau"},
		{"same caption and keyboard", bot.EditMessageCaptionParams{ChatID: police.ID, MessageID: id, Caption: "<b>#7</b> dipantau", ParseMode: models.ParseModeHTML, ReplyMarkup: keyboardOf("selesai")},
			"Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message", ""},
		{"same caption, other keyboard", bot.EditMessageCaptionParams{ChatID: police.ID, MessageID: id, Caption: "<b>#7</b> dipantau", ParseMode: models.ParseModeHTML, ReplyMarkup: keyboardOf("bukan_ancaman")}, "", "#7 dipantau"},
		{"same text, other entities", bot.EditMessageCaptionParams{ChatID: police.ID, MessageID: id, Caption: "#7 dipantau", ReplyMarkup: keyboardOf("bukan_ancaman")}, "", "#7 dipantau"},
		{"too long", bot.EditMessageCaptionParams{ChatID: police.ID, MessageID: id, Caption: strings.Repeat("😀", 512) + "x"}, "Bad Request: message caption is too long", ""},
		{"1024 UTF-16 units", bot.EditMessageCaptionParams{ChatID: police.ID, MessageID: id, Caption: strings.Repeat("😀", 512)}, "", strings.Repeat("😀", 512)},
		{"a text message", bot.EditMessageCaptionParams{ChatID: police.ID, MessageID: sentText.ID, Caption: "x"}, "Bad Request: there is no caption in the message to edit", ""},
		{"a forward", bot.EditMessageCaptionParams{ChatID: police.ID, MessageID: fwd.ID, Caption: "x"}, "Bad Request: message can't be edited", ""},
		{"someone else's message", bot.EditMessageCaptionParams{ChatID: police.ID, MessageID: int(userPhoto.MessageID), Caption: "x"}, "Bad Request: message can't be edited", ""},
		{"unknown message", bot.EditMessageCaptionParams{ChatID: police.ID, MessageID: 999, Caption: "x"}, "Bad Request: message to edit not found", ""},
		{"a user's text in private", bot.EditMessageCaptionParams{ChatID: alice.ID, MessageID: int(text.MessageID), Caption: "x"}, "Bad Request: message can't be edited", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.p
			_, err := b.EditMessageCaption(ctx, &p)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("got %v, want success", err)
			}
			m, _ := srv.Message(police.ID, int64(p.MessageID))
			if m.Caption != tt.want || len(m.Photo) == 0 || m.EditDate == 0 {
				t.Errorf("got caption %q, want %q on the edited photo", m.Caption, tt.want)
			}
			if p.ReplyMarkup != nil && keyboardData(m) == "" {
				t.Errorf("got no keyboard, want the new one")
			}
		})
	}
}

// keyboardData flattens the callback data of m's keyboard.
func keyboardData(m telegramtest.Message) string {
	var out []string
	for _, row := range m.InlineKeyboard() {
		for _, b := range row {
			out = append(out, b.CallbackData)
		}
	}
	return strings.Join(out, ",")
}

// TestEditMessageTextNotModified: an edit that changes neither text,
// entities nor keyboard is refused; a new keyboard alone is a change.
func TestEditMessageTextNotModified(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	ctx := ctxT(t)
	srv.AddUser(alice)
	sent, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "<b>#7</b>", ParseMode: models.ParseModeHTML, ReplyMarkup: keyboardOf("a")})
	if err != nil {
		t.Fatal(err)
	}
	edit := func(text string, kb models.ReplyMarkup) error {
		_, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: sent.ID, Text: text, ParseMode: models.ParseModeHTML, ReplyMarkup: kb})
		return err
	}
	if err := edit("<b>#7</b>", keyboardOf("a")); err == nil || !strings.Contains(err.Error(), "message is not modified") {
		t.Errorf("same text and keyboard: got %v, want not modified", err)
	}
	if err := edit("<b>#7</b>", keyboardOf("b")); err != nil {
		t.Errorf("new keyboard: got %v, want success", err)
	}
	if err := edit("<b>#7</b>", nil); err != nil {
		t.Errorf("keyboard removed: got %v, want success", err)
	}
	if m, _ := srv.Message(alice.ID, int64(sent.ID)); m.ReplyMarkup != nil {
		t.Errorf("got keyboard %s, want none after an edit without reply_markup", m.ReplyMarkup)
	}
	if err := edit("<b>#7</b>", nil); err == nil || !strings.Contains(err.Error(), "message is not modified") {
		t.Errorf("same again without keyboard: got %v, want not modified", err)
	}
	if err := edit("<b>#7</b>", &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "", CallbackData: "x"}}}}); err == nil || !strings.Contains(err.Error(), "BUTTON_TEXT_INVALID") {
		t.Errorf("blank button: got %v, want BUTTON_TEXT_INVALID", err)
	}
}

// TestCopyMessageCaption: a single copy takes the caption given, parsed
// under parse_mode, within Telegram's limit; a text keeps its text.
func TestCopyMessageCaption(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	ctx := ctxT(t)
	police := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatSupergroup, Title: "Polda"})
	media := map[string]telegramtest.Message{
		"photo":     srv.UserSends(alice, telegramtest.Photo("asli")),
		"video":     srv.UserSends(alice, telegramtest.VideoMsg("asli")),
		"document":  srv.UserSends(alice, telegramtest.DocumentMsg("bukti.pdf", "application/pdf", []byte("%PDF-1.4"), "asli")),
		"audio":     srv.UserSends(alice, telegramtest.AudioMsg("Penyanyi", "Lagu")),
		"animation": srv.UserSends(alice, telegramtest.AnimationMsg("asli")),
	}
	header := `<b>#7</b> Hoaks · <a href="https://t.me/kanal/5">kanal</a>` + "\n\nasli"
	for kind, orig := range media {
		t.Run(kind, func(t *testing.T) {
			id, err := b.CopyMessage(ctx, &bot.CopyMessageParams{ChatID: police.ID, FromChatID: alice.ID, MessageID: int(orig.MessageID),
				Caption: header, ParseMode: models.ParseModeHTML, ReplyMarkup: keyboardOf("s:7:dipantau")})
			if err != nil {
				t.Fatal(err)
			}
			m, _ := srv.Message(police.ID, int64(id.ID))
			if m.Caption != "#7 Hoaks · kanal\n\nasli" || len(m.CaptionEntities) != 2 || m.CaptionEntities[1].URL != "https://t.me/kanal/5" {
				t.Errorf("got caption %q %+v, want the header parsed", m.Caption, m.CaptionEntities)
			}
			if m.Photo == nil && m.Video == nil && m.Document == nil && m.Audio == nil && m.Animation == nil {
				t.Errorf("got %+v, want the media kept", m)
			}
			if keyboardData(m) != "s:7:dipantau" {
				t.Errorf("got keyboard %q, want the status button", keyboardData(m))
			}
		})
	}
	tests := []struct {
		name, caption, mode, wantErr string
	}{
		{"1024 UTF-16 units", strings.Repeat("😀", 512), "", ""},
		{"1025", strings.Repeat("😀", 512) + "x", "", "Bad Request: message caption is too long"},
		{"1024 after HTML parsing", "<b>" + strings.Repeat("a", 1024) + "</b>", "HTML", ""},
		{"bad HTML", "<b>a", "HTML", "can't parse entities"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := b.CopyMessage(ctx, &bot.CopyMessageParams{ChatID: police.ID, FromChatID: alice.ID, MessageID: int(media["photo"].MessageID),
				Caption: tt.caption, ParseMode: models.ParseMode(tt.mode)})
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("got %v, want success", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("got %v, want %q", err, tt.wantErr)
			}
		})
	}
	t.Run("a text ignores the caption", func(t *testing.T) {
		orig := srv.UserSends(alice, telegramtest.Text("teks asli"))
		id, err := b.CopyMessage(ctx, &bot.CopyMessageParams{ChatID: police.ID, FromChatID: alice.ID, MessageID: int(orig.MessageID), Caption: "header"})
		if err != nil {
			t.Fatal(err)
		}
		if m, _ := srv.Message(police.ID, int64(id.ID)); m.Text != "teks asli" || m.Caption != "" {
			t.Errorf("got text %q caption %q, want the text unchanged", m.Text, m.Caption)
		}
	})
}

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
