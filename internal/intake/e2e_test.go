package intake_test

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/intake"
	"github.com/tiprelay/tiprelay/internal/poll"
	"github.com/tiprelay/tiprelay/internal/relay"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// End-to-end tests: the real service, relay worker and SQLite store talk
// to the Bot API emulator over HTTP on loopback.

const token = "123456789:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQr"

var (
	staff    = telegramtest.User{ID: 5123456789, FirstName: "Rina", LastName: "Wulandari", Username: "rina_kominfo", LanguageCode: "id"}
	outsider = telegramtest.User{ID: 6000000001, FirstName: "Orang", Username: "orang_luar"}
	officer  = telegramtest.User{ID: 7000000002, FirstName: "Bripka", LastName: "Andi"}
	group    = telegramtest.Chat{ID: -1002233445566, Type: "supergroup", Title: "Ditintelkam Polda - Patroli Siber", IsForum: true}
	channel  = telegramtest.Chat{ID: -1001555666777, Type: "channel", Title: "Info Makassar Terkini", Username: "infomakassar"}
)

type env struct {
	srv    *telegramtest.Server
	thread int64
	db     *sqlite.DB
	svc    *intake.Service
}

// botOption adjusts the bot's settings before it starts.
type botOption func(*intake.Settings, *relay.Options)

// withAdmin makes u an admin.
func withAdmin(u telegramtest.User) botOption {
	return func(s *intake.Settings, o *relay.Options) {
		s.AdminIDs = append(s.AdminIDs, u.ID)
		o.Admins = append(o.Admins, u.ID)
	}
}

// withAckHold sets how long acks may wait while intake is busy.
func withAckHold(d time.Duration) botOption {
	return func(_ *intake.Settings, o *relay.Options) { o.AckHold = d }
}

// startBot runs the whole bot against a fresh emulator until the test ends.
func startBot(t *testing.T, opts ...botOption) *env {
	t.Helper()
	srv := telegramtest.NewServer(token)
	t.Cleanup(srv.Close)
	srv.AddChat(group)
	srv.AddChat(channel)
	thread := srv.AddTopic(group.ID, "Laporan Patroli Siber")

	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "tiprelay.db"))
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	client, err := telegram.NewClient(telegram.ClientConfig{Token: token, APIURL: srv.URL(), PollTimeout: 2 * time.Second, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	wita, _ := time.LoadLocation("Asia/Makassar")
	set := intake.Settings{
		Relay: tip.Target{ChatID: group.ID, ThreadID: thread}, StaffIDs: []int64{staff.ID},
		Location: wita, Texts: text.For(text.Indonesian), AlbumWindow: 300 * time.Millisecond,
	}
	set.Members = client // as cmd/tiprelay wires it: getChatMember
	ropt := relay.Options{Texts: set.Texts, Backoff: func(int, tip.SendErrorKind) time.Duration { return time.Hour }}
	for _, o := range opts {
		o(&set, &ropt)
	}
	// Wired as cmd/tiprelay does: the worker holds acks while intake is
	// busy, and intake wakes the worker.
	var worker *relay.Worker
	svc := intake.NewService(db, set, log, func() { worker.Notify() })
	ropt.Busy = svc.Busy
	worker = relay.New(sqlite.NewOutboxStore(db), client.Sender(), log, ropt)

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{}, 2)
	go func() { worker.Run(ctx); done <- struct{}{} }()
	go func() {
		serve(ctx, client, svc, set, log)
		done <- struct{}{}
	}()
	t.Cleanup(func() {
		cancel()
		<-done
		<-done
		db.Close()
	})
	return &env{srv: srv, thread: thread, db: db, svc: svc}
}

// serve runs the update side of the bot until ctx is done, as
// cmd/tiprelay does: identify the bot, then poll and process.
func serve(ctx context.Context, client *telegram.Client, svc *intake.Service, set intake.Settings, log *slog.Logger) {
	me, err := client.Connect(ctx, log)
	if err != nil {
		return
	}
	svc.SetBotUsername(me.Username)
	client.PublishCommands(ctx, set.Texts, set.AdminIDs)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	client.Poll(ctx, svc, telegram.PollOptions{Log: log})
	cancel()
	<-done
}

// waitMessages waits until chat holds at least n messages sent by the bot
// and returns them.
func (e *env) waitMessages(t *testing.T, chatID int64, n int) []telegramtest.Message {
	t.Helper()
	var got []telegramtest.Message
	err := e.srv.WaitTimeout(10*time.Second, func() bool {
		got = e.srv.BotMessages(chatID)
		return len(got) >= n
	})
	if err != nil {
		t.Fatalf("chat %d: got %d bot messages, want %d: %v", chatID, len(got), n, err)
	}
	return got
}

// TestEveryKindReachesTheGroup: every kind of content reaches the police
// chat as one message, the header its text or caption, except an album
// (a header, then the album) and a video note (which has no caption).
func TestEveryKindReachesTheGroup(t *testing.T) {
	tests := []struct {
		name   string
		send   func(*telegramtest.Server)
		parts  int // messages the tip becomes in the group
		check  func(t *testing.T, msgs []telegramtest.Message)
		header string
	}{
		{"text with link", func(s *telegramtest.Server) {
			s.UserSends(staff, telegramtest.Text("Hoaks banjir 😱 https://fb.com/hoaks.banjir?x=1 segera ditindak"))
		}, 1, func(t *testing.T, c []telegramtest.Message) {
			if !strings.Contains(c[0].Text, "Hoaks banjir 😱") || c[0].ForwardOrigin != nil {
				t.Errorf("got %+v, want the text under the header, not a forward", c[0])
			}
		}, "https://fb.com/hoaks.banjir?x=1"},
		{"text link", func(s *telegramtest.Server) {
			s.UserSends(staff, telegramtest.TextWithLinkOn("Lihat unggahan ini", "unggahan", "https://x.com/akun/status/1"))
		}, 1, nil, "https://x.com/akun/status/1"},
		{"forward from public channel", func(s *telegramtest.Server) {
			s.UserSends(staff, telegramtest.ForwardedFromChannel(channel, 4821, telegramtest.Text("Provokasi: kumpul di depan KPU!")))
		}, 1, func(t *testing.T, c []telegramtest.Message) {
			if c[0].ForwardOrigin != nil || !strings.Contains(c[0].Text, "Provokasi: kumpul di depan KPU!") {
				t.Errorf("got %+v, want the post copied under the header that links it", c[0])
			}
		}, "https://t.me/infomakassar/4821"},
		{"forward from user", func(s *telegramtest.Server) {
			s.UserSends(staff, telegramtest.ForwardedFromUser(officer, telegramtest.Text("pesan berantai")))
		}, 1, nil, "diteruskan dari pengguna"},
		{"forward from hidden user", func(s *telegramtest.Server) {
			s.UserSends(staff, telegramtest.ForwardedFromHiddenUser("Akun Anonim", telegramtest.Text("isu SARA")))
		}, 1, nil, "Akun Anonim"},
		{"forward from group", func(s *telegramtest.Server) {
			s.UserSends(staff, telegramtest.ForwardedFromChat(telegramtest.Chat{ID: -1001999, Type: "supergroup", Title: "Grup Relawan", Username: "relawan"}, "admin", telegramtest.Text("ajakan demo")))
		}, 1, nil, "Grup Relawan"},
		{"screenshot", func(s *telegramtest.Server) {
			s.UserSends(staff, telegramtest.Photo("tangkapan layar status WA"))
		}, 1, func(t *testing.T, c []telegramtest.Message) {
			if len(c[0].Photo) == 0 || !strings.Contains(c[0].Caption, "tangkapan layar status WA") {
				t.Errorf("got %+v, want the photo with the header and its caption", c[0])
			}
		}, "1 foto"},
		{"album", func(s *telegramtest.Server) {
			s.SendAlbum(staff, []telegramtest.Message{telegramtest.Photo("album hoaks"), telegramtest.Photo(""), telegramtest.Photo("")})
		}, 4, func(t *testing.T, c []telegramtest.Message) {
			if c[1].MediaGroupID == "" || c[2].MediaGroupID != c[1].MediaGroupID || c[3].MediaGroupID != c[1].MediaGroupID {
				t.Errorf("got media groups %q %q %q, want one album after the header", c[1].MediaGroupID, c[2].MediaGroupID, c[3].MediaGroupID)
			}
		}, "3 foto"},
		{"document", func(s *telegramtest.Server) {
			s.UserSends(staff, telegramtest.DocumentMsg("rekap.pdf", "application/pdf", []byte("%PDF-1.4"), "rekap"))
		}, 1, func(t *testing.T, c []telegramtest.Message) {
			if c[0].Document == nil || c[0].Document.FileName != "rekap.pdf" {
				t.Errorf("got %+v, want the document", c[0].Document)
			}
		}, "1 dokumen"},
		{"video", func(s *telegramtest.Server) { s.UserSends(staff, telegramtest.VideoMsg("video orasi")) }, 1, nil, "1 video"},
		{"animation", func(s *telegramtest.Server) { s.UserSends(staff, telegramtest.AnimationMsg("")) }, 1, nil, "1 GIF"},
		{"voice", func(s *telegramtest.Server) { s.UserSends(staff, telegramtest.VoiceMsg(12)) }, 1, nil, "1 pesan suara"},
		{"audio", func(s *telegramtest.Server) {
			s.UserSends(staff, telegramtest.AudioMsg("Penyanyi", "Lagu Kampanye"))
		}, 1, nil, "1 audio"},
		{"video note", func(s *telegramtest.Server) { s.UserSends(staff, telegramtest.VideoNoteMsg()) }, 2, nil, "1 video bulat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := startBot(t)
			tt.send(e.srv)
			msgs := e.waitMessages(t, group.ID, tt.parts)
			header := msgs[0].Text + msgs[0].Caption
			if !strings.Contains(header, "Laporan #1") || !strings.Contains(header, tt.header) {
				t.Errorf("got header %q, want tip #1 and %q", header, tt.header)
			}
			for _, m := range msgs {
				if m.MessageThreadID != e.thread {
					t.Errorf("got thread %d, want the configured topic %d", m.MessageThreadID, e.thread)
				}
			}
			if tt.check != nil {
				tt.check(t, msgs)
			}
			ack := e.waitMessages(t, staff.ID, 1)
			if want := "✅ Laporan #1 diterima dan diteruskan ke Ditintelkam."; !strings.HasPrefix(ack[0].Text, want) {
				t.Errorf("got ack %q, want it to start with %q", ack[0].Text, want)
			}
			// The group gets nothing more than the tip's messages.
			if got := len(e.srv.BotMessages(group.ID)); got != tt.parts {
				t.Errorf("got %d group messages, want %d", got, tt.parts)
			}
		})
	}
}

func TestOutsiderAndGroupNoiseNeverReachTheGroup(t *testing.T) {
	e := startBot(t)
	e.srv.SetPrivacy(false) // a bot that is an administrator sees all chatter: intake must ignore it
	e.srv.UserSends(outsider, telegramtest.Text("titip info https://contoh.id"))
	e.srv.UserSends(outsider, telegramtest.Photo("foto"))
	e.srv.ChatSends(group.ID, officer, telegramtest.Text("siap, dimonitor"))
	refusals := e.waitMessages(t, outsider.ID, 2)
	if !strings.Contains(refusals[0].Text, "6000000001") {
		t.Errorf("got %q, want the outsider's id in the refusal", refusals[0].Text)
	}
	// /id in the group is answered; the chatter before it was not.
	e.srv.ChatSends(group.ID, officer, telegramtest.Text("/id"))
	got := e.waitMessages(t, group.ID, 1)
	if len(got) != 1 || !strings.Contains(got[0].Text, "-1002233445566") {
		t.Fatalf("got %d group messages (%+v), want only the /id answer", len(got), got)
	}
	// Staff tip after all of it gets number 1: nothing else became a tip.
	e.srv.UserSends(staff, telegramtest.Text("laporan pertama"))
	got = e.waitMessages(t, group.ID, 2)
	if !strings.Contains(got[1].Text, "Laporan #1") {
		t.Errorf("got %q, want Laporan #1", got[1].Text)
	}
}

func TestStartPublishesMenusAndRecordsSentIDs(t *testing.T) {
	e := startBot(t)
	e.srv.SendAlbum(staff, []telegramtest.Message{telegramtest.Photo("satu"), telegramtest.Photo("dua")})
	group := e.waitMessages(t, group.ID, 3)
	e.waitMessages(t, staff.ID, 1)

	private := e.srv.Commands(telegramtest.BotCommandScope{Type: "all_private_chats"}, "")
	groups := e.srv.Commands(telegramtest.BotCommandScope{Type: "all_group_chats"}, "")
	if len(private) != 4 || private[0].Command != "start" || private[3].Command != "cari" ||
		len(groups) != 4 || groups[0].Command != "id" || groups[3].Command != "cari" {
		t.Errorf("got private menu %+v and group menu %+v, want start/help/id/cari and id/help/digest/cari", private, groups)
	}
	if got := e.srv.AllowedUpdates(); strings.Join(got, ",") != "message,edited_message,callback_query,my_chat_member" {
		t.Errorf("got allowed_updates %v, want message,edited_message,callback_query,my_chat_member", got)
	}

	rows, err := sqlite.NewOutboxStore(e.db).ByTip(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	// The rows are marked sent after the emulator answered, so this waits
	// on the database, not on the emulator.
	err = eventually(5*time.Second, func() bool {
		rows, err = sqlite.NewOutboxStore(e.db).ByTip(context.Background(), 1)
		for _, r := range rows {
			if r.Status != tip.OutboxSent {
				return false
			}
		}
		return err == nil
	})
	if err != nil {
		t.Fatalf("rows not all sent: %v", err)
	}
	var got, want []int64
	for _, r := range rows {
		if r.Target.ChatID == group[0].Chat.ID {
			got = append(got, r.SentMessageIDs...)
		}
	}
	for _, m := range group {
		want = append(want, m.MessageID)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got recorded message ids %v, want the group's %v", got, want)
	}
}

// eventually re-checks cond every few milliseconds until it holds or the
// deadline passes; for state outside the emulator, which has no change
// notifications of its own.
func eventually(d time.Duration, cond func() bool) error {
	if !poll.Until(d, cond) {
		return fmt.Errorf("condition still false after %v", d)
	}
	return nil
}
