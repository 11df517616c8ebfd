package telegramtest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

const testToken = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"

var (
	alice = telegramtest.User{ID: 5_001_234_567, FirstName: "Alice", LastName: "Wijaya", Username: "alice_w", LanguageCode: "id"}
	bob   = telegramtest.User{ID: 6_002_345_678, FirstName: "Bob"}
)

// MustServer starts an emulator that is closed when the test ends.
func MustServer(tb testing.TB, opts ...telegramtest.Option) *telegramtest.Server {
	tb.Helper()
	srv := telegramtest.NewServer(testToken, opts...)
	tb.Cleanup(srv.Close)
	return srv
}

// MustBot returns a go-telegram/bot client talking to srv.
func MustBot(tb testing.TB, srv *telegramtest.Server) *bot.Bot {
	tb.Helper()
	b, err := bot.New(srv.Token(), bot.WithServerURL(srv.URL()), bot.WithSkipGetMe())
	if err != nil {
		tb.Fatalf("bot.New: %v", err)
	}
	return b
}

// MustWait waits up to 5 s for cond.
func MustWait(tb testing.TB, srv *telegramtest.Server, what string, cond func() bool) {
	tb.Helper()
	if err := srv.WaitTimeout(5*time.Second, cond); err != nil {
		tb.Fatalf("waiting for %s: %v", what, err)
	}
}

// envelope is the Bot API answer shape.
type envelope struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  *struct {
		RetryAfter int   `json:"retry_after"`
		MigrateTo  int64 `json:"migrate_to_chat_id"`
	} `json:"parameters"`
}

// rawCall sends a raw HTTP request and decodes the envelope.
func rawCall(tb testing.TB, httpMethod, url, contentType, body string) (int, envelope) {
	tb.Helper()
	req, err := http.NewRequestWithContext(context.Background(), httpMethod, url, strings.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", httpMethod, url, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var env envelope
	if err := json.Unmarshal(data, &env); err != nil {
		tb.Fatalf("decode %s: %v", data, err)
	}
	return resp.StatusCode, env
}

// methodURL returns the URL of a method on srv.
func methodURL(srv *telegramtest.Server, method string) string {
	return srv.URL() + "/bot" + srv.Token() + "/" + method
}

// ctxT returns a context that ends with the test or after 10 s.
func ctxT(tb testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	tb.Cleanup(cancel)
	return ctx
}
