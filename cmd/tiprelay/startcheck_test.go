package main

import (
	"bytes"
	"context"
	"log/slog"
	"strconv"
	"strings"
	"testing"

	"github.com/tiprelay/tiprelay/internal/config"
	"github.com/tiprelay/tiprelay/internal/gazetteer"
	"github.com/tiprelay/tiprelay/internal/telegram"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// TestCheckAtStartup: the configured chats the bot cannot post in (kicked
// from one, restricted in one, a channel where it is a plain member, an
// unknown id) are logged and told to the admins once; usable chats are
// not mentioned; no staff configured is a warning.
func TestCheckAtStartup(t *testing.T) {
	srv := telegramtest.NewServer(testToken)
	t.Cleanup(srv.Close)
	relay := srv.AddChat(telegramtest.Chat{ID: -1001000000001, Type: telegramtest.ChatSupergroup, Title: "Polda"})
	kicked := srv.AddChat(telegramtest.Chat{ID: -1001000000002, Type: telegramtest.ChatSupergroup, Title: "Polres Badung"})
	muted := srv.AddChat(telegramtest.Chat{ID: -1001000000003, Type: telegramtest.ChatSupergroup, Title: "Polres Gianyar"})
	channel := srv.AddChat(telegramtest.Chat{ID: -1001000000004, Type: telegramtest.ChatChannel, Title: "Pimpinan"})
	srv.KickBot(kicked.ID)
	srv.SetBotStatus(muted.ID, telegramtest.StatusRestricted)
	srv.SetBotStatus(channel.ID, telegramtest.StatusMember)
	admin := telegramtest.User{ID: 5_200_000_001, FirstName: "Admin"}
	srv.AddUser(admin)

	client, err := telegram.NewClient(telegram.ClientConfig{Token: testToken, APIURL: srv.URL()})
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Config{
		RelayChat: tip.Target{ChatID: relay.ID}, AdminIDs: []int64{admin.ID}, Gazetteer: gazetteer.Bali(),
		Regions:     map[tip.RegionKey]tip.Target{"badung": {ChatID: kicked.ID}, "gianyar": {ChatID: muted.ID}},
		DigestChats: []tip.Target{{ChatID: relay.ID}, {ChatID: channel.ID}, {ChatID: -1009999999999}},
	}
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	got := checkAtStartup(context.Background(), cfg, srv.Bot().ID, client, client, text.For(text.Indonesian), log)

	want := map[int64]string{kicked.ID: "kicked", muted.ID: "restricted", channel.ID: "administrator", -1009999999999: "no such chat"}
	if len(got) != len(want) {
		t.Fatalf("got %d unusable chats %+v, want %d", len(got), got, len(want))
	}
	for _, u := range got {
		if !strings.Contains(u.Problem, want[u.ChatID]) {
			t.Errorf("chat %d (%s): problem %q, want %q", u.ChatID, u.Setting, u.Problem, want[u.ChatID])
		}
	}
	alerts := srv.BotMessages(admin.ID)
	if len(alerts) != 1 {
		t.Fatalf("the admin got %d messages, want 1", len(alerts))
	}
	for id := range want {
		if !strings.Contains(alerts[0].Text, itoa(id)) {
			t.Errorf("alert %q does not name chat %d", alerts[0].Text, id)
		}
	}
	if strings.Contains(alerts[0].Text, itoa(relay.ID)) {
		t.Errorf("alert %q names the usable relay chat", alerts[0].Text)
	}
	if strings.Contains(logs.String(), "no staff or admins configured") {
		t.Errorf("warned about missing staff though an admin is configured:\n%s", logs.String())
	}
	logs.Reset()
	cfg.AdminIDs = nil
	checkAtStartup(context.Background(), cfg, srv.Bot().ID, client, client, text.For(text.Indonesian), log)
	if !strings.Contains(logs.String(), "no staff or admins configured") {
		t.Errorf("no warning about missing staff:\n%s", logs.String())
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
