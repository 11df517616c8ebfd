package config

import (
	"bytes"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
)

// TestErrorsNeverShowToken loads configurations whose errors could quote the
// token and checks that no error line does.
func TestErrorsNeverShowToken(t *testing.T) {
	const secret = "hunter2-not-a-token-but-secret"
	secretFile := MustWriteFile(t, "token", secret+"\n")
	brokenYAML := MustWriteFile(t, "broken.yaml", "bot_token: \""+testToken+"\n  lang: [id\n")
	brokenPlain := MustWriteFile(t, "plain.yaml", "lang: en\nbot_token: "+secret+"\n  - oops: [\n")
	tokenAsKey := MustWriteFile(t, "key.yaml", testToken+": x\n")
	tokenInList := MustWriteFile(t, "list.yaml", "bot_token:\n  - "+testToken+"\n")
	tests := []struct {
		name   string
		secret string
		args   []string
		env    map[string]string
		// want is a substring of the error, proving the right problem was
		// reported.
		want string
	}{
		{name: "invalid token", secret: secret,
			env:  map[string]string{"TIPRELAY_BOT_TOKEN": secret},
			want: "TIPRELAY_BOT_TOKEN does not look like a bot token from BotFather, which has the shape 123456789:AAF..."},
		{name: "invalid token in a file", secret: secret,
			env:  map[string]string{"TIPRELAY_BOT_TOKEN": "", "TIPRELAY_BOT_TOKEN_FILE": secretFile},
			want: "TIPRELAY_BOT_TOKEN (read from TIPRELAY_BOT_TOKEN_FILE) does not look like a bot token"},
		{name: "token in staff ids", secret: testToken,
			env:  map[string]string{"TIPRELAY_STAFF_IDS": "1," + testToken},
			want: `TIPRELAY_STAFF_IDS: "<redacted>" is not a numeric user id`},
		{name: "invalid token in another setting", secret: secret,
			env:  map[string]string{"TIPRELAY_BOT_TOKEN": secret, "TIPRELAY_LANG": secret},
			want: `TIPRELAY_LANG: "<redacted>" is not supported`},
		{name: "token from a file in another setting", secret: testToken,
			env: map[string]string{"TIPRELAY_BOT_TOKEN": "", "TIPRELAY_BOT_TOKEN_FILE": MustWriteFile(t, "good", testToken),
				"TIPRELAY_TIMEZONE": testToken},
			want: `TIPRELAY_TIMEZONE: unknown time zone "<redacted>"`},
		{name: "unused env token in a flag value", secret: testToken,
			args: []string{"--bot-token-file", secretFile, "--relay-chat-id", testToken},
			want: `TIPRELAY_RELAY_CHAT_ID (--relay-chat-id): "<redacted>" is not`},
		{name: "broken YAML on the token line", secret: testToken,
			env:  map[string]string{"TIPRELAY_BOT_TOKEN": "", "TIPRELAY_CONFIG": brokenYAML},
			want: "invalid YAML"},
		{name: "broken YAML after a plain secret", secret: secret,
			env:  map[string]string{"TIPRELAY_BOT_TOKEN": "", "TIPRELAY_CONFIG": brokenPlain},
			want: "invalid YAML"},
		{name: "token as a YAML key", secret: testToken,
			env:  map[string]string{"TIPRELAY_BOT_TOKEN": "", "TIPRELAY_CONFIG": tokenAsKey},
			want: `unknown key "<redacted>"`},
		{name: "token as a YAML list", secret: testToken,
			env:  map[string]string{"TIPRELAY_BOT_TOKEN": "", "TIPRELAY_CONFIG": tokenInList},
			want: "bot_token takes one value, not a list"},
		{name: "token flag", secret: testToken,
			args: []string{"--bot-token=" + testToken},
			want: "there is no token flag"},
		{name: "token as an argument", secret: testToken,
			args: []string{testToken},
			want: `unexpected argument "<redacted>"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(MustErrors(t, tt.args, minimalEnv(t, tt.env)), "\n")
			if strings.Contains(got, tt.secret) {
				t.Errorf("error shows the token:\n%s", got)
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("error:\n%s\nwant it to contain %q", got, tt.want)
			}
		})
	}
}

// TestDumpsNeverShowToken checks String, GoString, fmt verbs and LogValue
// through a slog handler.
func TestDumpsNeverShowToken(t *testing.T) {
	tokenDir := filepath.Join(t.TempDir(), testToken)
	tests := []struct {
		name string
		args []string
		env  map[string]string
	}{
		{name: "token from env"},
		{name: "token from a file",
			env: map[string]string{"TIPRELAY_BOT_TOKEN": "", "TIPRELAY_BOT_TOKEN_FILE": MustWriteFile(t, "token", testToken)}},
		{name: "token also in the database path",
			env: map[string]string{"TIPRELAY_DB_PATH": filepath.Join(tokenDir, "tiprelay.db")}},
		{name: "token also in the API URL",
			args: []string{"--api-url", "https://botapi.example/" + testToken}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := MustLoad(t, tt.args, minimalEnv(t, tt.env))
			var logged bytes.Buffer
			slog.New(slog.NewJSONHandler(&logged, nil)).Info("config", "config", c)
			slog.New(slog.NewTextHandler(&logged, nil)).Info("config", "config", c)
			dumps := map[string]string{
				"String":   c.String(),
				"%v":       fmt.Sprintf("%v", c),
				"%+v":      fmt.Sprintf("%+v", c),
				"%#v":      fmt.Sprintf("%#v", c),
				"%s ptr":   fmt.Sprintf("%s", &c),
				"LogValue": logged.String(),
			}
			for name, got := range dumps {
				if strings.Contains(got, testToken) {
					t.Errorf("%s shows the token: %s", name, got)
				}
				if !strings.Contains(got, "bot_token") || !strings.Contains(got, "<redacted>") {
					t.Errorf("%s = %s, want bot_token shown as <redacted>", name, got)
				}
			}
		})
	}
}

func TestStringShowsEverySetting(t *testing.T) {
	c := MustLoad(t, []string{"--staff-ids=5"}, minimalEnv(t, nil))
	got := c.String()
	for _, o := range options() {
		if !strings.Contains(got, " "+o.key+"=") {
			t.Errorf("String() lacks %s: %s", o.key, got)
		}
	}
	for _, want := range []string{`bot_token=<redacted>`, `staff_ids=5`, `digest_cron="0 7 * * *"`, `admin_ids=""`,
		`timezone=Asia/Makassar`, `group_rate=20/1m`, `log_level=info`} {
		if !strings.Contains(got, want) {
			t.Errorf("String() = %s, want it to contain %s", got, want)
		}
	}
}
