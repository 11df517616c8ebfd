package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

const testToken = "123456789:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQr"

// envOf turns a map into a getenv function.
func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestRunRejectsBadConfig(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name      string
		args      []string
		env       map[string]string
		wantCode  int
		wantLines []string
	}{
		{"nothing set", nil, map[string]string{"TIPRELAY_DB_PATH": filepath.Join(dir, "a.db")}, 2,
			[]string{"TIPRELAY_BOT_TOKEN", "TIPRELAY_RELAY_CHAT_ID"}},
		{"bad values", nil, map[string]string{
			"TIPRELAY_BOT_TOKEN": testToken, "TIPRELAY_RELAY_CHAT_ID": "police", "TIPRELAY_STAFF_IDS": "12,abc",
			"TIPRELAY_TIMEZONE": "Asia/Makasar", "TIPRELAY_DB_PATH": filepath.Join(dir, "b.db"),
		}, 2, []string{"TIPRELAY_RELAY_CHAT_ID", "TIPRELAY_STAFF_IDS", "Asia/Makasar"}},
		{"unknown command", []string{"frobnicate"}, nil, 2, []string{"unknown command"}},
		{"version", []string{"version"}, nil, 0, nil},
		{"help", []string{"run", "--help"}, nil, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tt.args, envOf(tt.env), &stdout, &stderr)
			code := exitCode(err, &stderr)
			if code != tt.wantCode {
				t.Fatalf("got exit code %d (err %v), want %d", code, err, tt.wantCode)
			}
			out := stderr.String()
			for _, w := range tt.wantLines {
				if !strings.Contains(out, w) {
					t.Errorf("got stderr %q, want it to mention %q", out, w)
				}
			}
			if strings.Contains(out+stdout.String(), testToken) || strings.Contains(out, "AAbbCCdd") {
				t.Errorf("got the token in the output: %q", out)
			}
		})
	}
}

// TestRunInProcess drives run end to end against the emulator: a tip
// reaches the group, then cancellation (SIGTERM in main) stops it cleanly.
func TestRunInProcess(t *testing.T) {
	srv := telegramtest.NewServer(testToken)
	defer srv.Close()
	group := srv.AddChat(telegramtest.Chat{ID: -1002233445566, Type: "supergroup", Title: "Ditintelkam"})
	staff := telegramtest.User{ID: 5123456789, FirstName: "Rina"}
	env := map[string]string{
		"TIPRELAY_BOT_TOKEN":     testToken,
		"TIPRELAY_API_URL":       srv.URL(),
		"TIPRELAY_DB_PATH":       filepath.Join(t.TempDir(), "data", "tiprelay.db"),
		"TIPRELAY_RELAY_CHAT_ID": "-1002233445566",
		"TIPRELAY_STAFF_IDS":     "5123456789",
		"TIPRELAY_POLL_TIMEOUT":  "2s",
		"TIPRELAY_LOG_LEVEL":     "debug",
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, envOf(env), &bytes.Buffer{}, &stderr) }()

	srv.UserSends(staff, telegramtest.Text("hoaks https://contoh.id/hoaks"))
	if err := srv.WaitTimeout(10*time.Second, func() bool {
		return len(srv.BotMessages(group.ID)) == 1 && len(srv.BotMessages(staff.ID)) == 1
	}); err != nil {
		t.Fatalf("tip not relayed and acknowledged: %v\nlog:\n%s", err, stderr.String())
	}
	// A second bot on the same database refuses to start.
	var second syncBuffer
	err := run(ctx, nil, envOf(env), &bytes.Buffer{}, &second)
	if err == nil || exitCode(err, &second) != 1 || !strings.Contains(err.Error(), "another tiprelay bot is running on") {
		t.Errorf("second bot: got %v, want a refusal naming the running bot and exit code 1", err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("got %v, want a clean stop", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("run did not stop after cancellation")
	}
	if strings.Contains(stderr.String(), testToken) {
		t.Error("got the token in the logs")
	}
	if !strings.Contains(stderr.String(), `"msg":"tip received"`) {
		t.Errorf("got logs without the tip: %s", stderr.String())
	}
}

func TestRunStopsOnRejectedToken(t *testing.T) {
	srv := telegramtest.NewServer("987654321:ZZyyXXwwVVuuTTssRRqqPPooNNmmLLkkJJi")
	defer srv.Close()
	env := map[string]string{
		"TIPRELAY_BOT_TOKEN": testToken, "TIPRELAY_API_URL": srv.URL(),
		"TIPRELAY_DB_PATH": filepath.Join(t.TempDir(), "t.db"), "TIPRELAY_RELAY_CHAT_ID": "-100200",
	}
	var stderr syncBuffer
	err := run(context.Background(), nil, envOf(env), &bytes.Buffer{}, &stderr)
	if err == nil || exitCode(err, &stderr) != 1 || !strings.Contains(err.Error(), "401") {
		t.Fatalf("got %v, want the 401 rejection and exit code 1", err)
	}
	if strings.Contains(stderr.String(), testToken) || strings.Contains(err.Error(), testToken) {
		t.Error("got the token in the error or logs")
	}
}
