package telegramtest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// poll calls getUpdates and returns the status, the update ids and the
// envelope.
func poll(t *testing.T, srv *telegramtest.Server, query string) (int, []int64, envelope) {
	t.Helper()
	status, ids, env, err := tryPoll(srv, query)
	if err != nil {
		t.Fatal(err)
	}
	return status, ids, env
}

// tryPoll is poll for goroutines, which must not call t.Fatal.
func tryPoll(srv *telegramtest.Server, query string) (int, []int64, envelope, error) {
	resp, err := http.Get(methodURL(srv, "getUpdates?"+query))
	if err != nil {
		return 0, nil, envelope{}, err
	}
	defer resp.Body.Close()
	var env envelope
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return resp.StatusCode, nil, env, err
	}
	var ups []struct {
		ID int64 `json:"update_id"`
	}
	if env.OK {
		if err := json.Unmarshal(env.Result, &ups); err != nil {
			return resp.StatusCode, nil, env, err
		}
	}
	var ids []int64
	for _, u := range ups {
		ids = append(ids, u.ID)
	}
	return resp.StatusCode, ids, env, nil
}

func TestGetUpdatesConfirmation(t *testing.T) {
	srv := MustServer(t, telegramtest.WithFirstUpdateID(900))
	for i := range 3 {
		srv.UserSends(alice, telegramtest.Text(fmt.Sprint("tip ", i)))
	}
	steps := []struct {
		name    string
		query   string
		want    []int64
		pending int
	}{
		{"first fetch", "", []int64{900, 901, 902}, 3},
		{"unconfirmed are re-delivered", "offset=900", []int64{900, 901, 902}, 3},
		{"limit", "offset=900&limit=2", []int64{900, 901}, 3},
		{"higher offset confirms", "offset=902", []int64{902}, 1},
		{"confirmed are gone for good", "offset=900", []int64{902}, 1},
		{"confirm all", "offset=903", nil, 0},
	}
	for _, st := range steps {
		_, ids, _ := poll(t, srv, st.query)
		if !slices.Equal(ids, st.want) {
			t.Errorf("%s: got ids %v, want %v", st.name, ids, st.want)
		}
		if got := srv.PendingUpdates(); got != st.pending {
			t.Errorf("%s: got %d pending, want %d", st.name, got, st.pending)
		}
	}
	if got := srv.ConfirmedOffset(); got != 903 {
		t.Errorf("got confirmed offset %d, want 903", got)
	}
}

func TestLongPollWakesOnInjection(t *testing.T) {
	srv := MustServer(t)
	type result struct {
		ids     []int64
		elapsed time.Duration
	}
	done := make(chan result)
	go func() {
		start := time.Now()
		_, ids, _, _ := tryPoll(srv, "timeout=30")
		done <- result{ids, time.Since(start)}
	}()
	MustWait(t, srv, "the long poll", srv.Polling)
	srv.UserSends(alice, telegramtest.Text("wake up"))
	r := <-done
	if len(r.ids) != 1 || r.elapsed > 5*time.Second {
		t.Errorf("got ids %v after %v, want one update promptly", r.ids, r.elapsed)
	}
}

func TestLongPollTimeoutAndClose(t *testing.T) {
	srv := MustServer(t)
	start := time.Now()
	_, ids, env := poll(t, srv, "timeout=1")
	if !env.OK || len(ids) != 0 || time.Since(start) < time.Second {
		t.Errorf("got %v %+v after %v, want an empty list after 1 s", ids, env, time.Since(start))
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _, _, _ = tryPoll(srv, "timeout=50")
	}()
	MustWait(t, srv, "the long poll", srv.Polling)
	srv.Close()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("long poll still running after Close")
	}
}

func TestConcurrentPollConflict(t *testing.T) {
	srv := MustServer(t)
	var wg sync.WaitGroup
	var first envelope
	var firstStatus int
	wg.Add(1)
	go func() {
		defer wg.Done()
		firstStatus, _, first, _ = tryPoll(srv, "timeout=30")
	}()
	MustWait(t, srv, "the first long poll", srv.Polling)
	status, _, env := poll(t, srv, "timeout=0")
	wg.Wait()
	if status != 200 || !env.OK {
		t.Errorf("got second poll %d %+v, want 200", status, env)
	}
	want := "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
	if firstStatus != 409 || first.Description != want {
		t.Errorf("got first poll %d %q, want 409 %q", firstStatus, first.Description, want)
	}
}

func TestAllowedUpdatesFilter(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	srv.UserSends(alice, telegramtest.Text("hello"))
	_, _, env := poll(t, srv, `allowed_updates=["message"]&offset=-1`)
	if !env.OK {
		t.Fatal(env)
	}
	if got := srv.AllowedUpdates(); !slices.Equal(got, []string{"message"}) {
		t.Errorf("got allowed %v, want [message]", got)
	}
	if _, err := b.SendMessage(ctxT(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "pick", ReplyMarkup: &models.InlineKeyboardMarkup{
		InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "A", CallbackData: "a"}}}}}); err != nil {
		t.Fatal(err)
	}
	srv.ClickButton(alice, srv.BotMessages(alice.ID)[0], "a")
	srv.EditMessage(alice.ID, 1, "hello again")
	srv.UserSends(alice, telegramtest.Text("second"))
	_, ids, _ := poll(t, srv, "offset=0") // no allowed_updates: the filter persists
	if len(ids) != 2 {
		t.Errorf("got %d updates %v, want the two messages only", len(ids), ids)
	}
	_, _, _ = poll(t, srv, `allowed_updates=[]&offset=-1`)
	srv.ClickButton(alice, srv.BotMessages(alice.ID)[0], "a")
	if got := srv.PendingUpdates(); got != 2 {
		t.Errorf("got %d pending, want callback queued after reset to default", got)
	}
}

func TestWebhookBlocksGetUpdates(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	ctx := ctxT(t)
	if _, err := b.SetWebhook(ctx, &bot.SetWebhookParams{URL: "http://insecure.example"}); err == nil {
		t.Error("got nil error for an http webhook, want 400")
	}
	if ok, err := b.SetWebhook(ctx, &bot.SetWebhookParams{URL: "https://relay.example/hook", AllowedUpdates: []string{"message"}}); !ok || err != nil {
		t.Fatalf("setWebhook: %v %v", ok, err)
	}
	srv.UserSends(alice, telegramtest.Text("hi"))
	info, err := b.GetWebhookInfo(ctx)
	if err != nil || info.URL != "https://relay.example/hook" || info.PendingUpdateCount != 1 || !slices.Equal(info.AllowedUpdates, []string{"message"}) {
		t.Errorf("got %+v %v, want the webhook with 1 pending update", info, err)
	}
	status, _, env := poll(t, srv, "")
	want := "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
	if status != 409 || env.Description != want {
		t.Errorf("got %d %q, want 409 %q", status, env.Description, want)
	}
	if ok, err := b.DeleteWebhook(ctx, &bot.DeleteWebhookParams{DropPendingUpdates: true}); !ok || err != nil {
		t.Fatalf("deleteWebhook: %v %v", ok, err)
	}
	if status, ids, _ := poll(t, srv, ""); status != 200 || len(ids) != 0 {
		t.Errorf("got %d %v, want 200 and the pending update dropped", status, ids)
	}
}

func TestLibraryPollingLoop(t *testing.T) {
	srv := MustServer(t)
	got := make(chan *models.Update, 10)
	b, err := bot.New(srv.Token(), bot.WithServerURL(srv.URL()), bot.WithSkipGetMe(),
		bot.WithDefaultHandler(func(_ context.Context, _ *bot.Bot, u *models.Update) { got <- u }),
		bot.WithAllowedUpdates(bot.AllowedUpdates{"message", "callback_query"}))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { b.Start(ctx); close(stopped) }()
	defer func() { cancel(); <-stopped }()

	sent := srv.UserSends(alice, telegramtest.ForwardedFromChannel(
		telegramtest.Chat{ID: -1001555, Type: telegramtest.ChatChannel, Title: "Hoax Watch", Username: "hoaxwatch"}, 77,
		telegramtest.TextWithLink("Lihat 👉 berita ini", "https://example.com/a")))
	u := <-got
	m := u.Message
	if m == nil || int64(m.ID) != sent.MessageID || m.Text != sent.Text {
		t.Fatalf("got update %+v, want the injected message", u)
	}
	if o := m.ForwardOrigin; o == nil || o.MessageOriginChannel == nil || o.MessageOriginChannel.MessageID != 77 || o.MessageOriginChannel.Chat.Username != "hoaxwatch" {
		t.Errorf("got origin %+v, want channel post 77 of @hoaxwatch", m.ForwardOrigin)
	}
	if e := m.Entities; len(e) != 1 || e[0].Type != models.MessageEntityTypeTextLink || e[0].Length != 19 {
		t.Errorf("got entities %+v, want one text_link of 19 UTF-16 units", e)
	}
	MustWait(t, srv, "the offset confirmation", func() bool { return srv.ConfirmedOffset() > u.ID })
	if got := srv.AllowedUpdates(); !slices.Equal(got, []string{"message", "callback_query"}) {
		t.Errorf("got allowed %v, want the library's list", got)
	}
}
