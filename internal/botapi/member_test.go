package botapi

import (
	"testing"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// tiprelayBot is the bot as the my_chat_member fixtures name it.
var tiprelayBot = tip.Person{ID: 7912345678, FirstName: "TipRelay", Username: "tiprelay_bot"}

// botStatus builds the expected update of a my_chat_member fixture: Aipda
// Rahmat changes the bot's status in chat at date.
func botStatus(updateID int64, chat Chat, date int64, old, new Membership) Update {
	return Update{ID: updateID, Kind: KindMyChatMember, Field: "my_chat_member", Member: &MemberUpdate{
		Chat: chat, By: rahmat, Date: at(date), User: tiprelayBot, Old: old, New: new,
	}}
}

func TestMembershipInChatOrOut(t *testing.T) {
	tests := []struct {
		name    string
		m       Membership
		in, out bool
	}{
		{"creator", Membership{Status: "creator"}, true, false},
		{"administrator", Membership{Status: "administrator"}, true, false},
		{"member", Membership{Status: "member"}, true, false},
		{"restricted member", Membership{Status: "restricted", IsMember: true}, true, false},
		{"restricted, not a member", Membership{Status: "restricted"}, false, true},
		{"left", Membership{Status: "left"}, false, true},
		{"kicked", Membership{Status: "kicked"}, false, true},
		{"a status added later", Membership{Status: "suspended"}, false, false},
		{"no status", Membership{}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.m.InChat(); got != tt.in {
				t.Errorf("got InChat %v, want %v", got, tt.in)
			}
			if got := tt.m.Out(); got != tt.out {
				t.Errorf("got Out %v, want %v", got, tt.out)
			}
		})
	}
}

func TestParseMyChatMemberLenient(t *testing.T) {
	tests := []struct {
		name     string
		raw      string
		wantKind UpdateKind
		check    func(t *testing.T, m *MemberUpdate)
	}{
		{"not an object", `{"update_id":5,"my_chat_member":"x"}`, KindOther, nil},
		{"null", `{"update_id":5,"my_chat_member":null}`, KindOther, nil},
		{"empty object", `{"update_id":5,"my_chat_member":{}}`, KindMyChatMember, func(t *testing.T, m *MemberUpdate) {
			if m.Chat.ID != 0 || m.Old.InChat() || m.New.InChat() || m.Old.Out() || m.New.Out() {
				t.Errorf("got %+v, want a zero change that is neither in nor out", m)
			}
		}},
		{"restriction lifts is_member only for restricted", `{"update_id":5,"my_chat_member":{"chat":{"id":-1,"type":"group"},` +
			`"old_chat_member":{"status":"left","is_member":true},"new_chat_member":{"status":"restricted","is_member":false,"until_date":1770091200}}}`,
			KindMyChatMember, func(t *testing.T, m *MemberUpdate) {
				if m.Old.IsMember || !m.Old.Out() || m.New.InChat() || !m.New.Out() || !m.New.Until.Equal(at(d)) {
					t.Errorf("got old %+v new %+v, want left then restricted out of the chat until %v", m.Old, m.New, at(d))
				}
			}},
		{"type mismatch keeps the rest", `{"update_id":5,"my_chat_member":{"chat":{"id":"x","type":"supergroup"},` +
			`"from":{"id":42,"first_name":"A"},"new_chat_member":{"status":"member","user":{"id":7}}}}`,
			KindMyChatMember, func(t *testing.T, m *MemberUpdate) {
				if m.Chat.ID != 0 || m.Chat.Type != "supergroup" || m.By.ID != 42 || m.User.ID != 7 || !m.New.InChat() {
					t.Errorf("got %+v, want chat 0 supergroup, by 42, user 7 in the chat", m)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := Parse([]byte(tt.raw))
			if err != nil {
				t.Fatalf("Parse(%s): %v", tt.raw, err)
			}
			if u.Kind != tt.wantKind || u.Field != "my_chat_member" {
				t.Errorf("got kind %q field %q, want %q my_chat_member", u.Kind, u.Field, tt.wantKind)
			}
			if (u.Member != nil) != (u.Kind == KindMyChatMember) || u.Message != nil {
				t.Fatalf("got member %v and message %v for kind %q", u.Member, u.Message, u.Kind)
			}
			if tt.check != nil {
				tt.check(t, u.Member)
			}
		})
	}
}
