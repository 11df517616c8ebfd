package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// damagedLineEnd ends the one line a bot stopping on a damaged database
// writes.
const damagedLineEnd = `: restore a backup or run sqlite3 .recover; see README "When the database is damaged"`

// fillDB creates the database at path with n outbox rows of about 500
// bytes each, so that its tables span many pages.
func fillDB(t *testing.T, path string, n int) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var rows []tip.OutboxMessage
	for i := range n {
		rows = append(rows, tip.OutboxMessage{
			Target: tip.Target{ChatID: -100}, Kind: tip.SendText, Purpose: tip.PurposeRelay,
			Text: strings.Repeat("laporan ", 60) + strconv.Itoa(i),
		})
	}
	if err := sqlite.NewOutboxStore(db).Enqueue(ctx, rows...); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// damagePages overwrites n bytes of the file at path, starting at the
// middle of the file, with garbage.
func damagePages(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5}, n), fi.Size()/2); err != nil {
		t.Fatal(err)
	}
}

// waitExit waits up to d for the bot to exit on its own and returns its
// exit code.
func waitExit(t *testing.T, p *botProcess, d time.Duration) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(d):
		t.Fatalf("the bot still runs %v after the damage", d)
	}
	var exit *exec.ExitError
	if p.err == nil {
		return 0
	}
	if !errors.As(p.err, &exit) {
		t.Fatalf("wait: %v", p.err)
	}
	return exit.ExitCode()
}

// checkDamagedExit checks the exit code, the one line and the admin's
// alert, and that no update was confirmed since the damage (none was
// stored: the emulator still holds every update sent).
func checkDamagedExit(t *testing.T, w *faultWorld, p *botProcess, admin telegramtest.User, code int, reason string, alertsBefore int) {
	t.Helper()
	if code != 1 {
		t.Errorf("got exit code %d, want 1", code)
	}
	var lines []string
	for _, l := range strings.Split(p.log.String(), "\n") {
		if strings.HasSuffix(l, damagedLineEnd) {
			lines = append(lines, l)
		}
	}
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "tiprelay: database is damaged (") || !strings.Contains(lines[0], reason) {
		t.Errorf("got damage lines %q, want one `tiprelay: database is damaged (%s…)%s`", lines, reason, damagedLineEnd)
	}
	alerts := w.srv.BotMessages(admin.ID)[alertsBefore:]
	if len(alerts) != 1 || !strings.Contains(alerts[0].Text, "basis data rusak") || !strings.Contains(alerts[0].Text, ".recover") {
		t.Errorf("admin got %d messages (%+v), want one alert saying the database is damaged and how to recover", len(alerts), alerts)
	}
}

func TestFaultDamagedDatabaseRefusedAtStart(t *testing.T) {
	bin := faultBinary(t, "")
	w := newFaultWorld(t, 1)
	admin := telegramtest.User{ID: 7_000_000_001, FirstName: "Admin"}
	w.srv.AddUser(admin)
	for _, tc := range []struct {
		name, reason string
		damage       func(t *testing.T, path string)
	}{
		{"pages", "quick_check: ", func(t *testing.T, path string) { damagePages(t, path, 64<<10) }},
		{"header", "file is not a database", func(t *testing.T, path string) {
			if err := os.WriteFile(path, bytes.Repeat([]byte{0xA5}, 4096), 0o600); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, dbPath := w.newBot(t, bin, "TIPRELAY_ADMIN_IDS="+strconv.FormatInt(admin.ID, 10))
			fillDB(t, dbPath, 4000)
			tc.damage(t, dbPath)
			before := len(w.srv.BotMessages(admin.ID))
			calls := len(w.srv.CallsTo("getUpdates"))
			p.start()
			checkDamagedExit(t, w, p, admin, waitExit(t, p, 20*time.Second), tc.reason, before)
			if n := len(w.srv.CallsTo("getUpdates")) - calls; n != 0 {
				t.Errorf("the bot called getUpdates %d times on a damaged database, want 0", n)
			}
			p.checkNoRace()
			// A supervisor restarts it: the same line, but the admins
			// are not messaged at every restart.
			p.start()
			if code := waitExit(t, p, 20*time.Second); code != 1 {
				t.Errorf("restart: got exit code %d, want 1", code)
			}
			if got := len(w.srv.BotMessages(admin.ID)) - before; got != 1 {
				t.Errorf("after a restart the admin got %d alerts in all, want 1", got)
			}
		})
	}
}

// A database damaged while the bot runs (a disk fault) stops it as soon as
// SQLite meets the damage, in whichever part of the bot: one line, exit
// code 1, the admins told, and the updates not stored left in Telegram.
func TestFaultDamagedDatabaseWhileRunning(t *testing.T) {
	bin := faultBinary(t, "")
	w := newFaultWorld(t, 1)
	admin := telegramtest.User{ID: 7_000_000_001, FirstName: "Admin"}
	w.srv.AddUser(admin)
	p, dbPath := w.newBot(t, bin, "TIPRELAY_ADMIN_IDS="+strconv.FormatInt(admin.ID, 10))
	// Larger than SQLite's page cache, so that reads reach the file.
	fillDB(t, dbPath, 10000)
	sqldb := openSQL(t, dbPath)
	if _, err := sqldb.Exec(`UPDATE outbox SET status = 'sent', sent_message_ids = '[1]', sent_at = created_at`); err != nil {
		t.Fatal(err)
	}
	sqldb.Close()
	p.start()
	if err := w.srv.WaitTimeout(20*time.Second, func() bool { return len(w.srv.CallsTo("getUpdates")) > 0 }); err != nil {
		t.Fatalf("the bot never polled: %v", err)
	}
	// Everything but the first page (the schema) becomes garbage.
	fi, err := os.Stat(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(dbPath, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5}, int(fi.Size())-4096), 4096); err != nil {
		t.Fatal(err)
	}
	f.Close()
	// Tips keep coming, faster than the bot can meet the damage (its
	// background work may meet it right after the first tip), until it
	// stops.
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(30 * time.Second)
	for sent := 0; p.running(); sent++ {
		w.srv.UserSends(w.staff[0], telegramtest.Text("hoaks "+strconv.Itoa(sent)))
		select {
		case <-tick.C:
		case <-p.done:
		case <-deadline:
			t.Fatal("the bot still runs 30s after its database was damaged")
		}
	}
	checkDamagedExit(t, w, p, admin, waitExit(t, p, time.Second), "", 0)
	if w.srv.PendingUpdates() == 0 {
		t.Error("every update was confirmed, want the ones not stored left in Telegram")
	}
	p.checkNoRace()
}
