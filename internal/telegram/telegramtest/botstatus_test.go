package telegramtest_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/go-telegram/bot"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// at reads a nested member of a decoded JSON object, e.g.
// at(m, "new_chat_member", "user", "id"); nil when absent.
func at(v any, keys ...string) any {
	for _, k := range keys {
		o, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = o[k]
	}
	return v
}

func TestBotStatusChangesQueueMyChatMember(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	group := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatSupergroup, Title: "Polres Badung"})
	srv.SetMember(group.ID, alice, telegramtest.StatusAdministrator)
	srv.SetMember(group.ID, bob, telegramtest.StatusCreator)
	quiet := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatGroup, Title: "Tanpa admin"})

	srv.KickBot(group.ID)
	if _, err := b.GetChat(ctxT(t), &bot.GetChatParams{ChatID: group.ID}); !errors.Is(err, bot.ErrorForbidden) {
		t.Errorf("got %v after the kick, want ErrorForbidden", err)
	}
	srv.KickBot(group.ID) // no change: no update
	srv.AddBotBack(group.ID, alice)
	if _, err := b.GetChat(ctxT(t), &bot.GetChatParams{ChatID: group.ID}); err != nil {
		t.Errorf("got %v after the bot was added back, want success", err)
	}
	srv.SetBotStatusBy(group.ID, telegramtest.StatusRestricted, alice)
	srv.SetBotStatus(quiet.ID, telegramtest.StatusLeft)
	srv.BlockBot(alice, true)
	srv.UserSends(alice, telegramtest.Text("/start")) // unblocks: an update, then the message
	srv.BlockBot(alice, false)                        // no change: no update

	bobID, aliceID, botID := float64(bob.ID), float64(alice.ID), float64(srv.Bot().ID)
	anon := float64(telegramtest.GroupAnonymousBot.ID)
	tests := []struct {
		name               string
		chat, by           float64
		chatType, old, new string
		until, isMember    any // nil when absent
	}{
		{"kicked by the creator", float64(group.ID), bobID, "supergroup", "member", "kicked", 0.0, nil},
		{"added back", float64(group.ID), aliceID, "supergroup", "kicked", "member", nil, nil},
		{"restricted, still a member", float64(group.ID), aliceID, "supergroup", "member", "restricted", 0.0, true},
		{"left a group without admins", float64(quiet.ID), anon, "group", "member", "left", nil, nil},
		{"blocked by the user", aliceID, aliceID, "private", "member", "kicked", 0.0, nil},
		{"unblocked by writing", aliceID, aliceID, "private", "kicked", "member", nil, nil},
	}
	_, ids, env := poll(t, srv, "")
	var ups []map[string]any
	if err := json.Unmarshal(env.Result, &ups); err != nil {
		t.Fatal(err)
	}
	if len(ups) != len(tests)+1 || at(ups[len(ups)-1], "message", "text") != "/start" {
		t.Fatalf("got updates %v, want %d my_chat_member then the message", ids, len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := ups[i]
			if len(u) != 2 || at(u, "my_chat_member") == nil {
				t.Fatalf("got %v, want update_id and my_chat_member only", u)
			}
			m := at(u, "my_chat_member")
			got := fmt.Sprint(at(m, "chat", "id"), at(m, "chat", "type"), at(m, "from", "id"),
				at(m, "old_chat_member", "status"), at(m, "new_chat_member", "status"),
				at(m, "old_chat_member", "user", "id"), at(m, "new_chat_member", "user", "id"),
				at(m, "new_chat_member", "until_date"), at(m, "new_chat_member", "is_member"))
			want := fmt.Sprint(tt.chat, tt.chatType, tt.by, tt.old, tt.new, botID, botID, tt.until, tt.isMember)
			if got != want {
				t.Errorf("got chat, type, from, old, new, users, until_date, is_member\n %s\nwant\n %s", got, want)
			}
			if date, ok := at(m, "date").(float64); !ok || date <= 0 {
				t.Errorf("got date %v, want a Unix time", at(m, "date"))
			}
		})
	}
}
