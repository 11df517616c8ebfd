package telegramtest_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"testing"

	"github.com/go-telegram/bot"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// TestRestrictedMembers: getChatMember reports a restricted user with
// is_member (whether they are still in the chat) and until_date, as
// Telegram does, and the library decodes it.
func TestRestrictedMembers(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	group := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatSupergroup, Title: "Polres Badung"})
	carol := telegramtest.User{ID: 7_003_456_789, FirstName: "Carol"}
	dave := telegramtest.User{ID: 7_004_567_890, FirstName: "Dave"}
	srv.SetRestricted(group.ID, alice, true)
	srv.SetRestricted(group.ID, bob, false)
	srv.SetMember(group.ID, carol, telegramtest.StatusRestricted)
	srv.SetRestricted(group.ID, dave, false)
	srv.SetMember(group.ID, dave, telegramtest.StatusMember) // lifted

	tests := []struct {
		name         string
		user         telegramtest.User
		wantStatus   string
		wantIsMember any // nil when absent
	}{
		{"restricted in the chat", alice, "restricted", true},
		{"restricted, not in the chat", bob, "restricted", false},
		{"SetMember restricted is in the chat", carol, "restricted", true},
		{"restriction lifted", dave, "member", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := url.Values{"chat_id": {fmt.Sprint(group.ID)}, "user_id": {fmt.Sprint(tt.user.ID)}}
			_, env := rawCall(t, "GET", methodURL(srv, "getChatMember?"+q.Encode()), "", "")
			var m map[string]any
			if err := json.Unmarshal(env.Result, &m); err != nil {
				t.Fatalf("decode %s: %v", env.Result, err)
			}
			if got := m["status"]; got != tt.wantStatus {
				t.Errorf("got status %v, want %s", got, tt.wantStatus)
			}
			if got := m["is_member"]; got != tt.wantIsMember {
				t.Errorf("got is_member %v, want %v", got, tt.wantIsMember)
			}
			if _, ok := m["until_date"]; ok != (tt.wantStatus == "restricted") {
				t.Errorf("got until_date %v in %v, want it for a restricted user only", m["until_date"], m)
			}
			if tt.wantStatus == "restricted" && m["until_date"] != float64(0) {
				t.Errorf("got until_date %v, want 0 (forever)", m["until_date"])
			}

			cm, err := b.GetChatMember(ctxT(t), &bot.GetChatMemberParams{ChatID: group.ID, UserID: tt.user.ID})
			if err != nil {
				t.Fatal(err)
			}
			if string(cm.Type) != tt.wantStatus {
				t.Errorf("library: got type %q, want %q", cm.Type, tt.wantStatus)
			}
			if cm.Restricted != nil && cm.Restricted.IsMember != (tt.wantIsMember == true) {
				t.Errorf("library: got is_member %v, want %v", cm.Restricted.IsMember, tt.wantIsMember)
			}
		})
	}
}

// TestRestrictedMembersMigrate: a migration keeps who is restricted and
// out of the chat.
func TestRestrictedMembersMigrate(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	basic := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatGroup, Title: "Polres Gowa"})
	srv.SetRestricted(basic.ID, bob, false)
	super := srv.MigrateChat(basic.ID)
	cm, err := b.GetChatMember(ctxT(t), &bot.GetChatMemberParams{ChatID: super.ID, UserID: bob.ID})
	if err != nil {
		t.Fatal(err)
	}
	if cm.Restricted == nil || cm.Restricted.IsMember {
		t.Errorf("got %+v, want restricted and not a member", cm)
	}
}
