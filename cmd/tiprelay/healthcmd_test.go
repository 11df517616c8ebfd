package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestHealthCommandExitCodes: `tiprelay health` exits 0 only for a 200 of
// /healthz, and 1 (never 2, which Docker reserves) for everything else.
func TestHealthCommandExitCodes(t *testing.T) {
	serve := func(code int, body string) func(t *testing.T) string {
		return func(t *testing.T) string {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/healthz" || r.Method != http.MethodGet {
					http.NotFound(w, r)
					return
				}
				w.WriteHeader(code)
				w.Write([]byte(body)) //nolint:errcheck
			}))
			t.Cleanup(srv.Close)
			return srv.Listener.Addr().String()
		}
	}
	hanging := func(t *testing.T) string {
		release := make(chan struct{})
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}))
		t.Cleanup(func() { close(release); srv.Close() })
		return srv.Listener.Addr().String()
	}
	closed := func(t *testing.T) string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		return addr
	}
	fixed := func(addr string) func(*testing.T) string { return func(*testing.T) string { return addr } }
	tests := []struct {
		name       string
		listen     func(t *testing.T) string
		args       []string
		env        map[string]string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{name: "healthy", listen: serve(200, `{"status":"ok"}`), wantCode: 0, wantStdout: `{"status":"ok"}`},
		{name: "unhealthy", listen: serve(503, `{"status":"unhealthy","problems":["database: not writable"]}`), wantCode: 1,
			wantStdout: `"problems":["database: not writable"]`, wantStderr: "unhealthy (HTTP 503)"},
		{name: "another program on the port", listen: serve(404, "not found"), wantCode: 1, wantStderr: "answered HTTP 404"},
		{name: "no answer in time", listen: hanging, args: []string{"--timeout", "100ms"}, wantCode: 1, wantStderr: "no answer from"},
		{name: "nobody listening", listen: closed, wantCode: 1, wantStderr: "no answer from"},
		{name: "off", listen: fixed(""), wantCode: 1, wantStderr: "TIPRELAY_HTTP_LISTEN is empty"},
		{name: "port 0", listen: fixed("127.0.0.1:0"), wantCode: 1, wantStderr: "port 0"},
		{name: "a bad setting exits 1, not 2", listen: fixed(":9090"), env: map[string]string{"TIPRELAY_LANG": "fr"}, wantCode: 1,
			wantStderr: "TIPRELAY_LANG"},
		{name: "a wrong flag exits 1, not 2", listen: fixed(":9090"), args: []string{"--frobnicate"}, wantCode: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"TIPRELAY_HTTP_LISTEN": tt.listen(t)}
			for k, v := range tt.env {
				env[k] = v
			}
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), append([]string{"health"}, tt.args...), envOf(env), &stdout, &stderr)
			if got := exitCode(err, &stderr); got != tt.wantCode {
				t.Errorf("got exit code %d (%v), want %d", got, err, tt.wantCode)
			}
			if !strings.Contains(stdout.String(), tt.wantStdout) {
				t.Errorf("got stdout %q, want %q", stdout.String(), tt.wantStdout)
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("got stderr %q, want %q", stderr.String(), tt.wantStderr)
			}
		})
	}
}

// TestHealthURL: an address on every interface is asked on loopback.
func TestHealthURL(t *testing.T) {
	tests := []struct{ name, listen, want string }{
		{"every interface", ":9090", "http://127.0.0.1:9090/healthz"},
		{"every IPv4 interface", "0.0.0.0:9090", "http://127.0.0.1:9090/healthz"},
		{"every IPv6 interface", "[::]:9090", "http://[::1]:9090/healthz"},
		{"loopback", "127.0.0.1:9090", "http://127.0.0.1:9090/healthz"},
		{"a name", "tiprelay:9090", "http://tiprelay:9090/healthz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := healthURL(tt.listen)
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
