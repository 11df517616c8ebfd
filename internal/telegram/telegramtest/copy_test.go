package telegramtest_test

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

func TestCopyKeepsContentWithoutOrigin(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	police := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatSupergroup, Title: "Polres"})
	channel := telegramtest.Chat{ID: -1001234, Type: telegramtest.ChatChannel, Title: "Hoax Watch", Username: "hoaxwatch"}
	tests := []struct {
		name string
		msg  telegramtest.Message
	}{
		{"text with link", telegramtest.TextWithLinkOn("lihat ini dulu", "ini", "https://example.com")},
		{"photo", telegramtest.Photo("foto pelaku #penipuan")},
		{"document", telegramtest.DocumentMsg("bukti.pdf", "application/pdf", []byte("%PDF"), "bukti")},
		{"video", telegramtest.VideoMsg("rekaman")},
		{"voice", telegramtest.VoiceMsg(4)},
		{"forwarded from channel", telegramtest.ForwardedFromChannel(channel, 9, telegramtest.Text("hoaks"))},
		{"location", telegramtest.LocationMsg(-8.65, 115.22)},
		{"poll", telegramtest.PollMsg("Benar?")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orig := srv.UserSends(alice, tt.msg)
			id, err := b.CopyMessage(ctxT(t), &bot.CopyMessageParams{ChatID: police.ID, FromChatID: alice.ID, MessageID: int(orig.MessageID)})
			if err != nil {
				t.Fatal(err)
			}
			cp, ok := srv.Message(police.ID, int64(id.ID))
			if !ok {
				t.Fatalf("copy %d not stored", id.ID)
			}
			if cp.ForwardOrigin != nil {
				t.Errorf("got origin %+v, want none on a copy", cp.ForwardOrigin)
			}
			if cp.Text != orig.Text || cp.Caption != orig.Caption || len(cp.Entities) != len(orig.Entities) ||
				len(cp.Photo) != len(orig.Photo) || (orig.Document != nil && cp.Document.FileID != orig.Document.FileID) ||
				(orig.Video != nil && cp.Video == nil) || (orig.Voice != nil && cp.Voice == nil) ||
				(orig.Location != nil && *cp.Location != *orig.Location) || (orig.Poll != nil && cp.Poll == nil) {
				t.Errorf("got copy %+v, want the content of %+v", cp, orig)
			}
			if cp.Source == nil || cp.Source.Method != "copyMessage" || cp.Source.FromChatID != alice.ID || cp.Source.MessageIDs[0] != orig.MessageID {
				t.Errorf("got source %+v, want copyMessage of %d", cp.Source, orig.MessageID)
			}
		})
	}
	t.Run("missing source", func(t *testing.T) {
		_, err := b.CopyMessage(ctxT(t), &bot.CopyMessageParams{ChatID: police.ID, FromChatID: alice.ID, MessageID: 999})
		if err == nil || !strings.Contains(err.Error(), "Bad Request: message to copy not found") {
			t.Errorf("got %v, want message to copy not found", err)
		}
	})
	t.Run("caption override", func(t *testing.T) {
		orig := srv.UserSends(alice, telegramtest.Photo("old"))
		id, err := b.CopyMessage(ctxT(t), &bot.CopyMessageParams{ChatID: police.ID, FromChatID: alice.ID, MessageID: int(orig.MessageID),
			Caption: "<i>Tip 7</i>", ParseMode: models.ParseModeHTML})
		if err != nil {
			t.Fatal(err)
		}
		cp, _ := srv.Message(police.ID, int64(id.ID))
		if cp.Caption != "Tip 7" || len(cp.CaptionEntities) != 1 {
			t.Errorf("got caption %q %+v, want the new caption", cp.Caption, cp.CaptionEntities)
		}
	})
}

func TestForwardCarriesOrigin(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	police := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatSupergroup, Title: "Polres"})
	channel := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatChannel, Title: "Humas", Username: "humas_polda"})
	carol := telegramtest.User{ID: 7_003_456_789, FirstName: "Carol", LastName: "Putri"}
	srv.HideForwards(carol, true)
	tests := []struct {
		name     string
		from     int64
		inject   func() telegramtest.Message
		wantType string
		check    func(o *models.MessageOrigin) bool
	}{
		{"own message", alice.ID, func() telegramtest.Message { return srv.UserSends(alice, telegramtest.Text("saya lihat")) }, "user",
			func(o *models.MessageOrigin) bool { return o.MessageOriginUser.SenderUser.ID == alice.ID }},
		{"hidden user", carol.ID, func() telegramtest.Message { return srv.UserSends(carol, telegramtest.Text("rahasia")) }, "hidden_user",
			func(o *models.MessageOrigin) bool { return o.MessageOriginHiddenUser.SenderUserName == "Carol Putri" }},
		{"forward of forward", alice.ID, func() telegramtest.Message {
			return srv.UserSends(alice, telegramtest.ForwardedFromHiddenUser("Anon", telegramtest.Text("x")))
		}, "hidden_user", func(o *models.MessageOrigin) bool { return o.MessageOriginHiddenUser.SenderUserName == "Anon" }},
		{"channel post", channel.ID, func() telegramtest.Message { return srv.ChannelPost(channel.ID, telegramtest.Text("rilis")) }, "channel",
			func(o *models.MessageOrigin) bool {
				return o.MessageOriginChannel.Chat.Username == "humas_polda" && o.MessageOriginChannel.MessageID == 1
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orig := tt.inject()
			m, err := b.ForwardMessage(ctxT(t), &bot.ForwardMessageParams{ChatID: police.ID, FromChatID: tt.from, MessageID: int(orig.MessageID)})
			if err != nil {
				t.Fatal(err)
			}
			if m.ForwardOrigin == nil || string(m.ForwardOrigin.Type) != tt.wantType || !tt.check(m.ForwardOrigin) {
				t.Errorf("got origin %+v, want type %s", m.ForwardOrigin, tt.wantType)
			}
			if m.Text != orig.Text {
				t.Errorf("got text %q, want %q", m.Text, orig.Text)
			}
		})
	}
	t.Run("missing source", func(t *testing.T) {
		_, err := b.ForwardMessage(ctxT(t), &bot.ForwardMessageParams{ChatID: police.ID, FromChatID: alice.ID, MessageID: 999})
		if err == nil || !strings.Contains(err.Error(), "Bad Request: message to forward not found") {
			t.Errorf("got %v, want message to forward not found", err)
		}
	})
}

func TestCopyMessagesKeepsAlbum(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	police := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatSupergroup, Title: "Polres"})
	intro := srv.UserSends(alice, telegramtest.Text("tiga foto:"))
	album := srv.SendAlbum(alice, []telegramtest.Message{telegramtest.Photo("1"), telegramtest.Photo(""), telegramtest.VideoMsg("")})
	ids := []int{int(intro.MessageID)}
	for _, m := range album {
		ids = append(ids, int(m.MessageID))
	}
	tests := []struct {
		name    string
		method  func([]int) ([]models.MessageID, error)
		origins bool
	}{
		{"copyMessages", func(ids []int) ([]models.MessageID, error) {
			return b.CopyMessages(ctxT(t), &bot.CopyMessagesParams{ChatID: police.ID, FromChatID: alice.ID, MessageIDs: ids})
		}, false},
		{"forwardMessages", func(ids []int) ([]models.MessageID, error) {
			return b.ForwardMessages(ctxT(t), &bot.ForwardMessagesParams{ChatID: police.ID, FromChatID: alice.ID, MessageIDs: ids})
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.method(ids)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 4 {
				t.Fatalf("got %d ids, want 4", len(got))
			}
			var copies []telegramtest.Message
			for _, id := range got {
				m, _ := srv.Message(police.ID, int64(id.ID))
				copies = append(copies, m)
			}
			g := copies[1].MediaGroupID
			if copies[0].MediaGroupID != "" || g == "" || g == album[0].MediaGroupID || copies[2].MediaGroupID != g || copies[3].MediaGroupID != g {
				t.Errorf("got groups %q %q %q %q, want the album under one new id", copies[0].MediaGroupID, g, copies[2].MediaGroupID, copies[3].MediaGroupID)
			}
			if (copies[1].ForwardOrigin != nil) != tt.origins {
				t.Errorf("got origin %+v, want present=%v", copies[1].ForwardOrigin, tt.origins)
			}
			if copies[3].Video == nil || copies[1].Caption != "1" {
				t.Errorf("got %+v, want the album content", copies[1:])
			}
		})
	}
	errTests := []struct {
		name string
		ids  []int
		want string
	}{
		{"not increasing", []int{3, 2}, "Bad Request: message identifiers are not increasing"},
		{"all missing", []int{500, 501}, "Bad Request: message to copy not found"},
	}
	for _, tt := range errTests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := b.CopyMessages(ctxT(t), &bot.CopyMessagesParams{ChatID: police.ID, FromChatID: alice.ID, MessageIDs: tt.ids})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
	t.Run("missing ones are skipped", func(t *testing.T) {
		got, err := b.CopyMessages(ctxT(t), &bot.CopyMessagesParams{ChatID: police.ID, FromChatID: alice.ID, MessageIDs: []int{int(intro.MessageID), 999}})
		if err != nil || len(got) != 1 {
			t.Errorf("got %v %v, want one copy", got, err)
		}
	})
}
