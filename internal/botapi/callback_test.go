package botapi

import (
	"testing"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestParseCallbackLenient(t *testing.T) {
	tests := []struct {
		name     string
		raw      string
		wantKind UpdateKind
		want     *Callback
	}{
		{"not an object", `{"update_id":5,"callback_query":"x"}`, KindOther, nil},
		{"null", `{"update_id":5,"callback_query":null}`, KindOther, nil},
		{"empty object", `{"update_id":5,"callback_query":{}}`, KindCallbackQuery, &Callback{}},
		{"message not an object", `{"update_id":5,"callback_query":{"id":"9","message":"gone","data":"a"}}`,
			KindCallbackQuery, &Callback{ID: "9", Data: "a"}},
		{"message null", `{"update_id":5,"callback_query":{"id":"9","message":null,"data":"a"}}`,
			KindCallbackQuery, &Callback{ID: "9", Data: "a"}},
		{"type mismatch keeps the rest", `{"update_id":5,"callback_query":{"id":9,"from":{"id":42,"first_name":"A"},` +
			`"message":{"message_id":7,"date":1770091200,"chat":{"id":-100,"type":"supergroup"}},"data":"s:1:selesai"}}`,
			KindCallbackQuery, &Callback{From: tip.Person{ID: 42, FirstName: "A"}, ChatID: -100, MessageID: 7,
				Chat: Chat{ID: -100, Type: "supergroup"}, Data: "s:1:selesai"}},
		{"thread only for topic messages", `{"update_id":5,"callback_query":{"id":"9","message":{"message_id":7,` +
			`"message_thread_id":3,"date":1770091200,"chat":{"id":-100,"type":"supergroup"}},"data":"a"}}`,
			KindCallbackQuery, &Callback{ID: "9", ChatID: -100, MessageID: 7, Chat: Chat{ID: -100, Type: "supergroup"}, Data: "a"}},
		{"invalid UTF-8 in data", "{\"update_id\":5,\"callback_query\":{\"id\":\"9\",\"data\":\"a\xffb\"}}",
			KindCallbackQuery, &Callback{ID: "9", Data: "a\uFFFDb"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := Parse([]byte(tt.raw))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if u.Kind != tt.wantKind {
				t.Fatalf("got kind %q, want %q", u.Kind, tt.wantKind)
			}
			if g, w := dump(t, u.Callback), dump(t, tt.want); g != w {
				t.Errorf("got %s, want %s", g, w)
			}
		})
	}
}
