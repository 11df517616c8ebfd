package botapi

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// rawMessage returns an update with a private message from user 42 whose
// other members are fields (a JSON fragment, may be empty).
func rawMessage(fields string) []byte {
	s := `{"update_id":1,"message":{"message_id":7,"date":1770091200,` +
		`"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"A"}`
	if fields != "" {
		s += "," + fields
	}
	return []byte(s + "}}")
}

// MustParseMessage parses raw and returns its message, failing the test
// when there is none.
func MustParseMessage(tb testing.TB, raw []byte) *Message {
	tb.Helper()
	u, err := Parse(raw)
	if err != nil {
		tb.Fatalf("Parse(%s): %v", raw, err)
	}
	if u.Message == nil {
		tb.Fatalf("Parse(%s): no message", raw)
	}
	return u.Message
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		raw  string
	}{
		{"empty", ""},
		{"truncated", `{"update_id":1,"message":{`},
		{"not json", `update_id=1`},
		{"trailing comma", `{"update_id":1,}`},
		{"trailing garbage", `{"update_id":1} x`},
		{"array", `[{"update_id":1}]`},
		{"null", `null`},
		{"number", `42`},
		{"missing update_id", `{"message":{"message_id":1}}`},
		{"zero update_id", `{"update_id":0,"message":{"message_id":1}}`},
		{"negative update_id", `{"update_id":-3}`},
		{"string update_id", `{"update_id":"12"}`},
		{"fractional update_id", `{"update_id":1.5}`},
		{"huge update_id", `{"update_id":1e40}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := Parse([]byte(tt.raw))
			if err == nil {
				t.Fatalf("Parse(%q) = %+v, want an error", tt.raw, u)
			}
			if !strings.HasPrefix(err.Error(), "parse update: ") {
				t.Errorf("got error %q, want it to start with %q", err, "parse update: ")
			}
		})
	}
}

func TestParseLenient(t *testing.T) {
	tests := []struct {
		name      string
		raw       string
		wantKind  UpdateKind
		wantField string
	}{
		{"only update_id", `{"update_id":5}`, KindOther, ""},
		{"message not an object", `{"update_id":5,"message":"x"}`, KindOther, "message"},
		{"message null", `{"update_id":5,"message":null}`, KindOther, "message"},
		{"empty message", `{"update_id":5,"message":{}}`, KindMessage, "message"},
		{"update_id last", `{"business_message":{"message_id":1},"update_id":5}`, KindOther, "business_message"},
		{"message_reaction", `{"update_id":5,"message_reaction":{"chat":{"id":1}}}`, KindOther, "message_reaction"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := Parse([]byte(tt.raw))
			if err != nil {
				t.Fatalf("Parse(%s): %v", tt.raw, err)
			}
			if u.Kind != tt.wantKind || u.Field != tt.wantField {
				t.Errorf("got kind %q field %q, want %q %q", u.Kind, u.Field, tt.wantKind, tt.wantField)
			}
			if (u.Message != nil) != (u.Kind == KindMessage || u.Kind == KindEditedMessage) {
				t.Errorf("got message %v for kind %q", u.Message, u.Kind)
			}
		})
	}
}

func TestParseTypeMismatchKeepsTheRest(t *testing.T) {
	m := MustParseMessage(t, []byte(`{"update_id":9,"message":{"message_id":"seven","date":1770091200,`+
		`"chat":{"id":42,"type":"private"},"from":{"id":42,"first_name":["x"]},"text":"Hoaks","photo":{"a":1}}}`))
	if m.ID != 0 || m.Chat.ID != 42 || m.From.ID != 42 || m.Text != "Hoaks" || !m.HasEvidence {
		t.Errorf("got %+v, want id 0, chat 42, from 42, text Hoaks, evidence", m)
	}
}

func TestParseContent(t *testing.T) {
	tests := []struct {
		name            string
		fields          string
		wantUnsupported string
		wantService     bool
		wantEvidence    bool
	}{
		{"blank text", `"text":"  \n "`, "", false, false},
		{"venue, not location", `"location":{"latitude":1,"longitude":2},"venue":{"title":"Pantai Losari"}`, "venue", false, false},
		{"dice", `"dice":{"emoji":"🎲","value":3}`, "dice", false, false},
		{"story forward", `"forward_origin":{"type":"channel","date":1,"chat":{"id":-1,"type":"channel"},"message_id":3},"story":{"chat":{"id":-1},"id":5}`, "story", false, false},
		{"paid media with caption", `"paid_media":{"star_count":5},"caption":"Bayar dulu"`, "paid_media", false, false},
		{"checklist", `"checklist":{"title":"x","tasks":[]}`, "checklist", false, false},
		{"content kind from the future", `"hologram":{"file_id":"x"}`, "hologram", false, false},
		{"future kind with text is evidence", `"text":"Lihat ini","hologram":{"file_id":"x"}`, "", false, true},
		{"pinned message", `"pinned_message":{"message_id":3,"date":1,"chat":{"id":42,"type":"private"},"text":"x"}`, "", true, false},
		{"forum topic created", `"forum_topic_created":{"name":"Hoaks","icon_color":7322096}`, "", true, false},
		{"video chat started", `"video_chat_started":{}`, "", true, false},
		{"delete chat photo", `"delete_chat_photo":true`, "", true, false},
		{"forward with no text", `"forward_origin":{"type":"hidden_user","sender_user_name":"X","date":1}`, "", false, true},
		{"photo without file_id", `"photo":[{"width":1,"height":1}]`, "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := MustParseMessage(t, rawMessage(tt.fields))
			if m.Unsupported != tt.wantUnsupported || m.Service != tt.wantService || m.HasEvidence != tt.wantEvidence {
				t.Errorf("got unsupported %q service %v evidence %v, want %q %v %v",
					m.Unsupported, m.Service, m.HasEvidence, tt.wantUnsupported, tt.wantService, tt.wantEvidence)
			}
		})
	}
}

func TestParseMessageFields(t *testing.T) {
	m := MustParseMessage(t, []byte(`{"update_id":3,"message":{"message_id":9,"message_thread_id":4,"date":1,`+
		`"chat":{"id":-100,"type":"supergroup","title":"G"},"from":{"id":77,"is_bot":true,"first_name":"Bot"},"text":"x"}}`))
	if m.ThreadID != 0 {
		t.Errorf("got thread %d, want 0 for a reply thread that is not a forum topic", m.ThreadID)
	}
	if !m.FromBot {
		t.Error("got FromBot false, want true")
	}
}

func TestParseCommand(t *testing.T) {
	tests := []struct {
		name   string
		fields string
		want   *Command
	}{
		{"args trimmed, name lower-cased", `"text":"/Staff_Add  5123456789 \n","entities":[{"type":"bot_command","offset":0,"length":10}]`,
			&Command{Name: "staff_add", Args: "5123456789"}},
		{"other bot", `"text":"/start@OtherBot","entities":[{"type":"bot_command","offset":0,"length":15}]`,
			&Command{Name: "start", BotUsername: "OtherBot"}},
		{"args with emoji", `"text":"/cari 🚨 banjir","entities":[{"type":"bot_command","offset":0,"length":5}]`,
			&Command{Name: "cari", Args: "🚨 banjir"}},
		{"not at offset 0", `"text":"tolong /start","entities":[{"type":"bot_command","offset":7,"length":6}]`, nil},
		{"not the first entity", `"text":"/start x.com","entities":[{"type":"url","offset":7,"length":5},{"type":"bot_command","offset":0,"length":6}]`, nil},
		{"no entity", `"text":"/start"`, nil},
		{"out of range", `"text":"/start","entities":[{"type":"bot_command","offset":0,"length":60}]`, nil},
		{"in a caption", `"caption":"/start","caption_entities":[{"type":"bot_command","offset":0,"length":6}],"photo":[{"file_id":"p","file_unique_id":"u","width":1,"height":1}]`, nil},
		{"forwarded", `"forward_origin":{"type":"hidden_user","sender_user_name":"X","date":1},"text":"/start","entities":[{"type":"bot_command","offset":0,"length":6}]`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := MustParseMessage(t, rawMessage(tt.fields))
			if g, w := dump(t, m.Command), dump(t, tt.want); g != w {
				t.Errorf("got command %s, want %s", g, w)
			}
			if tt.want != nil && m.HasEvidence {
				t.Error("got HasEvidence true for a command")
			}
			if tt.want == nil && !m.HasEvidence {
				t.Error("got HasEvidence false for a message that is not a command")
			}
		})
	}
}

func TestParseLinks(t *testing.T) {
	tests := []struct {
		name   string
		fields string
		want   []string
	}{
		{"scheme kept", `"text":"HTTP://A.B/c tg://resolve?domain=x","entities":[{"type":"url","offset":0,"length":12},{"type":"url","offset":13,"length":21}]`,
			[]string{"HTTP://A.B/c", "tg://resolve?domain=x"}},
		{"scheme added", `"text":"www.detik.com/x","entities":[{"type":"url","offset":0,"length":15}]`,
			[]string{"https://www.detik.com/x"}},
		{"url and text_link deduplicated", `"text":"https://a.io dan ini","entities":[{"type":"url","offset":0,"length":12},{"type":"text_link","offset":17,"length":3,"url":"https://a.io"}]`,
			[]string{"https://a.io"}},
		{"out of range skipped", `"text":"a.io b","entities":[{"type":"url","offset":5,"length":9},{"type":"text_link","offset":40,"length":1,"url":"https://z.io"},{"type":"url","offset":0,"length":4}]`,
			[]string{"https://a.io"}},
		{"entity at the very end after emoji", `"text":"😀😀 a.io","entities":[{"type":"url","offset":5,"length":4}]`,
			[]string{"https://a.io"}},
		{"caption entities", `"caption":"🚨 b.io","caption_entities":[{"type":"url","offset":3,"length":4}],"document":{"file_id":"d","file_unique_id":"u"}`,
			[]string{"https://b.io"}},
		{"other entity kinds ignored", `"text":"@budi #hoaks a@b.co","entities":[{"type":"mention","offset":0,"length":5},{"type":"hashtag","offset":6,"length":6},{"type":"email","offset":13,"length":6}]`,
			nil},
		{"public chat origin without message id has no link", `"forward_origin":{"type":"chat","date":1,"sender_chat":{"id":-1,"type":"supergroup","username":"grup"}},"text":"x"`,
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := MustParseMessage(t, rawMessage(tt.fields))
			if got := m.Draft.Links; !slices.Equal(got, tt.want) {
				t.Errorf("got links %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseHugeText(t *testing.T) {
	tests := []struct {
		name string
		text string
	}{
		{"4096 emoji", strings.Repeat("\U0001F6A8", 4096)},
		{"1 MB of text", strings.Repeat("hoaks ", 1<<20/6)},
		{"1 MB of CJK", strings.Repeat("中", 1<<20/3)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			units := len([]rune(tt.text))
			if strings.HasPrefix(tt.text, "\U0001F6A8") {
				units *= 2
			}
			text := tt.text + " a.io"
			var entities []wireEntity
			for i := 0; i < 1000; i++ {
				entities = append(entities, wireEntity{Type: "url", Offset: units + 1, Length: 4})
				entities = append(entities, wireEntity{Type: "url", Offset: i * 7, Length: 1 << 30})
			}
			fields, _ := json.Marshal(map[string]any{"text": text, "entities": entities})
			m := MustParseMessage(t, rawMessage(string(fields[1:len(fields)-1])))
			if m.Text != text {
				t.Errorf("got text of %d bytes, want %d", len(m.Text), len(text))
			}
			if want := []string{"https://a.io"}; !slices.Equal(m.Draft.Links, want) {
				t.Errorf("got links %q, want %q", m.Draft.Links, want)
			}
		})
	}
}

func TestParseInvalidUTF8(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want string
	}{
		{"invalid byte", rawMessage("\"text\":\"ab\xffcd\""), "ab\uFFFDcd"},
		{"truncated sequence", rawMessage("\"text\":\"ab\xe2\x82\""), "ab\uFFFD\uFFFD"},
		{"lone surrogate escape", rawMessage(`"text":"ab\ud83dcd"`), "ab\uFFFDcd"},
		{"valid escaped pair", rawMessage(`"text":"\ud83d\udea8"`), "\U0001F6A8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := MustParseMessage(t, tt.raw)
			if m.Text != tt.want || m.Draft.Text != tt.want {
				t.Errorf("got text %q, want %q", m.Text, tt.want)
			}
		})
	}
}
