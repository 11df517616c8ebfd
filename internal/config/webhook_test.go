package config

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// testSecret is a valid webhook secret; long enough to be redacted inside
// other text too.
const testSecret = "s3cret_Webhook-Token_0123456789"

func TestWebhookSettings(t *testing.T) {
	secretFile := MustWriteFile(t, "secret", "\n"+testSecret+"\n")
	tests := []struct {
		name       string
		env        map[string]string
		wantURL    string
		wantListen string
		wantPath   string
		wantSecret string
	}{
		{
			name:       "polling by default",
			wantListen: DefaultWebhookListen,
		},
		{
			name:       "polling ignores a secret left set",
			env:        map[string]string{"TIPRELAY_WEBHOOK_SECRET": "not valid: spaces"},
			wantListen: DefaultWebhookListen,
			wantSecret: "not valid: spaces",
		},
		{
			name:       "webhook on the default port",
			env:        map[string]string{"TIPRELAY_WEBHOOK_URL": "https://bot.kominfo.example/telegram/webhook", "TIPRELAY_WEBHOOK_SECRET": testSecret},
			wantURL:    "https://bot.kominfo.example/telegram/webhook",
			wantListen: DefaultWebhookListen,
			wantPath:   "/telegram/webhook",
			wantSecret: testSecret,
		},
		{
			name: "webhook on port 8443 without a path, secret from a file, own listen address",
			env: map[string]string{"TIPRELAY_WEBHOOK_URL": "https://203.0.113.7:8443", "TIPRELAY_WEBHOOK_SECRET_FILE": secretFile,
				"TIPRELAY_WEBHOOK_LISTEN": "0.0.0.0:9000"},
			wantURL:    "https://203.0.113.7:8443",
			wantListen: "0.0.0.0:9000",
			wantPath:   "/",
			wantSecret: testSecret,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := MustLoad(t, nil, minimalEnv(t, tt.env))
			if got, want := c.WebhookURL, tt.wantURL; got != want {
				t.Errorf("WebhookURL = %q, want %q", got, want)
			}
			if got, want := c.Webhook(), tt.wantURL != ""; got != want {
				t.Errorf("Webhook() = %v, want %v", got, want)
			}
			if got, want := c.WebhookListen, tt.wantListen; got != want {
				t.Errorf("WebhookListen = %q, want %q", got, want)
			}
			if got, want := c.WebhookPath(), tt.wantPath; got != want {
				t.Errorf("WebhookPath() = %q, want %q", got, want)
			}
			if got, want := c.WebhookSecret, tt.wantSecret; got != want {
				t.Errorf("WebhookSecret = %q, want %q", got, want)
			}
		})
	}
}

func TestWebhookProblems(t *testing.T) {
	secretFile := MustWriteFile(t, "secret", testSecret)
	badSecretFile := MustWriteFile(t, "bad-secret", "has spaces "+testSecret)
	hook := "https://bot.kominfo.example/telegram/webhook"
	withURL := func(extra map[string]string) map[string]string {
		m := map[string]string{"TIPRELAY_WEBHOOK_URL": hook, "TIPRELAY_WEBHOOK_SECRET": testSecret}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	tests := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{
			name: "plain http",
			env:  withURL(map[string]string{"TIPRELAY_WEBHOOK_URL": "http://bot.kominfo.example/hook"}),
			want: []string{`TIPRELAY_WEBHOOK_URL: "http://bot.kominfo.example/hook" must start with https://: Telegram posts updates only over HTTPS (terminate TLS at a reverse proxy, see README "Webhook mode")`},
		},
		{
			name: "a port Telegram does not post to",
			env:  withURL(map[string]string{"TIPRELAY_WEBHOOK_URL": "https://bot.kominfo.example:8080/hook"}),
			want: []string{`TIPRELAY_WEBHOOK_URL: "https://bot.kominfo.example:8080/hook" uses port 8080, but Telegram posts webhooks only to ports 443, 80, 88 and 8443`},
		},
		{
			name: "no scheme",
			env:  withURL(map[string]string{"TIPRELAY_WEBHOOK_URL": "bot.kominfo.example/hook"}),
			want: []string{`TIPRELAY_WEBHOOK_URL: "bot.kominfo.example/hook" is not a URL such as https://bot.example.go.id/telegram/webhook`},
		},
		{
			name: "user information",
			env:  withURL(map[string]string{"TIPRELAY_WEBHOOK_URL": "https://user:pw@bot.kominfo.example/hook"}),
			want: []string{`TIPRELAY_WEBHOOK_URL: "https://user:pw@bot.kominfo.example/hook" must not have user information or a fragment`},
		},
		{
			name: "missing secret",
			env:  withURL(map[string]string{"TIPRELAY_WEBHOOK_SECRET": ""}),
			want: []string{"TIPRELAY_WEBHOOK_SECRET is required with TIPRELAY_WEBHOOK_URL (or TIPRELAY_WEBHOOK_SECRET_FILE): Telegram sends it in every request so that the bot can refuse anyone else's; make one with `openssl rand -hex 32`"},
		},
		{
			name: "secret with characters the Bot API refuses",
			env:  withURL(map[string]string{"TIPRELAY_WEBHOOK_SECRET": "abc:def/" + testSecret}),
			want: []string{"TIPRELAY_WEBHOOK_SECRET " + string(errSecretShape.(clause))},
		},
		{
			name: "secret longer than 256 characters",
			env:  withURL(map[string]string{"TIPRELAY_WEBHOOK_SECRET": strings.Repeat("a", 257)}),
			want: []string{"TIPRELAY_WEBHOOK_SECRET " + string(errSecretShape.(clause))},
		},
		{
			name: "bad secret in a file",
			env:  withURL(map[string]string{"TIPRELAY_WEBHOOK_SECRET": "", "TIPRELAY_WEBHOOK_SECRET_FILE": badSecretFile}),
			want: []string{"TIPRELAY_WEBHOOK_SECRET_FILE: the secret in " + badSecretFile + " " + string(errSecretShape.(clause))},
		},
		{
			name: "missing secret file, one line",
			env:  withURL(map[string]string{"TIPRELAY_WEBHOOK_SECRET": "", "TIPRELAY_WEBHOOK_SECRET_FILE": "/nonexistent/secret"}),
			want: []string{"TIPRELAY_WEBHOOK_SECRET_FILE: open /nonexistent/secret: no such file or directory"},
		},
		{
			name: "secret and secret file",
			env:  withURL(map[string]string{"TIPRELAY_WEBHOOK_SECRET_FILE": secretFile}),
			want: []string{"TIPRELAY_WEBHOOK_SECRET_FILE and TIPRELAY_WEBHOOK_SECRET are both set: keep only one"},
		},
		{
			name: "listen address without a port",
			env:  map[string]string{"TIPRELAY_WEBHOOK_LISTEN": "127.0.0.1"},
			want: []string{`TIPRELAY_WEBHOOK_LISTEN: "127.0.0.1" is not host:port such as 127.0.0.1:8443`},
		},
		{
			name: "listen port out of range",
			env:  map[string]string{"TIPRELAY_WEBHOOK_LISTEN": ":70000"},
			want: []string{`TIPRELAY_WEBHOOK_LISTEN: ":70000" has no port from 1 to 65535`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MustErrors(t, nil, minimalEnv(t, tt.env))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
			for _, line := range got {
				if strings.Contains(line, testSecret) {
					t.Errorf("an error shows the secret: %q", line)
				}
			}
		})
	}
}

func TestWebhookSecretIsRedacted(t *testing.T) {
	secretFile := MustWriteFile(t, "secret", testSecret)
	tests := []struct {
		name string
		env  map[string]string
	}{
		{"set directly", map[string]string{"TIPRELAY_WEBHOOK_SECRET": testSecret}},
		{"read from a file", map[string]string{"TIPRELAY_WEBHOOK_SECRET_FILE": secretFile}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := minimalEnv(t, tt.env)
			// The secret also ends up in another setting by mistake: it is
			// hidden there too.
			env["TIPRELAY_WEBHOOK_URL"] = "https://bot.kominfo.example/" + testSecret
			c := MustLoad(t, nil, env)
			for _, dump := range []string{c.String(), fmt.Sprintf("%v %+v %#v", c, c, c), c.LogValue().String()} {
				if strings.Contains(dump, testSecret) {
					t.Errorf("the secret shows in %q", dump)
				}
			}
			if got, want := settingsWithout(c)[keyWebhookSecret], redacted; got != want {
				t.Errorf("webhook_secret shows as %q, want %q", got, want)
			}
		})
	}
}

// A configuration error elsewhere never quotes the webhook secret, even
// one that is not valid.
func TestErrorsNeverShowWebhookSecret(t *testing.T) {
	bad := "bad secret " + testSecret
	_, err := Load([]string{"--lang=" + testSecret}, getenv(minimalEnv(t, map[string]string{
		"TIPRELAY_WEBHOOK_URL": "https://bot.kominfo.example/hook", "TIPRELAY_WEBHOOK_SECRET": bad,
	})))
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("Load error = %v, want config.Errors", err)
	}
	if strings.Contains(err.Error(), testSecret) {
		t.Errorf("the errors show the secret:\n%v", err)
	}
	if got, want := len(errs), 2; got != want {
		t.Errorf("got %d problems, want %d (lang, secret):\n%v", got, want, err)
	}
}
