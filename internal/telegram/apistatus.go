package telegram

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

// APIStatus is what a Client has seen of the Bot API, for the health
// check and the metrics. Every exchange, the bot library's calls, the
// poller's getUpdates and file downloads, is recorded at the one guarded
// HTTP client they share (see transport.go).
type APIStatus struct {
	// LastOK is when Telegram last answered a call: any Bot API answer
	// except a server error (5xx), a rejected token (401, 404) and a
	// conflict over getUpdates (409). A 429 is an answer. Zero if none yet.
	LastOK time.Time
	// LastFailure is when a call last failed: no answer (network error,
	// timeout), a page that is not a Bot API answer, or one of the errors
	// above. A call cancelled by its caller is not a failure. Zero if none.
	LastFailure time.Time
	// LastError is the error of LastFailure, without the token.
	LastError string
	// FailingSince is the first failure after LastOK: the start of the
	// current run of failures. Zero when the last call was answered.
	FailingSince time.Time
	// RateLimited counts the answers "429 Too Many Requests", of any
	// method, since the client was made.
	RateLimited uint64
}

// APIStatus returns what the client has seen of the Bot API so far.
func (c *Client) APIStatus() APIStatus {
	return c.health.status()
}

// apiHealth records the outcome of every exchange of the guarded clients
// of one Client. It is safe for concurrent use.
type apiHealth struct {
	now func() time.Time
	mu  sync.Mutex
	st  APIStatus
}

func newAPIHealth(now func() time.Time) *apiHealth {
	if now == nil {
		now = time.Now
	}
	return &apiHealth{now: now}
}

// status returns a copy of the record; the zero APIStatus for nil.
func (h *apiHealth) status() APIStatus {
	if h == nil {
		return APIStatus{}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.st
}

func (h *apiHealth) answered(rateLimited bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.st.LastOK = h.now()
	h.st.FailingSince = time.Time{}
	if rateLimited {
		h.st.RateLimited++
	}
}

func (h *apiHealth) failed(msg string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	at := h.now()
	h.st.LastFailure, h.st.LastError = at, msg
	if h.st.FailingSince.IsZero() {
		h.st.FailingSince = at
	}
}

// Do sends req through do and records the outcome in the client's
// APIStatus.
func (g *guardedClient) Do(req *http.Request) (*http.Response, error) {
	resp, err := g.do(req)
	if g.health != nil {
		g.note(req, resp, err)
	}
	return resp, err
}

// note records the outcome of one exchange; err and the answer's body
// have already had the token removed by do.
func (g *guardedClient) note(req *http.Request, resp *http.Response, err error) {
	method := path.Base(req.URL.Path)
	if err != nil {
		if req.Context().Err() != nil {
			return // the caller gave up (shutdown, its own deadline)
		}
		var pe *PageError
		if errors.As(err, &pe) && pe.Method == "file" && pe.Status < 500 {
			return // a file Telegram will not serve says nothing of the API
		}
		g.health.failed(err.Error())
		return
	}
	switch code := resp.StatusCode; {
	case code == http.StatusTooManyRequests:
		g.health.answered(true)
	case code >= 500, code == http.StatusUnauthorized, code == http.StatusNotFound, code == http.StatusConflict:
		g.health.failed(fmt.Sprintf("%s: telegram answered %d %s", method, code, describe(resp)))
	default:
		g.health.answered(false)
	}
}

// describe returns the description of a Bot API error answer, whose body
// do holds in memory (at most maxErrorEnvelope bytes), and leaves the body
// readable.
func describe(resp *http.Response) string {
	body, err := io.ReadAll(resp.Body)
	resp.Body = io.NopCloser(strings.NewReader(string(body)))
	var env struct {
		Description string `json:"description"`
	}
	if err != nil || json.Unmarshal(body, &env) != nil || env.Description == "" {
		return http.StatusText(resp.StatusCode)
	}
	return env.Description
}
