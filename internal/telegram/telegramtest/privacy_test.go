package telegramtest_test

import (
	"encoding/json"
	"strconv"
	"testing"

	"github.com/go-telegram/bot"

	"github.com/tiprelay/tiprelay/internal/botapi"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// privacyFixture is an emulator with a supergroup, a basic group and a
// forum where the bot is a plain member and has posted, and a message of
// alice in the supergroup.
type privacyFixture struct {
	srv      *telegramtest.Server
	group    telegramtest.Chat
	basic    telegramtest.Chat
	forum    telegramtest.Chat
	topic    int64 // a topic the bot opened in forum
	botMsg   int64 // the bot's message in group, with a keyboard
	topicMsg int64 // the bot's message in topic
	userMsg  int64 // alice's message in group
}

// MustPrivacyFixture builds a privacyFixture.
func MustPrivacyFixture(tb testing.TB) *privacyFixture {
	tb.Helper()
	srv := MustServer(tb)
	b := MustBot(tb, srv)
	f := &privacyFixture{srv: srv}
	f.group = srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatSupergroup, Title: "Polda Bali"})
	f.basic = srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatGroup, Title: "Polres Gowa"})
	f.forum = srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatSupergroup, Title: "Polda", IsForum: true})
	f.topic = srv.AddTopic(f.forum.ID, "Laporan")
	sent, err := b.SendMessage(ctxT(tb), &bot.SendMessageParams{ChatID: f.group.ID, Text: "#7 Hoaks", ReplyMarkup: keyboardOf("s:7:selesai")})
	if err != nil {
		tb.Fatal(err)
	}
	f.botMsg = int64(sent.ID)
	inTopic, err := b.SendMessage(ctxT(tb), &bot.SendMessageParams{ChatID: f.forum.ID, MessageThreadID: int(f.topic), Text: "#8 Hoaks"})
	if err != nil {
		tb.Fatal(err)
	}
	f.topicMsg = int64(inTopic.ID)
	f.userMsg = srv.ChatSends(f.group.ID, alice, telegramtest.Text("selamat pagi")).MessageID
	return f
}

// replyTo returns m as a reply to message id.
func replyTo(m telegramtest.Message, id int64) telegramtest.Message {
	m.ReplyToMessage = &telegramtest.Message{MessageID: id}
	return m
}

// queued returns the updates queued after update id last, as sent.
func queued(t *testing.T, srv *telegramtest.Server, last int64) []json.RawMessage {
	t.Helper()
	_, _, env := poll(t, srv, "offset="+strconv.FormatInt(last+1, 10))
	var raws []json.RawMessage
	if err := json.Unmarshal(env.Result, &raws); err != nil {
		t.Fatal(err)
	}
	return raws
}

// TestPrivacyMode: in groups, the bot receives commands, replies to its
// messages, mentions and service messages, unless privacy is off or it is
// an administrator; every message is stored all the same.
func TestPrivacyMode(t *testing.T) {
	botMention := func(f *privacyFixture) telegramtest.Message {
		bot := f.srv.Bot()
		return telegramtest.Message{Text: "Bot, cek ini", Entities: []telegramtest.MessageEntity{{Type: "text_mention", Offset: 0, Length: 3, User: &bot}}}
	}
	inGroup := func(m telegramtest.Message) func(f *privacyFixture) telegramtest.Message {
		return func(f *privacyFixture) telegramtest.Message { return f.srv.ChatSends(f.group.ID, bob, m) }
	}
	tests := []struct {
		name    string
		prepare func(f *privacyFixture)
		send    func(f *privacyFixture) telegramtest.Message
		want    bool // an update is queued
	}{
		{"plain text", nil, inGroup(telegramtest.Text("siap, dimonitor")), false},
		{"photo with a caption", nil, inGroup(telegramtest.Photo("bukti tambahan")), false},
		{"command", nil, inGroup(telegramtest.Text("/laporan 7")), true},
		{"command addressed to the bot, any case", nil, inGroup(telegramtest.Text("/id@TipRelay_Test_Bot")), true},
		{"command addressed to another bot", nil, inGroup(telegramtest.Text("/id@other_bot")), false},
		{"a lone slash", nil, inGroup(telegramtest.Text("/ oke")), false},
		{"reply to the bot's message", nil, func(f *privacyFixture) telegramtest.Message {
			return f.srv.ChatSends(f.group.ID, bob, replyTo(telegramtest.Text("sumbernya dari mana?"), f.botMsg))
		}, true},
		{"photo reply to the bot's message", nil, func(f *privacyFixture) telegramtest.Message {
			return f.srv.ChatSends(f.group.ID, bob, replyTo(telegramtest.Photo("akun yang sama?"), f.botMsg))
		}, true},
		{"voice reply to the bot's message", nil, func(f *privacyFixture) telegramtest.Message {
			return f.srv.ChatSends(f.group.ID, bob, replyTo(telegramtest.VoiceMsg(7), f.botMsg))
		}, true},
		{"reply to a member's message", nil, func(f *privacyFixture) telegramtest.Message {
			return f.srv.ChatSends(f.group.ID, bob, replyTo(telegramtest.Text("pagi"), f.userMsg))
		}, false},
		{"mention of the bot", nil, inGroup(telegramtest.Text("@tiprelay_test_bot cek #7")), true},
		{"mention of the bot in a caption", nil, inGroup(telegramtest.Photo("lihat @TIPRELAY_TEST_BOT")), true},
		{"text_mention of the bot", nil, func(f *privacyFixture) telegramtest.Message {
			return f.srv.ChatSends(f.group.ID, bob, botMention(f))
		}, true},
		{"mention of a member", nil, inGroup(telegramtest.Text("@alice_w cek")), false},
		{"e-mail address is no mention", nil, inGroup(telegramtest.Text("kirim ke humas@tiprelay_test_bot.id")), false},
		{"service message", nil, inGroup(telegramtest.Message{NewChatMembers: []telegramtest.User{alice}}), true},
		{"plain text in a basic group", nil, func(f *privacyFixture) telegramtest.Message {
			return f.srv.ChatSends(f.basic.ID, bob, telegramtest.Text("siap"))
		}, false},
		{"command in a basic group", nil, func(f *privacyFixture) telegramtest.Message {
			return f.srv.ChatSends(f.basic.ID, bob, telegramtest.Text("/digest"))
		}, true},
		{"plain text in a topic the bot opened", nil, func(f *privacyFixture) telegramtest.Message {
			m := telegramtest.Text("catatan")
			m.MessageThreadID = f.topic
			return f.srv.ChatSends(f.forum.ID, bob, m)
		}, false},
		{"reply in a topic to the bot's message", nil, func(f *privacyFixture) telegramtest.Message {
			m := replyTo(telegramtest.Text("kapan?"), f.topicMsg)
			m.MessageThreadID = f.topic
			return f.srv.ChatSends(f.forum.ID, bob, m)
		}, true},
		{"private chat", nil, func(f *privacyFixture) telegramtest.Message {
			return f.srv.UserSends(bob, telegramtest.Text("halo"))
		}, true},
		{"plain text with privacy off", func(f *privacyFixture) { f.srv.SetPrivacy(false) },
			inGroup(telegramtest.Text("siap, dimonitor")), true},
		{"plain text where the bot is an administrator", func(f *privacyFixture) {
			f.srv.SetBotStatus(f.group.ID, telegramtest.StatusAdministrator)
		}, inGroup(telegramtest.Text("siap, dimonitor")), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := MustPrivacyFixture(t)
			if tt.prepare != nil {
				tt.prepare(f)
			}
			last := f.srv.LastUpdateID()
			m := tt.send(f)
			raws := queued(t, f.srv, last)
			if got := len(raws) == 1; got != tt.want {
				t.Errorf("got %d updates, want an update: %v", len(raws), tt.want)
			}
			if _, ok := f.srv.Message(m.Chat.ID, m.MessageID); !ok {
				t.Errorf("got message %d not stored in chat %d, want it stored", m.MessageID, m.Chat.ID)
			}
		})
	}
}

func TestPrivacyDefault(t *testing.T) {
	srv := MustServer(t)
	if got, want := srv.Privacy(), true; got != want {
		t.Errorf("got privacy %v, want %v", got, want)
	}
	srv.SetPrivacy(false)
	if got, want := srv.Privacy(), false; got != want {
		t.Errorf("got privacy %v after SetPrivacy(false), want %v", got, want)
	}
}

// TestReplyToBotInGroup: a reply in a group to the bot's message reaches
// the bot under privacy mode, and botapi decodes what it replies to.
func TestReplyToBotInGroup(t *testing.T) {
	f := MustPrivacyFixture(t)
	last := f.srv.LastUpdateID()
	sent := f.srv.ChatSends(f.group.ID, bob, replyTo(telegramtest.Text("akun aslinya apa?"), f.botMsg))
	if r := sent.ReplyToMessage; r == nil || r.MessageID != f.botMsg || r.From == nil || r.From.ID != f.srv.Bot().ID || r.Text != "#7 Hoaks" {
		t.Fatalf("got reply_to_message %+v, want the bot's message %d", r, f.botMsg)
	}
	raws := queued(t, f.srv, last)
	if len(raws) != 1 {
		t.Fatalf("got %d updates, want 1", len(raws))
	}
	u, err := botapi.Parse(raws[0])
	if err != nil || u.Message == nil {
		t.Fatalf("got %+v %v, want a message", u, err)
	}
	got, want := u.Message.ReplyTo, &botapi.Reply{MessageID: f.botMsg, FromID: f.srv.Bot().ID, FromBot: true}
	if got == nil || *got != *want {
		t.Errorf("got ReplyTo %+v, want %+v", got, want)
	}
	if got, want := u.Message.Chat.ID, f.group.ID; got != want {
		t.Errorf("got chat %d, want %d", got, want)
	}
}

// TestPrivacyEdits: an edit reaches the bot under the same rule as a new
// message.
func TestPrivacyEdits(t *testing.T) {
	f := MustPrivacyFixture(t)
	reply := f.srv.ChatSends(f.group.ID, bob, replyTo(telegramtest.Text("sumbernya?"), f.botMsg))
	tests := []struct {
		name string
		id   int64
		want bool
	}{
		{"edit of a plain message", f.userMsg, false},
		{"edit of a reply to the bot", reply.MessageID, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			last := f.srv.LastUpdateID()
			f.srv.EditMessage(f.group.ID, tt.id, "diubah")
			if got := len(queued(t, f.srv, last)) == 1; got != tt.want {
				t.Errorf("got an edited_message update: %v, want %v", got, tt.want)
			}
		})
	}
}

// TestClickButtonInGroup: a member's press on a button of the bot's
// message in a group arrives under privacy mode, and the bot can answer it.
func TestClickButtonInGroup(t *testing.T) {
	f := MustPrivacyFixture(t)
	b := MustBot(t, f.srv)
	msg, _ := f.srv.Message(f.group.ID, f.botMsg)
	last := f.srv.LastUpdateID()
	q := f.srv.ClickButton(bob, msg, "s:7:selesai")
	raws := queued(t, f.srv, last)
	if len(raws) != 1 {
		t.Fatalf("got %d updates, want the callback query", len(raws))
	}
	u, err := botapi.Parse(raws[0])
	if err != nil || u.Callback == nil {
		t.Fatalf("got %+v %v, want a callback query", u, err)
	}
	c := u.Callback
	if c.ID != q.ID || c.ChatID != f.group.ID || c.MessageID != f.botMsg || c.From.ID != bob.ID || c.Data != "s:7:selesai" || c.Chat.Type != "supergroup" || c.Inaccessible {
		t.Errorf("got %+v, want bob's press on message %d of the group", c, f.botMsg)
	}
	if _, err := b.AnswerCallbackQuery(ctxT(t), &bot.AnswerCallbackQueryParams{CallbackQueryID: q.ID, Text: "Status: selesai"}); err != nil {
		t.Fatal(err)
	}
	if a, ok := f.srv.Answer(q.ID); !ok || a.Text != "Status: selesai" {
		t.Errorf("got answer %+v %v, want the bot's answer", a, ok)
	}
}
