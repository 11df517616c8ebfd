package main

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// seedTips stores n tips created at at, as the bot would, and returns the
// db path.
func seedTips(t *testing.T, dir string, n int, at time.Time) string {
	t.Helper()
	path := filepath.Join(dir, "data", "tiprelay.db")
	db, err := sqlite.Open(context.Background(), path, sqlite.WithClock(func() time.Time { return at }))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tips := sqlite.NewTipStore(db)
	for i := range n {
		draft := tip.Tip{
			Reporter: tip.Person{ID: 5123456789, FirstName: "Rina"}, ChatID: 5123456789,
			MessageIDs: []int64{int64(100 + i)}, SentAt: at,
			Text:  fmt.Sprintf("hoaks nomor %d <b>bukan tag</b>", i+1),
			Links: []string{fmt.Sprintf("https://contoh.id/%d", i)},
		}
		if _, _, err := tips.Create(context.Background(), draft, nil); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// digestWorld is an emulator with the relay group and a leaders' group
// that both receive digests.
func digestWorld(t *testing.T) (*telegramtest.Server, telegramtest.Chat, telegramtest.Chat) {
	t.Helper()
	srv := telegramtest.NewServer(testToken)
	t.Cleanup(srv.Close)
	group := srv.AddChat(telegramtest.Chat{ID: -1002233445566, Type: "supergroup", Title: "Ditintelkam"})
	leaders := srv.AddChat(telegramtest.Chat{ID: -1003344556677, Type: "supergroup", Title: "Pimpinan"})
	return srv, group, leaders
}

func digestEnv(srv *telegramtest.Server, dbPath string, extra ...string) []string {
	return append([]string{
		"TIPRELAY_BOT_TOKEN=" + testToken,
		"TIPRELAY_API_URL=" + srv.URL(),
		"TIPRELAY_DB_PATH=" + dbPath,
		"TIPRELAY_RELAY_CHAT_ID=-1002233445566",
		"TIPRELAY_DIGEST_CHAT_IDS=-1002233445566,-1003344556677",
		"TIPRELAY_STAFF_IDS=5123456789",
		"TIPRELAY_POLL_TIMEOUT=1s",
		"TIPRELAY_LOG_FORMAT=text",
	}, extra...)
}

// sentBy counts the bot messages in chat produced by method.
func sentBy(srv *telegramtest.Server, chat int64, method string) int {
	n := 0
	for _, m := range srv.BotMessages(chat) {
		if m.Source != nil && m.Source.Method == method {
			n++
		}
	}
	return n
}

// TestDigestSendWhileTheBotRuns runs `tiprelay digest --send` as a process
// on the database of a running bot process: the digest (texts, CSV and
// chart) reaches each digest chat exactly once and the command exits 0.
func TestDigestSendWhileTheBotRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := faultBinary(t, "")
	srv, group, leaders := digestWorld(t)
	dir := t.TempDir()
	dbPath := seedTips(t, dir, 30, time.Now())
	env := digestEnv(srv, dbPath)

	bot := newBotProcess(t, bin, env)
	bot.start()
	if err := srv.WaitTimeout(20*time.Second, srv.Polling); err != nil {
		t.Fatalf("bot not polling: %v", err)
	}
	cmd := exec.Command(bin, "digest", "--send", "--since", "1h")
	cmd.Env = env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("digest --send: %v\n%s", err, out.String())
	}
	// The bot delivered it, so its pacing covered every send.
	if !strings.Contains(out.String(), "a bot is running on this database: it delivers the digest") {
		t.Errorf("got digest --send output without the hand-over to the bot:\n%s", out.String())
	}
	for _, chat := range []telegramtest.Chat{group, leaders} {
		texts := srv.BotMessages(chat.ID)
		if len(texts) == 0 || !strings.Contains(texts[0].Text, "30") {
			t.Fatalf("chat %d: got %d messages, want the digest of 30 tips", chat.ID, len(texts))
		}
		if got := sentBy(srv, chat.ID, "sendDocument"); got != 1 {
			t.Errorf("chat %d: got %d CSV documents, want exactly 1", chat.ID, got)
		}
		if got := sentBy(srv, chat.ID, "sendPhoto"); got != 1 {
			t.Errorf("chat %d: got %d charts, want exactly 1", chat.ID, got)
		}
	}
	var csv []byte
	for _, u := range srv.Uploaded() {
		if strings.HasSuffix(u.FileName, ".csv") {
			csv = u.Data
		}
	}
	if !bytes.HasPrefix(csv, []byte("\xef\xbb\xbf")) || !bytes.Contains(csv, []byte("hoaks nomor 30 <b>bukan tag</b>")) {
		t.Errorf("got CSV %.120q, want a BOM and every tip", csv)
	}
	if err := bot.terminate(); err != nil {
		t.Errorf("bot exit: %v", err)
	}
	// Nothing was sent twice by the two processes.
	for _, chat := range []int64{group.ID, leaders.ID} {
		seen := map[string]int{}
		for _, m := range srv.BotMessages(chat) {
			seen[m.Text+m.Caption]++
		}
		for text, n := range seen {
			if n > 1 {
				t.Errorf("chat %d: message %.60q sent %d times", chat, text, n)
			}
		}
	}
}

// TestDigestPrintAndBadCron prints a digest without sending anything, and
// refuses an invalid schedule with exit code 2.
func TestDigestPrintAndBadCron(t *testing.T) {
	srv, group, _ := digestWorld(t)
	dbPath := seedTips(t, t.TempDir(), 3, time.Now())
	env := digestEnv(srv, dbPath)
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"digest"}, envFromList(env), &stdout, &stderr); err != nil {
		t.Fatalf("digest: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "hoaks nomor 3 <b>bukan tag</b>") || strings.Contains(stdout.String(), "&lt;") {
		t.Errorf("got %q, want the tips as plain text", stdout.String())
	}
	if n := len(srv.BotMessages(group.ID)); n != 0 {
		t.Errorf("got %d messages sent by a print, want 0", n)
	}
	bad := envFromList(append(env, "TIPRELAY_DIGEST_CRON=0 25 * * *"))
	err := run(context.Background(), nil, bad, &stdout, &stderr)
	if code := exitCode(err, &stderr); code != 2 || !strings.Contains(stderr.String(), "TIPRELAY_DIGEST_CRON") {
		t.Errorf("got exit %d, %q; want 2 naming TIPRELAY_DIGEST_CRON", code, stderr.String())
	}
}

// TestMissedDigestIsSentOnceAfterDowntime records a digest that ended
// before the last scheduled slot, as if the bot had been stopped over it,
// then starts the bot twice: the missed slot arrives once.
func TestMissedDigestIsSentOnceAfterDowntime(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := faultBinary(t, "")
	srv, group, leaders := digestWorld(t)
	wita, _ := time.LoadLocation("Asia/Makassar")
	specs, err := digest.ParseSpecs([]string{"0 7 * * *"})
	if err != nil {
		t.Fatal(err)
	}
	slot := specs[0].Prev(time.Now(), wita)
	// Five tips came in the hour before the slot the bot was down for.
	dbPath := seedTips(t, t.TempDir(), 5, slot.Add(-time.Hour))
	db, err := sqlite.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	last := slot.Add(-24 * time.Hour)
	if _, err := sqlite.NewDigestStore(db).RecordRun(context.Background(), tip.DigestRun{Slot: "before-downtime", From: last.Add(-24 * time.Hour), To: last}, nil); err != nil {
		t.Fatal(err)
	}
	db.Close()

	env := digestEnv(srv, dbPath, "TIPRELAY_DIGEST_CRON=0 7 * * *")
	for start := range 2 {
		bot := newBotProcess(t, bin, env)
		bot.start()
		err := srv.WaitTimeout(20*time.Second, func() bool {
			return sentBy(srv, group.ID, "sendPhoto") >= 1 && sentBy(srv, leaders.ID, "sendPhoto") >= 1
		})
		if err != nil {
			t.Fatalf("start %d: the missed digest did not arrive: %v", start+1, err)
		}
		if start == 1 {
			// The schedule is logged after the catch-up: a wrong second
			// digest would be queued by then, and a tip relayed now would
			// arrive after it.
			if err := waitLog(bot, "digest scheduled", 20*time.Second); err != nil {
				t.Fatal(err)
			}
			srv.UserSends(telegramtest.User{ID: 5123456789, FirstName: "Rina"}, telegramtest.Text("setelah restart"))
			if err := srv.WaitTimeout(20*time.Second, func() bool {
				msgs := srv.BotMessages(group.ID)
				return len(msgs) > 0 && strings.Contains(msgs[len(msgs)-1].Text+msgs[max(0, len(msgs)-2)].Text, "Laporan #6")
			}); err != nil {
				t.Fatalf("tip after restart not relayed: %v", err)
			}
		}
		if err := bot.terminate(); err != nil {
			t.Fatalf("bot exit: %v", err)
		}
	}
	for _, chat := range []int64{group.ID, leaders.ID} {
		if got := sentBy(srv, chat, "sendPhoto"); got != 1 {
			t.Errorf("chat %d: got %d digests after two starts, want exactly 1", chat, got)
		}
	}
}

// envFromList turns KEY=value entries into a getenv function.
func envFromList(list []string) func(string) string {
	m := map[string]string{}
	for _, kv := range list {
		k, v, _ := strings.Cut(kv, "=")
		m[k] = v
	}
	return func(k string) string { return m[k] }
}

// waitLog waits until the bot's log holds msg.
func waitLog(p *botProcess, msg string, d time.Duration) error {
	deadline := time.Now().Add(d)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for !strings.Contains(p.log.String(), msg) {
		if time.Now().After(deadline) {
			return fmt.Errorf("no %q in the log within %v", msg, d)
		}
		<-tick.C
	}
	return nil
}

// TestDigestSendFailsClearly: a digest chat the bot cannot reach makes
// `digest --send` exit non-zero with the reason once its timeout passes;
// the messages stay queued for the bot.
func TestDigestSendFailsClearly(t *testing.T) {
	srv, _, _ := digestWorld(t)
	dbPath := seedTips(t, t.TempDir(), 2, time.Now())
	env := envFromList(digestEnv(srv, dbPath, "TIPRELAY_DIGEST_CHAT_IDS=-1009999999999"))
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"digest", "--send", "--timeout", "1500ms"}, env, &stdout, &stderr)
	if code := exitCode(err, &stderr); code != 1 || !strings.Contains(stderr.String(), "not delivered within 1.5s") {
		t.Fatalf("got exit %d, %q; want 1 and the reason", code, stderr.String())
	}
}
