package main

import (
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// TestBinaryRelaysTipAndStopsOnSIGTERM runs the built binary as a separate
// process, configured only through the environment contract, against the
// emulator: a staff member's tips reach the Polda chat and their regions'
// chats as one message each, routed by a place name and by a hashtag, and
// are acknowledged with the triage buttons; SIGTERM stops the process with
// exit code 0.
func TestBinaryRelaysTipAndStopsOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := faultBinary(t, "")
	srv := telegramtest.NewServer(testToken)
	defer srv.Close()
	group := srv.AddChat(telegramtest.Chat{ID: -1002233445566, Type: "supergroup", Title: "Ditintelkam", IsForum: true})
	thread := srv.AddTopic(group.ID, "Patroli Siber")
	staff := telegramtest.User{ID: 5123456789, FirstName: "Rina", Username: "rina_kominfo"}
	badung := srv.AddChat(telegramtest.Chat{ID: -1003000000001, Type: "supergroup", Title: "Polres Badung"})
	gianyar := srv.AddChat(telegramtest.Chat{ID: -1003000000002, Type: "supergroup", Title: "Polres Gianyar"})

	dir := t.TempDir()
	cmd := exec.Command(bin)
	cmd.Dir = dir
	cmd.Env = []string{
		"TIPRELAY_BOT_TOKEN=" + testToken,
		"TIPRELAY_API_URL=" + srv.URL(),
		"TIPRELAY_DB_PATH=" + filepath.Join(dir, "data", "tiprelay.db"),
		"TIPRELAY_RELAY_CHAT_ID=" + "-1002233445566:" + strconv.FormatInt(thread, 10),
		"TIPRELAY_STAFF_IDS=5123456789",
		"TIPRELAY_POLL_TIMEOUT=2s",
		"TIPRELAY_REGIONS=badung=-1003000000001,gianyar=-1003000000002",
	}
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
		}
	}()

	srv.UserSends(staff, telegramtest.ForwardedFromChannel(
		telegramtest.Chat{ID: -1001555666777, Type: "channel", Title: "Info Bali", Username: "infobali"},
		4821, telegramtest.Text("Ayo kumpul di depan KPU Kuta besok!")))
	// The second tip follows the first one's acknowledgement: acks that
	// wait together are merged, without buttons.
	if err := srv.WaitTimeout(20*time.Second, func() bool { return len(srv.BotMessages(staff.ID)) >= 1 }); err != nil {
		t.Fatalf("tip #1 not acknowledged: %v\nlog:\n%s", err, stderr.String())
	}
	srv.UserSends(staff, telegramtest.Photo("Spanduk provokatif #gianyar #hoaks"))
	err := srv.WaitTimeout(20*time.Second, func() bool {
		return len(srv.BotMessages(group.ID)) >= 2 && len(srv.BotMessages(badung.ID)) >= 1 &&
			len(srv.BotMessages(gianyar.ID)) >= 1 && len(srv.BotMessages(staff.ID)) >= 2
	})
	if err != nil {
		t.Fatalf("tips not relayed: %v (Polda %d, Badung %d, Gianyar %d, staff %d messages)\nlog:\n%s", err,
			len(srv.BotMessages(group.ID)), len(srv.BotMessages(badung.ID)), len(srv.BotMessages(gianyar.ID)), len(srv.BotMessages(staff.ID)), stderr.String())
	}
	polda := srv.BotMessages(group.ID)
	if len(polda) != 2 || !strings.Contains(polda[0].Text, "Laporan #1") || !strings.Contains(polda[0].Text, "https://t.me/infobali/4821") ||
		!strings.Contains(polda[0].Text, "Ayo kumpul") || !strings.Contains(polda[0].Text, "Badung (otomatis)") || polda[0].MessageThreadID != thread {
		t.Errorf("got %d Polda messages, the first %q, want tip #1 as one message in topic %d: header with the channel link and the region, the post quoted", len(polda), polda[0].Text, thread)
	}
	if len(polda) == 2 && (len(polda[1].Photo) == 0 || !strings.Contains(polda[1].Caption, "Laporan #2") || !strings.Contains(polda[1].Caption, "Hoaks")) {
		t.Errorf("got %+v, want tip #2 as the photo with the header as its caption", polda[1])
	}
	if got := srv.BotMessages(badung.ID); len(got) != 1 || !strings.Contains(got[0].Text, "Laporan #1") {
		t.Errorf("got Badung messages %+v, want tip #1 (Kuta) as one message", got)
	}
	if got := srv.BotMessages(gianyar.ID); len(got) != 1 || !strings.Contains(got[0].Caption, "Laporan #2") {
		t.Errorf("got Gianyar messages %+v, want tip #2 (#gianyar) as one message", got)
	}
	ack := srv.BotMessages(staff.ID)[0]
	if !strings.Contains(ack.Text, "Laporan #1 diterima") || !strings.Contains(string(ack.ReplyMarkup), "Badung") {
		t.Errorf("got ack %q with markup %s, want the triage buttons", ack.Text, ack.ReplyMarkup)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("got %v after SIGTERM, want exit code 0\nlog:\n%s", err, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("process did not stop after SIGTERM\nlog:\n%s", stderr.String())
	}
	if strings.Contains(stderr.String(), testToken) {
		t.Error("got the token in the logs")
	}
}
