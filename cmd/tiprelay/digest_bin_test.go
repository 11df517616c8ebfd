package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"log/slog"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/config"
	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/gazetteer"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// seedTips stores n tips created at at, as the bot would, and returns the
// db path. Every third tip (#1, #4, ...) is in Badung.
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
		if i%3 == 0 {
			draft.Triage.Region = "badung"
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
// chart) reaches each digest chat exactly once, Badung's chat gets the
// digest of Badung's tips only, and the command exits 0.
func TestDigestSendWhileTheBotRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := faultBinary(t, "")
	srv, group, leaders := digestWorld(t)
	dir := t.TempDir()
	dbPath := seedTips(t, dir, 30, time.Now())
	badung := srv.AddChat(telegramtest.Chat{ID: -1003000000001, Type: "supergroup", Title: "Polres Badung"})
	env := digestEnv(srv, dbPath, "TIPRELAY_REGIONS=badung=-1003000000001")

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
	if texts := srv.BotMessages(badung.ID); len(texts) == 0 || !strings.Contains(texts[0].Text, "Wilayah: Badung") || !strings.Contains(texts[0].Text, "Jumlah: 10 laporan") {
		t.Errorf("got %d messages in Badung's chat, want the digest of its 10 tips first", len(texts))
	}
	if got := sentBy(srv, badung.ID, "sendDocument"); got != 1 {
		t.Errorf("Badung: got %d CSV documents, want exactly 1", got)
	}
	csvs := map[int64][]byte{}
	for _, u := range srv.Uploaded() {
		if strings.HasSuffix(u.FileName, ".csv") {
			csvs[u.ChatID] = u.Data
		}
	}
	if got := csvs[group.ID]; !bytes.HasPrefix(got, []byte("\xef\xbb\xbf")) || !bytes.Contains(got, []byte("hoaks nomor 30 <b>bukan tag</b>")) {
		t.Errorf("got CSV %.120q, want a BOM and every tip", got)
	}
	if got := csvNumbers(t, csvs[badung.ID]); !reflect.DeepEqual(got, []string{"1", "4", "7", "10", "13", "16", "19", "22", "25", "28"}) {
		t.Errorf("got Badung's CSV with tips %v, want Badung's 10 tips", got)
	}
	if err := bot.terminate(); err != nil {
		t.Errorf("bot exit: %v", err)
	}
	// Nothing was sent twice by the two processes.
	for _, chat := range []int64{group.ID, leaders.ID, badung.ID} {
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

// regionDigestConfig is the configuration of the region digest tests:
// the Polda chat gets the digest, Badung and Gianyar have chats.
func regionDigestConfig(regionDigests, skipEmpty bool) config.Config {
	wita, _ := time.LoadLocation("Asia/Makassar")
	return config.Config{
		Timezone: wita, DigestChats: []tip.Target{{ChatID: -1002233445566}},
		Gazetteer: gazetteer.Bali(), RegionDigests: regionDigests, DigestSkipEmpty: skipEmpty,
		Regions: map[tip.RegionKey]tip.Target{"badung": {ChatID: -1003000000001}, "gianyar": {ChatID: -1003000000002, ThreadID: 5}},
	}
}

// seedRegionTips stores, at at, three tips in Badung, one in Denpasar
// (which has no chat) and one without a region; it returns the database.
func seedRegionTips(t *testing.T, at time.Time) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "tiprelay.db"), sqlite.WithClock(func() time.Time { return at }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for i, region := range []tip.RegionKey{"badung", "denpasar", "badung", "", "badung"} {
		draft := tip.Tip{
			Reporter: tip.Person{ID: 5123456789, FirstName: "Rina"}, ChatID: 5123456789,
			MessageIDs: []int64{int64(100 + i)}, SentAt: at, Text: fmt.Sprintf("tip %d di %s", i+1, region),
			Triage: tip.Triage{Region: region, Category: tip.CategoryHoax},
		}
		if _, _, err := sqlite.NewTipStore(db).Create(context.Background(), draft, nil); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// csvNumbers returns the tip numbers of a digest's CSV file.
func csvNumbers(t *testing.T, data []byte) []string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows[1:] {
		out = append(out, r[0])
	}
	return out
}

// TestScheduledDigestOfRegions: each region chat gets the digest of its
// own region's tips (a region without tips the «no tips» digest, or
// nothing with skip-empty); TIPRELAY_REGION_DIGESTS=off sends none.
func TestScheduledDigestOfRegions(t *testing.T) {
	at := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	db := seedRegionTips(t, at)
	polda, badung, gianyar := tip.Target{ChatID: -1002233445566}, tip.Target{ChatID: -1003000000001}, tip.Target{ChatID: -1003000000002, ThreadID: 5}
	tests := []struct {
		name          string
		regionDigests bool
		skipEmpty     bool
		want          map[tip.Target][]string // the CSV's tip numbers; nil: the «no tips» text only
		wantText      map[tip.Target]string
	}{
		{"region digests on", true, false,
			map[tip.Target][]string{polda: {"1", "2", "3", "4", "5"}, badung: {"1", "3", "5"}, gianyar: nil},
			map[tip.Target]string{polda: "<b>Per wilayah</b>\n• Denpasar: 1\n• Badung: 3\n", badung: "📍 Wilayah: <b>Badung</b> (Polres Badung)", gianyar: "Tidak ada laporan"}},
		{"skip empty leaves out the empty region", true, true,
			map[tip.Target][]string{polda: {"1", "2", "3", "4", "5"}, badung: {"1", "3", "5"}}, nil},
		{"region digests off", false, false, map[tip.Target][]string{polda: {"1", "2", "3", "4", "5"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			compose := scheduledDigest(regionDigestConfig(tt.regionDigests, tt.skipEmpty), sqlite.NewDigestStore(db), text.For(text.Indonesian))
			msgs, tips, err := compose(context.Background(), digest.Period{From: at.Add(-time.Hour), To: at.Add(time.Hour)})
			if err != nil || tips != 5 {
				t.Fatalf("got %d tips, %v; want 5, nil", tips, err)
			}
			got := map[tip.Target][]string{}
			texts := map[tip.Target]string{}
			for _, m := range msgs {
				if _, ok := tt.want[m.Target]; !ok {
					t.Fatalf("got a %s row to %s, want rows only to %v", m.Kind, m.Target, tt.want)
				}
				texts[m.Target] += m.Text + "\n"
				if m.Kind == tip.SendDocument {
					got[m.Target] = csvNumbers(t, m.File.Data)
				}
			}
			for target, want := range tt.want {
				if !reflect.DeepEqual(got[target], want) {
					t.Errorf("%s: got CSV tips %v, want %v", target, got[target], want)
				}
				if texts[target] == "" {
					t.Errorf("%s: got no digest", target)
				}
				if !strings.Contains(texts[target], tt.wantText[target]) {
					t.Errorf("%s: got\n%s\nwant it to contain %q", target, texts[target], tt.wantText[target])
				}
			}
		})
	}
}

// TestRegionDigestsShareTheSlot: the region digests are recorded with the
// slot of the digest, in one run: firing the slot again (a restart)
// queues nothing more for any chat.
func TestRegionDigestsShareTheSlot(t *testing.T) {
	at := time.Date(2026, 11, 22, 23, 0, 0, 0, time.UTC) // 07:00 WITA on the 23rd
	db := seedRegionTips(t, at.Add(-time.Hour))
	cfg := regionDigestConfig(true, false)
	specs, err := digest.ParseSpecs([]string{"0 7 * * *"})
	if err != nil {
		t.Fatal(err)
	}
	store := sqlite.NewDigestStore(db)
	sched := digest.NewScheduler(specs, cfg.Timezone, store, scheduledDigest(cfg, store, text.For(text.Indonesian)),
		nil, slog.New(slog.DiscardHandler), func() time.Time { return at })
	outbox := sqlite.NewOutboxStore(db)
	firstRows := map[tip.Target]int{}
	for i, want := range []bool{true, false} {
		created, err := sched.Fire(context.Background(), specs[0], at.Add(time.Duration(i)*time.Minute))
		if err != nil || created != want {
			t.Fatalf("fire %d: got %v, %v; want %v", i+1, created, err, want)
		}
		for _, target := range []tip.Target{cfg.DigestChats[0], cfg.Regions["badung"], cfg.Regions["gianyar"]} {
			rows, err := outbox.Pending(context.Background(), target, 100)
			if err != nil {
				t.Fatal(err)
			}
			// Texts, then the CSV and the chart; Gianyar's empty digest is one text.
			if n := len(rows); n < 1 || (target != cfg.Regions["gianyar"] && n < 3) {
				t.Errorf("fire %d: got %d rows to %s, want its digest", i+1, n, target)
			}
			if i == 1 && len(rows) != firstRows[target] {
				t.Errorf("got %d rows to %s after firing the slot again, want still %d", len(rows), target, firstRows[target])
			}
			firstRows[target] = len(rows)
		}
	}
	if last, ok, err := store.LastRun(context.Background()); err != nil || !ok || last.Tips != 5 {
		t.Errorf("got last run %+v, %v, %v; want one run of 5 tips", last, ok, err)
	}
}

// TestScheduledDigestReportsTheResponse: the digest and each region's
// digest count the tips per police status, time the first statuses per
// police chat (the chat of the first status, read from the history) and
// list the tips still without one, and their CSV files carry the status.
func TestScheduledDigestReportsTheResponse(t *testing.T) {
	at := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	db := seedRegionTips(t, at)
	statuses := sqlite.NewStatusStore(db)
	for _, c := range []tip.StatusChange{
		// #1 (Badung): first from Badung's chat after 20 minutes, then from Polda's.
		{TipID: 1, To: tip.StatusWatching, ChatID: -1003000000001, Unit: "Polres Badung", At: at.Add(20 * time.Minute)},
		{TipID: 1, From: tip.StatusWatching, To: tip.StatusDone, ChatID: -1002233445566, Unit: "Polda Bali", At: at.Add(time.Hour)},
		// #2 (Denpasar): from Polda's chat after 5 minutes.
		{TipID: 2, To: tip.StatusNoThreat, ChatID: -1002233445566, Unit: "Polda Bali", At: at.Add(5 * time.Minute)},
	} {
		if err := statuses.SetStatus(context.Background(), c); err != nil {
			t.Fatal(err)
		}
	}
	cfg := regionDigestConfig(true, false)
	compose := scheduledDigest(cfg, sqlite.NewDigestStore(db), text.For(text.Indonesian))
	msgs, _, err := compose(context.Background(), digest.Period{From: at.Add(-time.Hour), To: at.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	texts, csvs := map[tip.Target]string{}, map[tip.Target][][]string{}
	for _, m := range msgs {
		texts[m.Target] += m.Text + "\n"
		if m.Kind == tip.SendDocument {
			rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(m.File.Data, []byte("\xef\xbb\xbf")))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			csvs[m.Target] = rows
		}
	}
	polda, badung := cfg.DigestChats[0], cfg.Regions["badung"]
	tests := []struct {
		name   string
		target tip.Target
		want   []string
		row1   []string // the last three columns of tip #1's CSV row
	}{
		{"every tip", polda, []string{
			"• 👁 Dipantau: 0\n• 🔎 Ditindaklanjuti: 0\n• ✅ Selesai: 1\n• ⛔ Bukan ancaman: 1\n• ⏳ Belum ada status: 3\n",
			"• Semua: 2 laporan · median 5 menit · 90% dalam 20 menit\n" +
				"• Polda Bali: 1 laporan · median 5 menit · 90% dalam 5 menit\n" +
				"• Polres Badung: 1 laporan · median 20 menit · 90% dalam 20 menit\n",
			"<b>Belum ada status</b> (terlama dulu)\n• #3 18:00 · Hoaks · 📍Badung (belum diteruskan)\n• #4 18:00 · Hoaks (belum diteruskan)\n• #5 18:00",
		}, []string{"selesai", "2026-11-23T18:20:00+08:00", "Polda Bali"}},
		{"badung", badung, []string{
			"• ✅ Selesai: 1\n• ⛔ Bukan ancaman: 0\n• ⏳ Belum ada status: 2\n",
			"• Semua: 1 laporan · median 20 menit · 90% dalam 20 menit\n• Polres Badung: 1 laporan · median 20 menit · 90% dalam 20 menit\n",
			"• #3 18:00 · Hoaks (belum diteruskan)\n• #5 18:00 · Hoaks (belum diteruskan)\n",
		}, []string{"selesai", "2026-11-23T18:20:00+08:00", "Polda Bali"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, w := range tt.want {
				if !strings.Contains(texts[tt.target], w) {
					t.Errorf("got\n%s\nwant it to contain %q", texts[tt.target], w)
				}
			}
			rows := csvs[tt.target]
			if len(rows) < 2 {
				t.Fatalf("got CSV rows %q, want a header and tips", rows)
			}
			// The status columns, then those of repeats (issue 13).
			if got, want := rows[0][len(rows[0])-5:], []string{"status", "first_status_at", "status_unit", "duplicate_of", "reports"}; !reflect.DeepEqual(got, want) {
				t.Errorf("got last columns %q, want %q", got, want)
			}
			if got := rows[1][len(rows[1])-5 : len(rows[1])-2]; rows[1][0] != "1" || !reflect.DeepEqual(got, tt.row1) {
				t.Errorf("got tip %s with %q, want tip 1 with %q", rows[1][0], got, tt.row1)
			}
		})
	}
}
