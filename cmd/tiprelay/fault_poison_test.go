package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// panicMarker makes a faultinject build panic while storing the tip whose
// text contains it (see faultinject_on.go).
const panicMarker = "TIPRELAY-FAULT-PANIC"

// TestFaultPoisonUpdates feeds a faultinject build updates that a Bot API
// library could not decode (an unknown forward origin, a chat that is a
// string, an update kind that does not exist, a message that is an array,
// a 200 KB text) and a tip that makes the handler panic after it was
// written, interleaved with normal tips. The process must keep running;
// the tips after the poison must be relayed and acknowledged; the panicking
// update must be marked failed, with an error line in the log naming it,
// and its partial tip must be gone.
func TestFaultPoisonUpdates(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the built binary")
	}
	bin := faultBinary(t, "faultinject")
	w := newFaultWorld(t, 3)
	p, dbPath := w.newBot(t, bin,
		"TIPRELAY_GROUP_RATE=8/1s", "TIPRELAY_CHAT_RATE=4/1s", "TIPRELAY_GLOBAL_RATE=30/1s")
	began := time.Now()
	p.start()
	rina, budi := w.staff[0], w.staff[1]

	var items []sentItem
	send := func(u telegramtest.User, text string) { items = append(items, w.sendText(u, text)) }
	send(rina, "Akun baru menyebar hoaks soal kotak suara https://contoh.id/a")
	send(budi, "Ajakan ricuh di depan KPU")
	items = append(items, sentItem{chat: rina.ID, msgIDs: []int64{w.srv.UserSends(rina, photo("Tangkapan layar ajakan")).MessageID},
		text: "Tangkapan layar ajakan", media: true})

	poison := map[string]int64{} // name -> update id
	date := time.Now().Unix()
	staffMsg := func(id int64, extra string) string {
		return fmt.Sprintf(`{"message":{"message_id":%d,"from":{"id":%d,"is_bot":false,"first_name":"%s"},`+
			`"chat":{"id":%[2]d,"type":"private","first_name":"%[3]s"},"date":%d%s}}`, id, rina.ID, rina.FirstName, date, extra)
	}
	poison["chat is a string"] = w.srv.InjectRawUpdate([]byte(fmt.Sprintf(
		`{"message":{"message_id":900001,"from":{"id":%d,"is_bot":false,"first_name":"Rina"},"chat":"%[1]d","date":%d,"text":"obrolan"}}`,
		rina.ID, date)))
	futureText := "Unggahan dari asal yang belum dikenal"
	poison["future_origin"] = w.srv.InjectRawUpdate([]byte(staffMsg(900002,
		`,"forward_origin":{"type":"future_origin","date":1770090600,"hologram":{"id":7,"depth":3}},"text":"`+futureText+`"`)))
	items = append(items, sentItem{chat: rina.ID, msgIDs: []int64{900002}, text: futureText, raw: true})
	poison["unknown kind"] = w.srv.InjectRawUpdate([]byte(`{"hologram_call":{"id":"hc_1","from":{"id":1,"is_bot":false,"first_name":"X"},"duration":30}}`))
	poison["message is an array"] = w.srv.InjectRawUpdate([]byte(`{"message":[1,2,3]}`))
	bigText := strings.Repeat("hoaks besar ", 200_000/12)
	poison["200 KB text"] = w.srv.InjectRawUpdate([]byte(staffMsg(900003, `,"text":"`+bigText+`"`)))
	items = append(items, sentItem{chat: rina.ID, msgIDs: []int64{900003}, text: bigText, raw: true})

	send(budi, "Video provokasi beredar di grup warga")
	send(rina, "Isu politik uang di kecamatan")
	panicMsg := w.srv.UserSends(budi, telegramtest.Text("Laporan ini memicu "+panicMarker+" di handler"))
	panicUpdate := w.srv.LastUpdateID()
	send(rina, "Tautan penipuan berkedok bantuan https://contoh.id/b")
	send(budi, "Seruan boikot pemilu")

	w.waitDelivered(t, dbPath, items, 30*time.Second)
	db := openSQL(t, dbPath)
	waitDB(t, 10*time.Second, func() (bool, string) {
		var status string
		err := db.QueryRow(`SELECT status FROM updates WHERE update_id = ?`, panicUpdate).Scan(&status)
		return status == string(tip.UpdateFailed), fmt.Sprintf("update %d: status %q, err %v", panicUpdate, status, err)
	})
	// Tips sent after the panic was handled go through too.
	send(rina, "Temuan sesudah panik: akun bodong")
	send(budi, "Temuan sesudah panik: grup provokasi")
	w.waitDelivered(t, dbPath, items, 30*time.Second)
	w.stopWhenQuiet(t, p, db)

	var status, detail string
	if err := db.QueryRow(`SELECT status, error FROM updates WHERE update_id = ?`, panicUpdate).Scan(&status, &detail); err != nil {
		t.Fatalf("read update %d: %v", panicUpdate, err)
	}
	if status != string(tip.UpdateFailed) || !strings.Contains(detail, "panic") {
		t.Errorf("update %d: got status %q, error %q; want failed with the panic", panicUpdate, status, detail)
	}
	for _, name := range slices.Sorted(maps.Keys(poison)) {
		id := poison[name]
		if err := db.QueryRow(`SELECT status, error FROM updates WHERE update_id = ?`, id).Scan(&status, &detail); err != nil {
			t.Errorf("poison update %q (%d) not stored: %v", name, id, err)
			continue
		}
		t.Logf("poison: %s: update %d %s %s", name, id, status, detail)
		if status != string(tip.UpdateDone) && status != string(tip.UpdateUndecodable) {
			t.Errorf("poison update %q (%d): got status %q (%s), want done or undecodable", name, id, status, detail)
		}
	}
	var partial int
	if err := db.QueryRow(`SELECT COUNT(*) FROM tips WHERE instr(text, ?) > 0`, panicMarker).Scan(&partial); err != nil {
		t.Fatal(err)
	}
	if partial != 0 {
		t.Errorf("got %d tips with the panic marker, want the panicking tip undone", partial)
	}
	checkNoTip(t, dbPath, panicMsg.Chat.ID, panicMsg.MessageID)
	if line := logLineWith(p.log.String(), "ERROR", panicUpdate); line == "" {
		t.Errorf("got no ERROR log line with update_id %d", panicUpdate)
	} else {
		t.Logf("poison: log: %.300s", line)
	}

	rep := w.checkDelivery(t, dbPath, items)
	dups := w.duplicates(nil)
	t.Logf("poison: %d items, %d poison updates, panic in update %d; %v; duplicates: %d in the group, %d acks; total %v",
		len(items), len(poison), panicUpdate, rep, dups.group, dups.acks, time.Since(began).Round(time.Millisecond))
	for _, f := range failedOutbox(t, db) {
		t.Logf("poison: given up (expected for raw updates, whose messages Telegram does not hold): %s", f)
	}
	for _, d := range dups.unexplained {
		t.Errorf("duplicate without a crash: %s", d)
	}
}

// checkNoTip fails the test if a tip holds message (chat, id).
func checkNoTip(t *testing.T, dbPath string, chat, id int64) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tp, err := sqlite.NewTipStore(db).ByMessage(ctx, chat, id)
	if !errors.Is(err, tip.ErrNotFound) {
		t.Errorf("message %d of chat %d: got tip #%d (err %v), want no tip", id, chat, tp.ID, err)
	}
}

// logLineWith returns the first JSON log line of the given level whose
// update_id is id, or "".
func logLineWith(log, level string, id int64) string {
	for _, line := range strings.Split(log, "\n") {
		var rec struct {
			Level    string `json:"level"`
			UpdateID int64  `json:"update_id"`
		}
		if json.Unmarshal([]byte(line), &rec) == nil && rec.Level == level && rec.UpdateID == id {
			return line
		}
	}
	return ""
}
