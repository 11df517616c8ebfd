package config

import (
	"strings"
	"testing"
)

func TestHTTPListen(t *testing.T) {
	webhook := map[string]string{"TIPRELAY_WEBHOOK_URL": "https://bot.kominfo.example/hook", "TIPRELAY_WEBHOOK_SECRET": testSecret,
		"TIPRELAY_WEBHOOK_LISTEN": "127.0.0.1:8443"}
	tests := []struct {
		name    string
		env     map[string]string
		want    string
		wantErr string // in the one problem; "" for none
	}{
		{name: "off by default"},
		{name: "loopback", env: map[string]string{"TIPRELAY_HTTP_LISTEN": "127.0.0.1:9090"}, want: "127.0.0.1:9090"},
		{name: "every interface", env: map[string]string{"TIPRELAY_HTTP_LISTEN": " :9090 "}, want: ":9090"},
		{name: "IPv6", env: map[string]string{"TIPRELAY_HTTP_LISTEN": "[::1]:9090"}, want: "[::1]:9090"},
		{name: "a port alone", env: map[string]string{"TIPRELAY_HTTP_LISTEN": "9090"}, wantErr: `TIPRELAY_HTTP_LISTEN: "9090" is not host:port`},
		{name: "a URL", env: map[string]string{"TIPRELAY_HTTP_LISTEN": "http://127.0.0.1:9090"}, wantErr: "is not host:port"},
		{name: "a port out of range", env: map[string]string{"TIPRELAY_HTTP_LISTEN": ":99999"}, wantErr: "has no port"},
		{name: "beside the webhook", env: withEnv(webhook, "TIPRELAY_HTTP_LISTEN", "127.0.0.1:9090"), want: "127.0.0.1:9090"},
		{name: "on the webhook's address", env: withEnv(webhook, "TIPRELAY_HTTP_LISTEN", ":8443"), wantErr: "is also TIPRELAY_WEBHOOK_LISTEN"},
		{name: "the webhook's address in polling mode", env: map[string]string{"TIPRELAY_HTTP_LISTEN": "127.0.0.1:8443"}, want: "127.0.0.1:8443"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := minimalEnv(t, tt.env)
			if tt.wantErr != "" {
				got := MustErrors(t, nil, env)
				if len(got) != 1 || !strings.Contains(got[0], tt.wantErr) {
					t.Errorf("got %q, want one problem naming %q", got, tt.wantErr)
				}
				return
			}
			if got := MustLoad(t, nil, env).HTTPListen; got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// withEnv returns a copy of env with key set to value.
func withEnv(env map[string]string, key, value string) map[string]string {
	out := map[string]string{key: value}
	for k, v := range env {
		out[k] = v
	}
	return out
}
