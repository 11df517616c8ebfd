package telegram

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot"

	"github.com/tiprelay/tiprelay/internal/tip"
)

const guardToken = "987654321:AAsecretSECRETsecretSECRETsecret_-x"

// TestErrorsNeverHoldTheToken answers every kind of call with every kind
// of bad answer a server in front of the Bot API gives, and checks that
// the error that leaves the package holds neither the token (plain or
// percent-encoded) nor more than a line of the page.
func TestErrorsNeverHoldTheToken(t *testing.T) {
	encoded := strings.ReplaceAll(guardToken, ":", "%3A")
	answers := []struct {
		name       string
		answer     func(w http.ResponseWriter, r *http.Request)
		wantStatus int // of a *PageError; 0: not a PageError
		wantIs     error
	}{
		{"apache 404 page echoing the path", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(404)
			fmt.Fprintf(w, "<html><head><title>404 Not Found</title></head><body>\n<h1>Not Found</h1>\n<p>The requested URL %s was not found on this server.</p>\n%s</body></html>", r.URL.Path, strings.Repeat("<p>padding</p>\n", 500))
		}, 404, nil},
		{"squid page with the token percent-encoded", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(403)
			fmt.Fprintf(w, "<html><body><h2>ERROR: Access Denied</h2><p>URL: http://api.telegram.org/bot%s/x</p></body></html>", encoded)
		}, 403, nil},
		{"captive portal login page with 200", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, "<!doctype html><html><script>var u=%q;</script><body>Silakan login untuk melanjutkan ke %s</body></html>", r.URL.String(), r.URL.Path)
		}, 200, nil},
		{"captive portal redirecting to its login page", func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/login" {
				if strings.Contains(r.Referer(), "AAsecret") {
					w.WriteHeader(418) // the token reached the portal
				}
				fmt.Fprint(w, "<html>login</html>")
				return
			}
			http.Redirect(w, r, "/login?from="+r.URL.Path, http.StatusFound)
		}, 302, nil},
		{"plain-text 502 from a load balancer", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(502)
			fmt.Fprintf(w, "upstream connect error for %s\r\nreset reason: connection failure", r.URL.Path)
		}, 502, nil},
		{"json error envelope echoing the token", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(400)
			fmt.Fprintf(w, `{"ok":false,"error_code":400,"description":"Bad Request: no such path %s"}`, r.URL.Path)
		}, 0, bot.ErrorBadRequest},
		{"json error envelope too large to be Telegram's", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(500)
			fmt.Fprintf(w, `{"ok":false,"error_code":500,"description":"%s %s"}`, r.URL.Path, strings.Repeat("x", 8000))
		}, 500, nil},
	}
	calls := []struct {
		name string
		call func(ctx context.Context, c *Client) error
	}{
		{"sendMessage", func(ctx context.Context, c *Client) error {
			_, err := c.Sender().Send(ctx, tip.OutboxMessage{Kind: tip.SendText, Target: tip.Target{ChatID: -100}, Text: "x"})
			return err
		}},
		{"getMe", func(ctx context.Context, c *Client) error { _, err := c.Me(ctx); return err }},
		{"getUpdates", func(ctx context.Context, c *Client) error { _, err := c.poll.fetch(ctx, 1); return err }},
		{"getWebhookInfo", func(ctx context.Context, c *Client) error { _, err := c.RemoveWebhook(ctx); return err }},
	}
	for _, a := range answers {
		for _, cl := range calls {
			t.Run(a.name+"/"+cl.name, func(t *testing.T) {
				srv := httptest.NewServer(http.HandlerFunc(a.answer))
				defer srv.Close()
				c := mustClient(t, srv.URL)
				err := cl.call(context.Background(), c)
				checkClean(t, err)
				var pe *PageError
				switch {
				case a.wantStatus != 0 && (!errors.As(err, &pe) || pe.Status != a.wantStatus):
					t.Errorf("got %v, want a *PageError with status %d", err, a.wantStatus)
				case a.wantIs != nil && !errors.Is(err, a.wantIs) && cl.name != "getUpdates" && cl.name != "getMe":
					t.Errorf("got %v, want it to match %v", err, a.wantIs)
				}
			})
		}
	}
}

// TestDownloadErrorsNeverHoldTheToken covers the file URL, which holds the
// token too: a page answering the download, and a dropped connection.
func TestDownloadErrorsNeverHoldTheToken(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/bot"+guardToken+"/getFile", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"ok":true,"result":{"file_id":"F","file_unique_id":"U","file_size":3,"file_path":"photos/file_1.jpg"}}`)
	})
	var drop bool
	mux.HandleFunc("/file/bot"+guardToken+"/", func(w http.ResponseWriter, r *http.Request) {
		if drop {
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
			return
		}
		w.WriteHeader(404)
		fmt.Fprintf(w, "<html><body>Not Found: %s</body></html>", r.URL.Path)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := mustClient(t, srv.URL)
	for _, d := range []bool{false, true} {
		drop = d
		body, _, err := c.OpenFile(context.Background(), "F")
		if err == nil {
			body.Close()
			t.Fatalf("drop=%v: got no error", d)
		}
		checkClean(t, err)
		var pe *PageError
		if !d && (!errors.As(err, &pe) || pe.Method != "file" || pe.Status != 404) {
			t.Errorf("got %v, want a *PageError of the download with status 404", err)
		}
	}
}

func TestDownloadStreamsTheFile(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/bot"+guardToken+"/getFile", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"ok":true,"result":{"file_id":"F","file_unique_id":"U","file_size":5,"file_path":"documents/a.pdf"}}`)
	})
	mux.HandleFunc("/file/bot"+guardToken+"/documents/a.pdf", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "%PDF-")
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	body, size, err := mustClient(t, srv.URL).OpenFile(context.Background(), "F")
	if err != nil {
		t.Fatal(err)
	}
	defer body.Close()
	got, _ := io.ReadAll(body)
	if string(got) != "%PDF-" || size != 5 {
		t.Errorf("got %q (size %d), want %q (size 5)", got, size, "%PDF-")
	}
}

// TestTransportErrorsKeepTheirKind checks that a redacted transport error
// still matches what callers test for.
func TestTransportErrorsKeepTheirKind(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
	}))
	defer srv.Close()
	defer close(release)
	c := mustClient(t, srv.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.poll.fetch(ctx, 1)
	checkClean(t, err)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want it to match context.DeadlineExceeded", err)
	}
}

func TestExcerpt(t *testing.T) {
	g := newGuardedClient(guardToken, &http.Client{})
	tests := []struct {
		name, page, want string
	}{
		{"tags, scripts and entities go", "<html><style>p{}</style><script>x()</script><p>Akses&nbsp;ditolak &amp; dicatat</p></html>", "Akses ditolak & dicatat"},
		{"lines become one", "a\r\n\tb\n\nc", "a b c"},
		{"the token is cut before the length", "URL /bot" + guardToken + "/sendMessage", "URL /bot<redacted>/sendMessage"},
		{"long pages are cut", strings.Repeat("é", 400), strings.Repeat("é", excerptRunes) + "…"},
		{"invalid UTF-8 is replaced", "a\xffb", "a?b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := g.excerpt([]byte(tt.page)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func mustClient(t *testing.T, url string) *Client {
	t.Helper()
	c, err := NewClient(ClientConfig{Token: guardToken, APIURL: url, PollTimeout: time.Second, RequestTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkClean fails the test unless err is an error without the token, on
// one line of reasonable length.
func checkClean(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("got no error")
	}
	msg := err.Error()
	secret := guardToken[strings.Index(guardToken, ":")+1:]
	if strings.Contains(msg, secret) {
		t.Errorf("the error holds the token: %s", msg)
	}
	if strings.ContainsAny(msg, "\r\n") || len(msg) > 600 {
		t.Errorf("got a %d-byte error over several lines, want one short line: %q", len(msg), msg)
	}
}
