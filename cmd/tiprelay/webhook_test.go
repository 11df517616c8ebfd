package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// A webhook URL Telegram would refuse stops the bot before anything
// starts, with exit code 2 and one line naming the setting; the secret is
// never printed.
func TestRunRejectsBadWebhookSettings(t *testing.T) {
	const secret = "rahasia_Webhook-0123456789"
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"http", map[string]string{"TIPRELAY_WEBHOOK_URL": "http://bot.kominfo.example/hook", "TIPRELAY_WEBHOOK_SECRET": secret},
			`TIPRELAY_WEBHOOK_URL: "http://bot.kominfo.example/hook" must start with https://`},
		{"port", map[string]string{"TIPRELAY_WEBHOOK_URL": "https://bot.kominfo.example:9443/hook", "TIPRELAY_WEBHOOK_SECRET": secret},
			"uses port 9443, but Telegram posts webhooks only to ports 443, 80, 88 and 8443"},
		{"no secret", map[string]string{"TIPRELAY_WEBHOOK_URL": "https://bot.kominfo.example/hook"},
			"TIPRELAY_WEBHOOK_SECRET is required with TIPRELAY_WEBHOOK_URL"},
		{"bad secret", map[string]string{"TIPRELAY_WEBHOOK_URL": "https://bot.kominfo.example/hook", "TIPRELAY_WEBHOOK_SECRET": secret + "!"},
			"TIPRELAY_WEBHOOK_SECRET must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			env := map[string]string{
				"TIPRELAY_BOT_TOKEN": testToken, "TIPRELAY_RELAY_CHAT_ID": "-100200",
				"TIPRELAY_DB_PATH": filepath.Join(dir, "data", "t.db"),
			}
			for k, v := range tt.env {
				env[k] = v
			}
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), nil, envOf(env), &stdout, &stderr)
			if code := exitCode(err, &stderr); code != 2 {
				t.Errorf("exit code %d, want 2", code)
			}
			lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
			if len(lines) != 2 || !strings.Contains(lines[1], tt.want) {
				t.Errorf("stderr:\n%s\nwant a heading and one line with %q", stderr.String(), tt.want)
			}
			if strings.Contains(stderr.String(), secret) {
				t.Errorf("stderr shows the secret:\n%s", stderr.String())
			}
		})
	}
}
