package telegramtest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// TestInlineKeyboardValidation: every method that takes reply_markup
// refuses the keyboards Telegram refuses and stores the others on the
// message, where tests find the buttons.
func TestInlineKeyboardValidation(t *testing.T) {
	srv := MustServer(t)
	srv.AddUser(alice)
	photo := srv.UserSends(alice, telegramtest.Photo("bukti"))
	data64 := strings.Repeat("d", 64)
	tests := []struct {
		name    string
		method  string // sendMessage unless set
		markup  string
		wantErr string // "" means success
	}{
		{"callback buttons", "", `{"inline_keyboard":[[{"text":"Badung","callback_data":"t:7:r:badung"},{"text":"Gianyar","callback_data":"t:7:r:gianyar"}],[{"text":"Lainnya","callback_data":"t:7:m:r"}]]}`, ""},
		{"64 bytes of data", "", `{"inline_keyboard":[[{"text":"A","callback_data":"` + data64 + `"}]]}`, ""},
		{"65 bytes of data", "", `{"inline_keyboard":[[{"text":"A","callback_data":"` + data64 + `x"}]]}`, "Bad Request: BUTTON_DATA_INVALID"},
		{"64 bytes of multibyte data", "", `{"inline_keyboard":[[{"text":"A","callback_data":"` + strings.Repeat("é", 32) + `"}]]}`, ""},
		{"65 bytes of multibyte data", "", `{"inline_keyboard":[[{"text":"A","callback_data":"` + strings.Repeat("é", 32) + `x"}]]}`, "Bad Request: BUTTON_DATA_INVALID"},
		{"empty text", "", `{"inline_keyboard":[[{"text":"","callback_data":"a"}]]}`, "Bad Request: BUTTON_TEXT_INVALID"},
		{"blank text", "", `{"inline_keyboard":[[{"text":"  ","callback_data":"a"}]]}`, "Bad Request: BUTTON_TEXT_INVALID"},
		{"text only", "", `{"inline_keyboard":[[{"text":"A"}]]}`, "Text buttons are unallowed in the inline keyboard"},
		{"empty data", "", `{"inline_keyboard":[[{"text":"A","callback_data":""}]]}`, "Text buttons are unallowed in the inline keyboard"},
		{"url button", "", `{"inline_keyboard":[[{"text":"Buka","url":"https://t.me/polda_bali"}]]}`, ""},
		{"not JSON", "", `{"inline_keyboard":`, "Bad Request: can't parse reply keyboard markup JSON object"},
		{"not rows", "", `{"inline_keyboard":[{"text":"A","callback_data":"a"}]}`, "must be an Array of Arrays"},
		{"copyMessage refuses too", "copyMessage", `{"inline_keyboard":[[{"text":"A","callback_data":"` + data64 + `x"}]]}`, "Bad Request: BUTTON_DATA_INVALID"},
		{"copyMessage keeps a keyboard", "copyMessage", `{"inline_keyboard":[[{"text":"Selesai","callback_data":"s:7:selesai"}]]}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := tt.method
			params := map[string]any{"chat_id": alice.ID, "text": "Laporan #7", "reply_markup": tt.markup}
			if method == "" {
				method = "sendMessage"
			} else {
				params = map[string]any{"chat_id": alice.ID, "from_chat_id": alice.ID, "message_id": photo.MessageID, "reply_markup": tt.markup}
			}
			body, _ := json.Marshal(params)
			_, env := rawCall(t, http.MethodPost, methodURL(srv, method), "application/json", string(body))
			if tt.wantErr != "" {
				if env.OK || !strings.Contains(env.Description, tt.wantErr) {
					t.Fatalf("got ok %v %q, want an error containing %q", env.OK, env.Description, tt.wantErr)
				}
				return
			}
			if !env.OK {
				t.Fatalf("got %q, want success", env.Description)
			}
			var got struct {
				ID int64 `json:"message_id"`
			}
			_ = json.Unmarshal(env.Result, &got)
			m, _ := srv.Message(alice.ID, got.ID)
			var want struct {
				Rows [][]telegramtest.InlineButton `json:"inline_keyboard"`
			}
			_ = json.Unmarshal([]byte(tt.markup), &want)
			if fmt.Sprint(m.InlineKeyboard()) != fmt.Sprint(want.Rows) {
				t.Errorf("got keyboard %v, want %v", m.InlineKeyboard(), want.Rows)
			}
		})
	}
	last := srv.BotMessages(alice.ID)[0]
	if b, ok := last.Button("badung"); !ok || b.CallbackData != "t:7:r:badung" {
		t.Errorf("got button %+v %v, want Badung found by a part of its text", b, ok)
	}
	if _, ok := last.Button("Denpasar"); ok {
		t.Error("got a Denpasar button, want none")
	}
}

// TestDisableNotificationRecorded: a message sent with
// disable_notification is marked silent, whichever method sent it.
func TestDisableNotificationRecorded(t *testing.T) {
	srv := MustServer(t)
	srv.AddUser(alice)
	orig := srv.UserSends(alice, telegramtest.Text("asli"))
	tests := []struct {
		name, method, params string
		want                 bool
	}{
		{"sendMessage silent", "sendMessage", `"text":"a","disable_notification":true`, true},
		{"sendMessage", "sendMessage", `"text":"a"`, false},
		{"copyMessage silent", "copyMessage", fmt.Sprintf(`"from_chat_id":%d,"message_id":%d,"disable_notification":true`, alice.ID, orig.MessageID), true},
		{"forwardMessage silent", "forwardMessage", fmt.Sprintf(`"from_chat_id":%d,"message_id":%d,"disable_notification":"true"`, alice.ID, orig.MessageID), true},
		{"copyMessages silent", "copyMessages", fmt.Sprintf(`"from_chat_id":%d,"message_ids":[%d],"disable_notification":true`, alice.ID, orig.MessageID), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := fmt.Sprintf(`{"chat_id":%d,%s}`, alice.ID, tt.params)
			if _, env := rawCall(t, http.MethodPost, methodURL(srv, tt.method), "application/json", body); !env.OK {
				t.Fatalf("%s: %s", tt.method, env.Description)
			}
			msgs := srv.BotMessages(alice.ID)
			if got := msgs[len(msgs)-1].DisableNotification; got != tt.want {
				t.Errorf("got silent %v, want %v", got, tt.want)
			}
		})
	}
}
