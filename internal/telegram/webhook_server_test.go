package telegram_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/tiprelay/tiprelay/internal/intake"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram"
	texts "github.com/tiprelay/tiprelay/internal/text"
)

const (
	hookPath   = "/telegram/webhook"
	hookSecret = "rahasia_Webhook-0123456789"
)

// hookStore is the application core on a fresh database, as the webhook
// handler's sink; nothing processes what it stores, so stored updates
// stay in the updates table as received.
type hookStore struct {
	db  *sqlite.DB
	svc *intake.Service
}

func newHookStore(t *testing.T) *hookStore {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "tiprelay.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := intake.NewService(db, intake.Settings{Texts: texts.For(texts.Indonesian)}, slog.New(slog.DiscardHandler), nil)
	return &hookStore{db: db, svc: svc}
}

// stored returns the ids of the updates in the updates table.
func (s *hookStore) stored(t *testing.T) []int64 {
	t.Helper()
	us, err := sqlite.NewUpdateStore(s.db).Unprocessed(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, u := range us {
		ids = append(ids, u.ID)
	}
	return ids
}

// audited returns the actions in the audit log, newest first.
func (s *hookStore) audited(t *testing.T) []string {
	t.Helper()
	es, err := sqlite.NewAuditLog(s.db).AuditEntries(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Action)
	}
	return out
}

// readCounter is a request body that counts the bytes read from it.
type readCounter struct {
	r    io.Reader
	read atomic.Int64
}

func (c *readCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.read.Add(int64(n))
	return n, err
}

// orderSink is a sink that notes when its IngestOne has returned, and
// orderWriter a response recorder that notes a 2xx written before that:
// an answer that came before the commit.
type orderSink struct {
	telegram.WebhookSink
	returned atomic.Bool
}

func (s *orderSink) IngestOne(ctx context.Context, raw json.RawMessage) error {
	err := s.WebhookSink.IngestOne(ctx, raw)
	s.returned.Store(true)
	return err
}

type orderWriter struct {
	*httptest.ResponseRecorder
	sink  *orderSink
	early bool
}

func (w *orderWriter) WriteHeader(code int) {
	if code < 300 && !w.sink.returned.Load() {
		w.early = true
	}
	w.ResponseRecorder.WriteHeader(code)
}

func (w *orderWriter) Write(b []byte) (int, error) {
	if w.ResponseRecorder.Code == http.StatusOK && !w.sink.returned.Load() {
		w.early = true
	}
	return w.ResponseRecorder.Write(b)
}

// hookRequest is one request to the webhook handler.
type hookRequest struct {
	method, path string
	secrets      []string // X-Telegram-Bot-Api-Secret-Token values
	body         []byte
}

func mustFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "botapi", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestWebhookHandler(t *testing.T) {
	update := mustFixture(t, "text.json") // update_id 850123401
	// A well-formed update whose text makes it larger than the cap.
	huge := bytes.Replace(update, []byte(`"text": "`), []byte(`"text": "`+strings.Repeat("x", telegram.MaxWebhookBody)), 1)
	good := func(body []byte) hookRequest {
		return hookRequest{http.MethodPost, hookPath, []string{hookSecret}, body}
	}
	tests := []struct {
		name        string
		reqs        []hookRequest
		wantCodes   []int
		wantStored  int
		wantAudit   []string
		wantUnread  bool // the body must not have been read
		wantHeaders map[string]string
	}{
		{
			name:       "right secret: stored before the 200",
			reqs:       []hookRequest{good(update)},
			wantCodes:  []int{200},
			wantStored: 1,
		},
		{
			name:       "redelivered update stored once",
			reqs:       []hookRequest{good(update), good(update), good(update)},
			wantCodes:  []int{200, 200, 200},
			wantStored: 1,
		},
		{
			name:        "wrong secret",
			reqs:        []hookRequest{{http.MethodPost, hookPath, []string{"rahasia_Webhook-0123456788"}, update}},
			wantCodes:   []int{401},
			wantUnread:  true,
			wantHeaders: map[string]string{"Connection": "close"},
		},
		{
			name:       "missing secret",
			reqs:       []hookRequest{{http.MethodPost, hookPath, nil, update}},
			wantCodes:  []int{401},
			wantUnread: true,
		},
		{
			name:       "empty secret",
			reqs:       []hookRequest{{http.MethodPost, hookPath, []string{""}, update}},
			wantCodes:  []int{401},
			wantUnread: true,
		},
		{
			name:       "the secret as a prefix",
			reqs:       []hookRequest{{http.MethodPost, hookPath, []string{hookSecret + "x"}, update}},
			wantCodes:  []int{401},
			wantUnread: true,
		},
		{
			name:       "the secret twice",
			reqs:       []hookRequest{{http.MethodPost, hookPath, []string{hookSecret, hookSecret}, update}},
			wantCodes:  []int{401},
			wantUnread: true,
		},
		{
			name:        "GET",
			reqs:        []hookRequest{{http.MethodGet, hookPath, []string{hookSecret}, nil}},
			wantCodes:   []int{405},
			wantHeaders: map[string]string{"Allow": "POST"},
		},
		{
			name:      "another path",
			reqs:      []hookRequest{{http.MethodPost, "/telegram/webhook/x", []string{hookSecret}, update}},
			wantCodes: []int{404},
		},
		{
			name:      "oversize body",
			reqs:      []hookRequest{good(huge)},
			wantCodes: []int{413},
		},
		{
			name:      "malformed JSON: recorded and acknowledged",
			reqs:      []hookRequest{good([]byte(`{"update_id": 850123402, "message": {"text": "terpot`))},
			wantCodes: []int{200},
			wantAudit: []string{"update_undecodable"},
		},
		{
			name:      "JSON without update_id: recorded and acknowledged",
			reqs:      []hookRequest{good([]byte(`{"message": {"message_id": 1}}`))},
			wantCodes: []int{200},
			wantAudit: []string{"update_undecodable"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := newHookStore(t)
			sink := &orderSink{WebhookSink: st.svc}
			h := telegram.NewWebhookHandler(hookPath, hookSecret, sink, nil)
			for i, r := range tt.reqs {
				sink.returned.Store(false)
				body := &readCounter{r: bytes.NewReader(r.body)}
				req := httptest.NewRequest(r.method, "http://127.0.0.1:8443"+r.path, body)
				req.Header.Set("Content-Type", "application/json")
				for _, s := range r.secrets {
					req.Header.Add(telegram.SecretHeader, s)
				}
				rec := &orderWriter{ResponseRecorder: httptest.NewRecorder(), sink: sink}
				h.ServeHTTP(rec, req)
				if got, want := rec.Code, tt.wantCodes[i]; got != want {
					t.Errorf("request %d: got %d, want %d", i+1, got, want)
				}
				if rec.early {
					t.Errorf("request %d: answered %d before the update was committed", i+1, rec.Code)
				}
				if tt.wantUnread && body.read.Load() != 0 {
					t.Errorf("request %d: %d bytes of the body were read, want none", i+1, body.read.Load())
				}
				for k, v := range tt.wantHeaders {
					if got := rec.Header().Get(k); got != v {
						t.Errorf("request %d: header %s = %q, want %q", i+1, k, got, v)
					}
				}
			}
			if got, want := len(st.stored(t)), tt.wantStored; got != want {
				t.Errorf("got %d updates in the updates table, want %d", got, want)
			}
			if got, want := st.audited(t), tt.wantAudit; strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("audit = %q, want %q", got, want)
			}
		})
	}
}
