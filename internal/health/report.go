package health

import (
	"encoding/json"
	"net/http"
	"time"
)

// The values of Report.Status.
const (
	StatusOK        = "ok"
	StatusUnhealthy = "unhealthy"
)

// Report is the body of GET /healthz. Times are RFC 3339 in UTC; a time
// that never happened is left out.
type Report struct {
	// Status is "ok" or "unhealthy".
	Status string `json:"status"`
	// Healthy is Status == "ok"; not in the JSON (the HTTP status says it).
	Healthy bool `json:"-"`
	// Problems are one line each, why the bot is unhealthy; absent when
	// it is healthy.
	Problems []string `json:"problems,omitempty"`
	// Version is the running binary's version.
	Version string `json:"version,omitempty"`
	// Time is when the check ran.
	Time time.Time `json:"time"`
	// Database is the result of the write probe.
	Database DatabaseReport `json:"database"`
	// Telegram is what the client has seen of the Bot API.
	Telegram *TelegramReport `json:"telegram,omitempty"`
	// FailingChats are the relay chats that refuse the bot (removed, not
	// found): listed, but they leave the bot healthy. Never null.
	FailingChats []FailingChat `json:"failing_chats"`
}

// DatabaseReport is the result of the database's write probe.
type DatabaseReport struct {
	// OK is true when a write was committed within the timeout.
	OK bool `json:"ok"`
	// Error is why not.
	Error string `json:"error,omitempty"`
}

// TelegramReport is what the client has seen of the Bot API.
type TelegramReport struct {
	// OK is false once calls have failed, with no answer, for longer than
	// the threshold (2 minutes).
	OK bool `json:"ok"`
	// LastOK is when Telegram last answered a call.
	LastOK time.Time `json:"last_ok,omitzero"`
	// LastFailure is when a call last failed, LastError its error.
	LastFailure time.Time `json:"last_failure,omitzero"`
	LastError   string    `json:"last_error,omitempty"`
	// FailingSince is the first failure after LastOK; absent when the last
	// call was answered.
	FailingSince time.Time `json:"failing_since,omitzero"`
}

// FailingChat is a relay chat that refuses the bot.
type FailingChat struct {
	ChatID int64     `json:"chat_id"`
	Since  time.Time `json:"since,omitzero"`
	Error  string    `json:"error,omitempty"`
}

// ServeHTTP answers GET /healthz: the Report as JSON, with status 200
// when the bot is healthy and 503 when it is not.
func (c *Checker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rep := c.Check(r.Context())
	body, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if !rep.Healthy {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	w.Write(append(body, '\n')) //nolint:errcheck // the client went away
}
