package telegram_test

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/tiprelay/tiprelay/internal/telegram"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

func TestIsMember(t *testing.T) {
	srv := telegramtest.NewServer(token)
	t.Cleanup(srv.Close)
	client, err := telegram.NewClient(telegram.ClientConfig{Token: token, APIURL: srv.URL(), Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	group := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatSupergroup, Title: "Polda Bali"})
	gone := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatSupergroup, Title: "Polres Badung"})
	srv.KickBot(gone.ID)
	user := func(id int64, name string) telegramtest.User { return telegramtest.User{ID: id, FirstName: name} }
	var (
		creator    = user(6400000001, "Kapolda")
		admin      = user(6400000002, "Kasubdit")
		member     = user(6400000003, "Aipda Rahmat")
		restricted = user(6400000004, "Bripka Sari")
		outside    = user(6400000005, "Brigpol Made")
		left       = user(6400000006, "Bripda Ketut")
		kicked     = user(6400000007, "Mantan Anggota")
	)
	srv.AddUser(staff)
	srv.SetMember(group.ID, creator, telegramtest.StatusCreator)
	srv.SetMember(group.ID, admin, telegramtest.StatusAdministrator)
	srv.SetMember(group.ID, member, telegramtest.StatusMember)
	srv.SetRestricted(group.ID, restricted, true)
	srv.SetRestricted(group.ID, outside, false)
	srv.SetMember(group.ID, left, telegramtest.StatusLeft)
	srv.SetMember(group.ID, kicked, telegramtest.StatusKicked)
	fail := func(f telegramtest.Fault) func() {
		return func() { srv.FailNext("getChatMember", 1, f) }
	}
	notInChat := func(desc string) func() {
		return fail(telegramtest.Fault{Code: 400, Description: desc})
	}

	tests := []struct {
		name    string
		fault   func()
		chatID  int64
		userID  int64
		want    bool
		wantErr string // part of the error; empty for none
	}{
		{"creator", nil, group.ID, creator.ID, true, ""},
		{"administrator", nil, group.ID, admin.ID, true, ""},
		{"member", nil, group.ID, member.ID, true, ""},
		{"restricted in the chat", nil, group.ID, restricted.ID, true, ""},
		{"restricted, not in the chat", nil, group.ID, outside.ID, false, ""},
		{"left", nil, group.ID, left.ID, false, ""},
		{"kicked", nil, group.ID, kicked.ID, false, ""},
		{"a staff member who never joined", nil, group.ID, staff.ID, false, ""},
		{"unknown user", nil, group.ID, 42, false, ""},
		{"member not found", notInChat("Bad Request: member not found"), group.ID, member.ID, false, ""},
		{"PARTICIPANT_ID_INVALID", notInChat("Bad Request: PARTICIPANT_ID_INVALID"), group.ID, member.ID, false, ""},
		{"other bad request", notInChat("Bad Request: invalid user_id specified"), group.ID, member.ID, false, "invalid user_id"},
		{"internal error", fail(telegramtest.InternalError()), group.ID, member.ID, false, "500"},
		{"bad gateway", fail(telegramtest.BadGateway()), group.ID, member.ID, false, "502"},
		{"too many requests", fail(telegramtest.TooManyRequests(3)), group.ID, member.ID, false, "retry_after 3"},
		{"dropped connection", fail(telegramtest.Dropped()), group.ID, member.ID, false, "getChatMember"},
		{"proxy page echoing the token", fail(telegramtest.ProxyPage(404)), group.ID, member.ID, false, "not a Bot API answer"},
		{"bot kicked from the chat", nil, gone.ID, member.ID, false, "bot was kicked"},
		{"chat not found", nil, -1009999999999, member.ID, false, "chat not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.fault != nil {
				tt.fault()
			}
			got, err := client.IsMember(ctxTest(t), tt.chatID, tt.userID)
			if got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("got error %v, want none", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("got error %v, want one holding %q", err, tt.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), strings.SplitN(token, ":", 2)[1]) {
				t.Errorf("got error %q, want it without the token", err)
			}
		})
	}
}
