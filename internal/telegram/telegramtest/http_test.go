package telegramtest_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

func TestRequestForms(t *testing.T) {
	srv := MustServer(t)
	srv.AddUser(alice)
	tests := []struct {
		name        string
		httpMethod  string
		path        string
		contentType string
		body        string
	}{
		{"json", "POST", "sendMessage", "application/json", `{"chat_id":5001234567,"text":"hi","reply_markup":{"inline_keyboard":[[{"text":"ok","callback_data":"x"}]]}}`},
		{"urlencoded", "POST", "sendMessage", "application/x-www-form-urlencoded", "chat_id=5001234567&text=hi&reply_markup=%7B%22inline_keyboard%22%3A%5B%5B%7B%22text%22%3A%22ok%22%2C%22callback_data%22%3A%22x%22%7D%5D%5D%7D"},
		{"query string", "GET", "sendMessage?chat_id=5001234567&text=hi&reply_markup=%7B%22inline_keyboard%22%3A%5B%5B%7B%22text%22%3A%22ok%22%2C%22callback_data%22%3A%22x%22%7D%5D%5D%7D", "", ""},
		{"mixed case method", "POST", "SENDmessage", "application/json", `{"chat_id":"5001234567","text":"hi","reply_markup":{"inline_keyboard":[[{"text":"ok","callback_data":"x"}]]}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, env := rawCall(t, tt.httpMethod, methodURL(srv, tt.path), tt.contentType, tt.body)
			if status != 200 || !env.OK {
				t.Fatalf("got status %d %+v, want 200 ok", status, env)
			}
			var m telegramtest.Message
			if err := json.Unmarshal(env.Result, &m); err != nil {
				t.Fatal(err)
			}
			if m.Text != "hi" || m.Chat.ID != alice.ID || m.From == nil || !m.From.IsBot {
				t.Errorf("got message %+v, want text hi to alice from the bot", m)
			}
			if len(m.ReplyMarkup) == 0 {
				t.Errorf("got no reply_markup, want the inline keyboard echoed")
			}
			calls := srv.CallsTo("sendMessage")
			last := calls[len(calls)-1]
			if got, want := last.Params["chat_id"], "5001234567"; got != want {
				t.Errorf("got recorded chat_id %q, want %q", got, want)
			}
			if !strings.HasPrefix(last.Params["reply_markup"], `{"inline_keyboard"`) {
				t.Errorf("got recorded reply_markup %q, want JSON text", last.Params["reply_markup"])
			}
		})
	}
}

func TestEnvelopeErrors(t *testing.T) {
	srv := MustServer(t)
	tests := []struct {
		name     string
		url      string
		wantCode int
		wantDesc string
	}{
		{"wrong token", srv.URL() + "/bot1:wrong/getMe", 401, "Unauthorized"},
		{"unknown method", methodURL(srv, "sendTelepathy"), 404, "Not Found"},
		{"no method", methodURL(srv, ""), 404, "Not Found"},
		{"chat not found", methodURL(srv, "sendMessage?chat_id=42&text=x"), 400, "Bad Request: chat not found"},
		{"empty chat id", methodURL(srv, "sendMessage?text=x"), 400, "Bad Request: chat_id is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, env := rawCall(t, "GET", tt.url, "", "")
			if status != tt.wantCode || env.OK || env.ErrorCode != tt.wantCode || env.Description != tt.wantDesc {
				t.Errorf("got %d %+v, want %d %q", status, env, tt.wantCode, tt.wantDesc)
			}
		})
	}
}

func TestGetMeWithLibrary(t *testing.T) {
	srv := MustServer(t)
	// bot.New without WithSkipGetMe calls getMe itself.
	b, err := bot.New(srv.Token(), bot.WithServerURL(srv.URL()))
	if err != nil {
		t.Fatalf("bot.New: %v", err)
	}
	me, err := b.GetMe(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	if me.ID != 123456789 || !me.IsBot || me.Username != "tiprelay_test_bot" || !me.CanJoinGroups {
		t.Errorf("got %+v, want the bot with id 123456789", me)
	}
	wrong, _ := bot.New("1:wrong", bot.WithServerURL(srv.URL()), bot.WithSkipGetMe())
	if _, err := wrong.GetMe(ctxT(t)); !errors.Is(err, bot.ErrorUnauthorized) {
		t.Errorf("got %v, want ErrorUnauthorized", err)
	}
}

func TestChunkedMultipartUpload(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	group := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatSupergroup, Title: "Polres"})
	csv := []byte("id,kind\n1,fraud\n2,theft\n")
	m, err := b.SendDocument(ctxT(t), &bot.SendDocumentParams{
		ChatID:    group.ID,
		Document:  &models.InputFileUpload{Filename: "digest.csv", Data: bytes.NewReader(csv)},
		Caption:   "<b>Daily</b> digest",
		ParseMode: models.ParseModeHTML,
	})
	if err != nil {
		t.Fatal(err)
	}
	if m.Document == nil || m.Document.FileName != "digest.csv" || m.Document.MimeType != "text/csv" || m.Document.FileSize != int64(len(csv)) {
		t.Fatalf("got document %+v, want digest.csv text/csv of %d bytes", m.Document, len(csv))
	}
	if m.Caption != "Daily digest" || len(m.CaptionEntities) != 1 || m.CaptionEntities[0].Type != models.MessageEntityTypeBold {
		t.Errorf("got caption %q %+v, want stripped HTML with one bold entity", m.Caption, m.CaptionEntities)
	}
	ups := srv.Uploaded()
	if len(ups) != 1 || !bytes.Equal(ups[0].Data, csv) || ups[0].Method != "sendDocument" || ups[0].ChatID != group.ID {
		t.Fatalf("got uploads %+v, want the CSV bytes", ups)
	}
	f, err := b.GetFile(ctxT(t), &bot.GetFileParams{FileID: m.Document.FileID})
	if err != nil {
		t.Fatal(err)
	}
	got := download(t, b.FileDownloadLink(f))
	if !bytes.Equal(got, csv) {
		t.Errorf("got download %q, want %q", got, csv)
	}
}
