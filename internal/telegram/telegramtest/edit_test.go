package telegramtest_test

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

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
