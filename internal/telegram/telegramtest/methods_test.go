package telegramtest_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

func TestCommandsPerScope(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	ctx := ctxT(t)
	group := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatSupergroup, Title: "G"})
	sets := []struct {
		name   string
		params bot.SetMyCommandsParams
		scope  telegramtest.BotCommandScope
		lang   string
	}{
		{"default", bot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "start", Description: "Mulai"}}},
			telegramtest.BotCommandScope{}, ""},
		{"default en", bot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "start", Description: "Start"}}, LanguageCode: "en"},
			telegramtest.BotCommandScope{}, "en"},
		{"private chats", bot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "tip", Description: "Lapor"}, {Command: "help", Description: "Bantuan"}},
			Scope: &models.BotCommandScopeAllPrivateChats{}}, telegramtest.BotCommandScope{Type: "all_private_chats"}, ""},
		{"one chat admins", bot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "digest", Description: "Ringkasan"}},
			Scope: &models.BotCommandScopeChatAdministrators{ChatID: group.ID}}, telegramtest.BotCommandScope{Type: "chat_administrators", ChatID: group.ID}, ""},
	}
	for _, st := range sets {
		if ok, err := b.SetMyCommands(ctx, &st.params); !ok || err != nil {
			t.Fatalf("%s: setMyCommands: %v %v", st.name, ok, err)
		}
	}
	for _, st := range sets {
		t.Run(st.name, func(t *testing.T) {
			got := srv.Commands(st.scope, st.lang)
			if len(got) != len(st.params.Commands) || got[0].Command != st.params.Commands[0].Command || got[0].Description != st.params.Commands[0].Description {
				t.Errorf("got %+v, want %+v", got, st.params.Commands)
			}
			fetched, err := b.GetMyCommands(ctx, &bot.GetMyCommandsParams{Scope: st.params.Scope, LanguageCode: st.lang})
			if err != nil || len(fetched) != len(got) {
				t.Errorf("getMyCommands: got %+v %v, want %+v", fetched, err, got)
			}
		})
	}
	if ok, err := b.DeleteMyCommands(ctx, &bot.DeleteMyCommandsParams{LanguageCode: "en"}); !ok || err != nil {
		t.Fatal(err)
	}
	if got := srv.Commands(telegramtest.BotCommandScope{}, "en"); got != nil {
		t.Errorf("got %+v after delete, want none", got)
	}
	if got := srv.Commands(telegramtest.BotCommandScope{Type: "default"}, ""); len(got) != 1 {
		t.Errorf("got %+v, want the default list kept", got)
	}
	if _, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "Bad Command", Description: "x"}}}); err == nil || !strings.Contains(err.Error(), "BOT_COMMAND_INVALID") {
		t.Errorf("got %v, want BOT_COMMAND_INVALID", err)
	}
}

func TestChatsAndMembers(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	ctx := ctxT(t)
	group := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatSupergroup, Title: "Polres Badung", Username: "polres_badung"})
	srv.SetMember(group.ID, bob, telegramtest.StatusCreator)
	srv.ChatSends(group.ID, alice, telegramtest.Text("halo"))
	carol := telegramtest.User{ID: 7_003_456_789, FirstName: "Carol"}
	srv.SetMember(group.ID, carol, telegramtest.StatusKicked)
	srv.SetBotStatus(group.ID, telegramtest.StatusAdministrator)

	info, err := b.GetChat(ctx, &bot.GetChatParams{ChatID: "@polres_badung"})
	if err != nil || info.ID != group.ID || info.Title != "Polres Badung" || info.Type != models.ChatTypeSupergroup {
		t.Errorf("getChat: got %+v %v, want the group", info, err)
	}
	tests := []struct {
		name   string
		user   int64
		want   models.ChatMemberType
		errSub string
	}{
		{"poster is member", alice.ID, models.ChatMemberTypeMember, ""},
		{"creator", bob.ID, models.ChatMemberTypeOwner, ""},
		{"kicked", carol.ID, models.ChatMemberTypeBanned, ""},
		{"bot itself", srv.Bot().ID, models.ChatMemberTypeAdministrator, ""},
		{"unknown user", 42, "", "Bad Request: user not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := b.GetChatMember(ctx, &bot.GetChatMemberParams{ChatID: group.ID, UserID: tt.user})
			if tt.errSub != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errSub) {
					t.Errorf("got %v, want %q", err, tt.errSub)
				}
				return
			}
			if err != nil || m.Type != tt.want {
				t.Errorf("got %+v %v, want %s", m, err, tt.want)
			}
		})
	}
	admins, err := b.GetChatAdministrators(ctx, &bot.GetChatAdministratorsParams{ChatID: group.ID})
	if err != nil || len(admins) != 2 || admins[0].Type != models.ChatMemberTypeOwner || admins[1].Administrator.User.ID != srv.Bot().ID {
		t.Errorf("got admins %+v %v, want creator then bot", admins, err)
	}
	if ok, err := b.SendChatAction(ctx, &bot.SendChatActionParams{ChatID: group.ID, Action: models.ChatActionTyping}); !ok || err != nil {
		t.Errorf("sendChatAction: %v %v", ok, err)
	}
	if _, err := b.SendChatAction(ctx, &bot.SendChatActionParams{ChatID: group.ID, Action: "dancing"}); err == nil {
		t.Error("got nil error for a bad action, want 400")
	}
	srv.KickBot(group.ID)
	if _, err := b.GetChat(ctx, &bot.GetChatParams{ChatID: group.ID}); !errors.Is(err, bot.ErrorForbidden) {
		t.Errorf("got %v after kick, want ErrorForbidden", err)
	}
}

func TestEditDeleteAndCallbacks(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	ctx := ctxT(t)
	userMsg := srv.UserSends(alice, telegramtest.Text("tip"))
	kb := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "Terima", CallbackData: "ack"}}}}
	sent, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "Diterima?", ReplyMarkup: kb})
	if err != nil {
		t.Fatal(err)
	}
	q := srv.ClickButton(alice, srv.BotMessages(alice.ID)[0], "ack")
	if q.Message == nil || q.Message.MessageID != int64(sent.ID) {
		t.Fatalf("got query %+v, want it on the bot message", q)
	}
	if ok, err := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: q.ID, Text: "OK"}); !ok || err != nil || !srv.Answered(q.ID) {
		t.Errorf("answerCallbackQuery: %v %v", ok, err)
	}
	if _, err := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: q.ID}); err == nil {
		t.Error("got nil error answering twice, want 400")
	}

	tests := []struct {
		name    string
		call    func() error
		wantErr string
	}{
		{"edit text", func() error {
			m, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: sent.ID, Text: "Diterima ✅", ReplyMarkup: kb})
			if err == nil && (m.Text != "Diterima ✅" || m.EditDate == 0) {
				t.Errorf("got %+v, want edited text with edit_date", m)
			}
			return err
		}, ""},
		{"same text", func() error {
			_, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: sent.ID, Text: "Diterima ✅", ReplyMarkup: kb})
			return err
		}, "Bad Request: message is not modified"},
		{"remove keyboard", func() error {
			m, err := b.EditMessageReplyMarkup(ctx, &bot.EditMessageReplyMarkupParams{ChatID: alice.ID, MessageID: sent.ID})
			if err == nil && m.ReplyMarkup != nil && len(m.ReplyMarkup.InlineKeyboard) > 0 {
				t.Errorf("got markup %+v, want none", m.ReplyMarkup)
			}
			return err
		}, ""},
		{"edit user message", func() error {
			_, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: int(userMsg.MessageID), Text: "x"})
			return err
		}, "Bad Request: message can't be edited"},
		{"edit missing", func() error {
			_, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: 999, Text: "x"})
			return err
		}, "Bad Request: message to edit not found"},
		{"delete", func() error {
			_, err := b.DeleteMessage(ctx, &bot.DeleteMessageParams{ChatID: alice.ID, MessageID: sent.ID})
			if _, ok := srv.Message(alice.ID, int64(sent.ID)); ok {
				t.Error("message still stored after delete")
			}
			return err
		}, ""},
		{"delete again", func() error {
			_, err := b.DeleteMessage(ctx, &bot.DeleteMessageParams{ChatID: alice.ID, MessageID: sent.ID})
			return err
		}, "Bad Request: message to delete not found"},
		{"log out", func() error { _, err := b.Logout(ctx); return err }, ""},
		{"close", func() error { _, err := b.Close(ctx); return err }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("got %v, want success", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("got %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestUserEditsAndRawUpdates(t *testing.T) {
	srv := MustServer(t)
	photo := srv.UserSends(alice, telegramtest.Photo("lama"))
	edited := srv.EditMessage(alice.ID, photo.MessageID, "baru https://x.id")
	if edited.Caption != "baru https://x.id" || edited.EditDate == 0 || len(edited.CaptionEntities) != 1 {
		t.Errorf("got %+v, want the caption edited", edited)
	}
	replaced := srv.EditMessageMedia(alice.ID, photo.MessageID, telegramtest.VideoMsg("video baru"))
	if replaced.Photo != nil || replaced.Video == nil || replaced.Video.FileUniqueID == "" || replaced.Caption != "video baru" {
		t.Errorf("got %+v, want the photo replaced by a registered video", replaced)
	}
	id := srv.InjectRawUpdate([]byte(`{"update_id":1,"message_reaction":{"chat":{"id":1,"type":"private"},"message_id":1,"date":1,"old_reaction":[],"new_reaction":[{"type":"emoji","emoji":"👍"}]}}`))
	_, ids, env := poll(t, srv, "")
	if len(ids) != 4 || ids[3] != id || !strings.Contains(string(env.Result), `"edited_message"`) || !strings.Contains(string(env.Result), `"message_reaction"`) {
		t.Errorf("got %v %s, want message, two edited_messages and the raw update %d", ids, env.Result, id)
	}
}
