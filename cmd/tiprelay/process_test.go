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
// emulator: a staff member's tip reaches the police group and is
// acknowledged, and SIGTERM stops the process with exit code 0.
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
		telegramtest.Chat{ID: -1001555666777, Type: "channel", Title: "Info Makassar", Username: "infomakassar"},
		4821, telegramtest.Text("Ayo kumpul di depan KPU besok!")))
	err := srv.WaitTimeout(20*time.Second, func() bool {
		return len(srv.BotMessages(group.ID)) >= 2 && len(srv.BotMessages(staff.ID)) >= 1
	})
	if err != nil {
		t.Fatalf("tip not relayed: %v\nlog:\n%s", err, stderr.String())
	}
	msgs := srv.BotMessages(group.ID)
	if !strings.Contains(msgs[0].Text, "Laporan #1") || !strings.Contains(msgs[0].Text, "https://t.me/infomakassar/4821") {
		t.Errorf("got header %q, want tip #1 with the channel link", msgs[0].Text)
	}
	if msgs[1].ForwardOrigin == nil || msgs[1].MessageThreadID != thread {
		t.Errorf("got %+v, want the forwarded post in topic %d", msgs[1], thread)
	}
	if got := srv.BotMessages(staff.ID)[0].Text; !strings.Contains(got, "Laporan #1 diterima") {
		t.Errorf("got ack %q", got)
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
