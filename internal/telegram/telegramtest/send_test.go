package telegramtest_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

func TestSendMessageValidation(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	srv.AddUser(alice)
	forum := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatSupergroup, Title: "Polda", IsForum: true})
	topic := srv.AddTopic(forum.ID, "Penipuan")
	kicked := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatSupergroup, Title: "Old"})
	srv.KickBot(kicked.ID)
	basic := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatGroup, Title: "Basic"})
	migrated := srv.MigrateChat(basic.ID)
	srv.BlockBot(bob, true)

	tests := []struct {
		name    string
		params  bot.SendMessageParams
		wantErr string // substring of the error; "" means success
	}{
		{"plain", bot.SendMessageParams{ChatID: alice.ID, Text: "ok"}, ""},
		{"empty", bot.SendMessageParams{ChatID: alice.ID, Text: " "}, "Bad Request: message text is empty"},
		{"4096 UTF-16 units", bot.SendMessageParams{ChatID: alice.ID, Text: strings.Repeat("😀", 2048)}, ""},
		{"too long", bot.SendMessageParams{ChatID: alice.ID, Text: strings.Repeat("😀", 2048) + "x"}, "Bad Request: message is too long"},
		{"html ok", bot.SendMessageParams{ChatID: alice.ID, Text: `<b>a</b> &lt;3 <a href="https://x.id">x</a>`, ParseMode: models.ParseModeHTML}, ""},
		{"html unbalanced", bot.SendMessageParams{ChatID: alice.ID, Text: "<b>a", ParseMode: models.ParseModeHTML}, `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`},
		{"html unknown tag", bot.SendMessageParams{ChatID: alice.ID, Text: "<div>a</div>", ParseMode: models.ParseModeHTML}, `Bad Request: can't parse entities: Unsupported start tag "div" at byte offset 0`},
		{"html bad entity", bot.SendMessageParams{ChatID: alice.ID, Text: "a &nbsp; b", ParseMode: models.ParseModeHTML}, `Unsupported HTML entity "&nbsp;"`},
		{"topic", bot.SendMessageParams{ChatID: forum.ID, MessageThreadID: int(topic), Text: "in topic"}, ""},
		{"unknown topic", bot.SendMessageParams{ChatID: forum.ID, MessageThreadID: 999, Text: "x"}, "Bad Request: message thread not found"},
		{"unknown chat", bot.SendMessageParams{ChatID: -100999, Text: "x"}, "Bad Request: chat not found"},
		{"kicked", bot.SendMessageParams{ChatID: kicked.ID, Text: "x"}, "Forbidden: bot was kicked from the supergroup chat"},
		{"blocked", bot.SendMessageParams{ChatID: bob.ID, Text: "x"}, "Forbidden: bot was blocked by the user"},
		{"reply to missing", bot.SendMessageParams{ChatID: alice.ID, Text: "x", ReplyParameters: &models.ReplyParameters{MessageID: 999}}, "Bad Request: message to be replied not found"},
		{"reply to missing allowed", bot.SendMessageParams{ChatID: alice.ID, Text: "x", ReplyParameters: &models.ReplyParameters{MessageID: 999, AllowSendingWithoutReply: true}}, ""},
		{"by username", bot.SendMessageParams{ChatID: "@nobody_here", Text: "x"}, "Bad Request: chat not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			params := tt.params
			_, err := b.SendMessage(ctxT(t), &params)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("got %v, want success", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("got %v, want error containing %q", err, tt.wantErr)
			}
		})
	}

	t.Run("migrated group", func(t *testing.T) {
		_, err := b.SendMessage(ctxT(t), &bot.SendMessageParams{ChatID: basic.ID, Text: "x"})
		var me *bot.MigrateError
		if !errors.As(err, &me) || int64(me.MigrateToChatID) != migrated.ID {
			t.Errorf("got %v, want MigrateError to %d", err, migrated.ID)
		}
	})
}

func TestSendMessageStoresWhatUsersSee(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	forum := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatSupergroup, Title: "Polda", IsForum: true, Username: "polda_tips"})
	topic := srv.AddTopic(forum.ID, "Penipuan")
	tip := srv.ChatSends(forum.ID, alice, telegramtest.Text("scam at https://bad.example.com/login"))
	raw := `<b>Tip #12</b> 🚨 &amp; <a href="https://t.me/hoaxwatch/77">source</a>`
	m, err := b.SendMessage(ctxT(t), &bot.SendMessageParams{
		ChatID: "@polda_tips", MessageThreadID: int(topic), Text: raw, ParseMode: models.ParseModeHTML,
		ReplyParameters: &models.ReplyParameters{MessageID: int(tip.MessageID)},
		ReplyMarkup:     &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "Done", CallbackData: "done:12"}}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Tip #12 🚨 & source"; m.Text != want {
		t.Errorf("got text %q, want %q", m.Text, want)
	}
	wantEnts := []models.MessageEntity{
		{Type: models.MessageEntityTypeBold, Offset: 0, Length: 7},
		{Type: models.MessageEntityTypeTextLink, Offset: 13, Length: 6, URL: "https://t.me/hoaxwatch/77"},
	}
	if len(m.Entities) != 2 || m.Entities[0] != wantEnts[0] || m.Entities[1].Offset != 13 || m.Entities[1].URL != wantEnts[1].URL {
		t.Errorf("got entities %+v, want %+v", m.Entities, wantEnts)
	}
	if m.MessageThreadID != int(topic) || !m.IsTopicMessage || m.ReplyToMessage == nil || int64(m.ReplyToMessage.ID) != tip.MessageID {
		t.Errorf("got thread %d topic %v reply %+v, want a reply in topic %d", m.MessageThreadID, m.IsTopicMessage, m.ReplyToMessage, topic)
	}
	if m.ReplyMarkup == nil || len(m.ReplyMarkup.InlineKeyboard) != 1 {
		t.Errorf("got markup %+v, want the inline keyboard", m.ReplyMarkup)
	}
	stored := srv.BotMessages(forum.ID)
	if len(stored) != 1 || stored[0].Source.RawText != raw || stored[0].Source.Method != "sendMessage" || stored[0].Source.ParseMode != "HTML" {
		t.Fatalf("got stored %+v, want the raw text recorded", stored)
	}
	all := srv.Messages(forum.ID)
	if len(all) != 3 || all[0].ForumTopicCreated == nil || all[1].MessageID != tip.MessageID || all[2].MessageID != int64(m.ID) {
		t.Errorf("got %d messages, want topic creation, tip, bot reply in order", len(all))
	}
	if got := tip.Entities; len(got) != 1 || got[0].Type != "url" || got[0].Offset != 8 {
		t.Errorf("got tip entities %+v, want a url at 8", got)
	}
}

func TestPerChatMessageIDs(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	group := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatSupergroup, Title: "G"})
	a1 := srv.UserSends(alice, telegramtest.Text("a1"))
	g1 := srv.ChatSends(group.ID, alice, telegramtest.Text("g1"))
	a2, _ := b.SendMessage(ctxT(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "a2"})
	b1 := srv.UserSends(bob, telegramtest.Text("b1"))
	got := []int64{a1.MessageID, g1.MessageID, int64(a2.ID), b1.MessageID}
	want := []int64{1, 1, 2, 1}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("got ids %v, want %v", got, want)
			break
		}
	}
}

// TestProtectContentAcceptsBooleans: protect_content is read like every
// other boolean parameter ("1" and "True" as well as "true").
func TestProtectContentAcceptsBooleans(t *testing.T) {
	srv := MustServer(t)
	srv.AddUser(alice)
	for _, v := range []string{"true", "1", "True"} {
		body := fmt.Sprintf(`{"chat_id": %d, "text": "rahasia", "protect_content": %q}`, alice.ID, v)
		if code, env := rawCall(t, http.MethodPost, methodURL(srv, "sendMessage"), "application/json", body); code != 200 || !env.OK {
			t.Fatalf("sendMessage with protect_content %q: %d %s", v, code, env.Description)
		}
	}
	for i, m := range srv.BotMessages(alice.ID) {
		if !m.HasProtected {
			t.Errorf("message %d: got unprotected, want protected", i)
		}
	}
}
