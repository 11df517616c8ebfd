package telegram

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// SecretHeader is the header in which Telegram sends a webhook's
// secret_token with every update.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// MaxWebhookBody is the largest update body the webhook accepts. A Bot
// API update is a few kilobytes (a message holds at most 4,096
// characters); a bigger body is not from Telegram.
const MaxWebhookBody = 1 << 20

// WebhookSink stores an update received by webhook (intake.Service
// implements it).
type WebhookSink interface {
	// IngestOne stores one update and returns once it is committed; an
	// update stored before is not stored again. It returns nil for a body
	// that can never be stored (no update_id), after recording it.
	IngestOne(ctx context.Context, raw json.RawMessage) error
}

// webhookHandler is the receiving side of webhook mode; see
// NewWebhookHandler.
type webhookHandler struct {
	path   string
	secret [sha256.Size]byte
	sink   WebhookSink
	log    *slog.Logger
	now    func() time.Time

	mu      sync.Mutex
	refused rateLimitedLog
}

// NewWebhookHandler returns the handler of Telegram's webhook requests at
// path, each carrying one update:
//
//   - another path is 404, a method other than POST 405;
//   - a request whose X-Telegram-Bot-Api-Secret-Token is not secret
//     (compared in constant time) or is missing is 401, and its body is
//     neither read nor stored;
//   - a body over MaxWebhookBody is 413;
//   - otherwise the body goes to sink.IngestOne and the answer is 200
//     only once it returned nil, that is once the update is committed:
//     Telegram forgets an update when it gets a 2xx, so a crash after the
//     200 loses nothing. A storage failure is 500 (503 for a damaged
//     database) and Telegram delivers the update again later.
//
// A body that is not an update (no readable update_id) is acknowledged
// with 200 after the sink recorded it: Telegram would send the same bytes
// again and again for a day, and no retry can make them readable.
//
// secret must not be empty. The received header is never logged.
func NewWebhookHandler(path, secret string, sink WebhookSink, log *slog.Logger) http.Handler {
	if secret == "" {
		panic("telegram: NewWebhookHandler needs a secret")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if path == "" {
		path = "/"
	}
	return &webhookHandler{path: path, secret: sha256.Sum256([]byte(secret)), sink: sink, log: log, now: time.Now}
}

func (h *webhookHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != h.path {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if !h.authorized(r) {
		h.refuse(r)
		// Closing the connection spares the server reading the body.
		w.Header().Set("Connection", "close")
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxWebhookBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.log.Warn("webhook request body too large; refused", "limit_bytes", MaxWebhookBody)
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		// The connection broke mid-body: Telegram sends it again.
		h.log.Warn("webhook request body could not be read", "err", err)
		http.Error(w, "could not read the body", http.StatusBadRequest)
		return
	}
	if err := h.sink.IngestOne(r.Context(), body); err != nil {
		code := http.StatusInternalServerError
		if errors.Is(err, tip.ErrCorrupt) {
			code = http.StatusServiceUnavailable
		}
		if r.Context().Err() == nil {
			h.log.Error("store webhook update failed; Telegram will deliver it again", "err", err)
		}
		http.Error(w, http.StatusText(code), code)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// authorized compares the secret header with the secret in constant time.
// Both are hashed first, so that not even the length of the secret shows
// in the timing.
func (h *webhookHandler) authorized(r *http.Request) bool {
	got := r.Header.Values(SecretHeader)
	if len(got) != 1 {
		return false
	}
	sum := sha256.Sum256([]byte(got[0]))
	return subtle.ConstantTimeCompare(sum[:], h.secret[:]) == 1
}

// refuse logs a refused request: the first, then at most one line a
// minute with the count, so that a scanner cannot flood the log.
func (h *webhookHandler) refuse(r *http.Request) {
	h.mu.Lock()
	n, ok := h.refused.hit(h.now())
	h.mu.Unlock()
	if ok {
		h.log.Warn("webhook request with a wrong or missing secret refused (401)",
			"remote_addr", r.RemoteAddr, "refused", n, "next_report_after", time.Minute)
	}
}
