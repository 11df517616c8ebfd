package main

import (
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// TestFaultTokenNeverLeaves puts a web server in front of the Bot API
// that answers the first calls of every method with an HTML error page
// echoing the request URL, token included, as an Apache 404, a Squid
// "access denied" or a captive portal does. Every kind of call the bot
// makes meets it: getMe, setMyCommands, getUpdates,
// getWebhookInfo, deleteWebhook, sendMessage, copyMessage(s),
// forwardMessage, sendDocument and sendPhoto. Then the pages
// stop, the bot delivers everything, and neither its log nor any text
// column of its database holds the token. The webhook it removes has the
// token in its URL too, as many deployments write it.
func TestFaultTokenNeverLeaves(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the built binary")
	}
	bin := faultBinary(t, "")
	w := newFaultWorld(t, 2)
	admin := telegramtest.User{ID: 5_200_000_001, FirstName: "Admin", Username: "admin_kominfo"}
	w.srv.AddUser(admin)
	w.srv.SetWebhook("https://old-deployment.example/tg/" + testToken)

	const pagesPerMethod = 2
	var mu sync.Mutex
	paged := map[string]int{}
	codes := []int{404, 403, 502, 200}
	w.srv.SetFaultFunc(func(method string, _ map[string]string) *telegramtest.Fault {
		mu.Lock()
		defer mu.Unlock()
		n := paged[method]
		if n >= pagesPerMethod {
			return nil
		}
		paged[method] = n + 1
		f := telegramtest.ProxyPage(codes[(len(paged)+n)%len(codes)])
		return &f
	})

	// Native forwards, so that forwardMessage is called too.
	p, dbPath := w.newBot(t, bin, "TIPRELAY_ADMIN_IDS="+fmt.Sprint(admin.ID), "TIPRELAY_RELAY_FORWARDS=native",
		"TIPRELAY_GROUP_RATE=off", "TIPRELAY_CHAT_RATE=off", "TIPRELAY_GLOBAL_RATE=off")
	staff := w.staff[0]
	w.srv.UserSends(staff, telegramtest.Text("Hoaks surat suara tercoblos https://fb.com/p/1"))
	w.srv.UserSends(staff, telegramtest.ForwardedFromChannel(w.channel, 77, telegramtest.Text("Pesan berantai TPS 12")))
	w.srv.SendAlbum(staff, []telegramtest.Message{photo("Album bukti"), photo("")})
	w.srv.UserSends(staff, photo("Tangkapan layar"))
	p.start()
	// One message for the text and the photo, a header and the forward,
	// a header and the album.
	if err := w.srv.WaitTimeout(60*time.Second, func() bool { return len(w.srv.BotMessages(w.group.ID)) >= 7 }); err != nil {
		t.Fatalf("the tips were not relayed after the pages stopped: %v (group has %d messages)", err, len(w.srv.BotMessages(w.group.ID)))
	}
	// The digest of stored tips comes with its CSV and chart.
	w.srv.UserSends(admin, telegramtest.Text("/digest"))
	if err := w.srv.WaitTimeout(60*time.Second, func() bool {
		return sentBy(w.srv, admin.ID, "sendDocument") > 0 && sentBy(w.srv, admin.ID, "sendPhoto") > 0 &&
			w.srv.Webhook().URL == ""
	}); err != nil {
		t.Fatalf("the bot did not deliver everything after the pages stopped: %v (group has %d messages, webhook %q)",
			err, len(w.srv.BotMessages(w.group.ID)), w.srv.Webhook().URL)
	}
	db := openSQL(t, dbPath)
	w.stopWhenQuiet(t, p, db)

	mu.Lock()
	for _, m := range []string{"getMe", "getWebhookInfo", "deleteWebhook", "setMyCommands", "getUpdates",
		"sendMessage", "copyMessage", "copyMessages", "forwardMessage", "sendDocument", "sendPhoto"} {
		if paged[m] == 0 {
			t.Errorf("%s was never answered with a page: the test does not cover it", m)
		}
	}
	mu.Unlock()

	secret := testToken[strings.Index(testToken, ":")+1:]
	if strings.Contains(p.log.String(), secret) {
		i := strings.Index(p.log.String(), secret)
		t.Errorf("the log holds the token: …%s…", p.log.String()[max(0, i-300):i])
	}
	for _, hit := range columnsHolding(t, db, secret) {
		t.Errorf("the database holds the token: %s", hit)
	}
	if !strings.Contains(p.log.String(), "not a Bot API answer") {
		t.Errorf("the log never says that an answer was not a Bot API answer")
	}
}

// columnsHolding scans every column of every table of db for s and
// returns "table.column (rowid N)" for each hit.
func columnsHolding(t *testing.T, db *sql.DB, s string) []string {
	t.Helper()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	var hits []string
	for _, table := range tables {
		rows, err := db.Query(fmt.Sprintf(`SELECT * FROM "%s"`, table))
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		n := 0
		for rows.Next() {
			n++
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				var text string
				switch v := v.(type) {
				case string:
					text = v
				case []byte:
					text = string(v)
				}
				if strings.Contains(text, s) {
					hits = append(hits, fmt.Sprintf("%s.%s (row %d)", table, cols[i], n))
				}
			}
		}
		rows.Close()
	}
	return hits
}
