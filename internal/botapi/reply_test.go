package botapi

import (
	"testing"
)

func TestParseReply(t *testing.T) {
	const (
		bot     = `"from":{"id":99,"is_bot":true,"first_name":"Bot"}`
		officer = `"from":{"id":77,"is_bot":false,"first_name":"Officer"}`
	)
	tests := []struct {
		name   string
		fields string
		want   *Reply
	}{
		{"not a reply", ``, nil},
		{"reply to a bot message", `"reply_to_message":{"message_id":5,` + bot + `,"date":1}`,
			&Reply{MessageID: 5, FromID: 99, FromBot: true}},
		{"reply to a person", `"reply_to_message":{"message_id":5,` + officer + `,"date":1}`,
			&Reply{MessageID: 5, FromID: 77}},
		{"reply to a message without a sender", `"reply_to_message":{"message_id":5,"sender_chat":{"id":-100,"type":"channel"},"date":1}`,
			&Reply{MessageID: 5}},
		{"supergroup reply: thread id of the reply chain is ignored",
			`"message_thread_id":5,"reply_to_message":{"message_id":5,` + bot + `,"date":1}`,
			&Reply{MessageID: 5, FromID: 99, FromBot: true}},
		{"forum topic root is not a reply",
			`"message_thread_id":5,"is_topic_message":true,"reply_to_message":{"message_id":5,` + bot + `,"date":1,"forum_topic_created":{"name":"T","icon_color":1}}`,
			nil},
		{"reply inside a forum topic",
			`"message_thread_id":5,"is_topic_message":true,"reply_to_message":{"message_id":6,"message_thread_id":5,"is_topic_message":true,` + bot + `,"date":1}`,
			&Reply{MessageID: 6, FromID: 99, FromBot: true}},
		{"reply_to_message not an object", `"reply_to_message":5`, nil},
		{"reply_to_message null", `"reply_to_message":null`, nil},
		{"reply_to_message without message id", `"reply_to_message":{` + bot + `}`, nil},
		{"message id of the wrong type", `"reply_to_message":{"message_id":"5",` + bot + `}`, nil},
		{"sender of the wrong type", `"reply_to_message":{"message_id":5,"from":"bot"}`, &Reply{MessageID: 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MustParseMessage(t, rawMessage(tt.fields)).ReplyTo
			if g, w := dump(t, got), dump(t, tt.want); g != w {
				t.Errorf("ReplyTo:\ngot  %s\nwant %s", g, w)
			}
		})
	}
}

// TestReplyKeepsContent checks that a reply is decoded like any other
// message: its text is still the staff member's or officer's content.
func TestReplyKeepsContent(t *testing.T) {
	m := MustParseMessage(t, rawMessage(`"text":"jawaban","reply_to_message":{"message_id":5,"from":{"id":99,"is_bot":true,"first_name":"Bot"},"date":1,"text":"pertanyaan"}`))
	if got, want := m.Text, "jawaban"; got != want {
		t.Errorf("got text %q, want %q", got, want)
	}
	if got, want := m.HasEvidence, true; got != want {
		t.Errorf("got HasEvidence %v, want %v", got, want)
	}
}
