package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/botapi"
)

// allowedUpdates are the update kinds tiprelay asks Telegram for; it is
// never modified.
var allowedUpdates = []string{"message", "edited_message", "callback_query", "my_chat_member"}

// APIError is an error answer of the Bot API to a call made by the poller.
type APIError struct {
	Method      string
	Code        int
	Description string
	RetryAfter  time.Duration
}

func (e *APIError) Error() string {
	return fmt.Sprintf("%s: telegram answered %d %s", e.Method, e.Code, e.Description)
}

// poller fetches raw updates with getUpdates. It does not use the bot
// library, whose polling confirms updates before they are stored.
type poller struct {
	base    string // API URL + "/bot" + token + "/"
	client  *guardedClient
	timeout time.Duration
}

func newPoller(apiURL, token string, timeout time.Duration, client *guardedClient) *poller {
	return &poller{
		base:    strings.TrimRight(apiURL, "/") + "/bot" + token + "/",
		timeout: timeout,
		client:  client,
	}
}

type envelope struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// fetch calls getUpdates with offset and returns the raw updates. Errors
// never contain the token.
func (p *poller) fetch(ctx context.Context, offset int64) ([]json.RawMessage, error) {
	body, err := json.Marshal(map[string]any{
		"offset":          offset,
		"limit":           100,
		"timeout":         int(p.timeout / time.Second),
		"allowed_updates": allowedUpdates,
	})
	if err != nil {
		return nil, fmt.Errorf("encode getUpdates: %w", err)
	}
	var env envelope
	if err := p.call(ctx, "getUpdates", body, &env); err != nil {
		return nil, err
	}
	if string(env.Result) == "null" {
		return nil, nil
	}
	// call has validated the whole answer: splitting it needs no second
	// validating pass.
	updates, err := botapi.SplitArray(env.Result)
	if err != nil {
		return nil, fmt.Errorf("decode getUpdates result: %w", err)
	}
	return updates, nil
}

// call posts a JSON body to method and decodes the envelope; a Bot API
// error is returned as *APIError, an answer that is not one as *PageError.
// The guarded client keeps the token out of both.
func (p *poller) call(ctx context.Context, method string, body []byte, env *envelope) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.base+method, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%s: %w", method, p.client.redactErr(err))
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := p.client.Do(req)
	if err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("%s: read answer: %w", method, err)
	}
	if err := json.Unmarshal(data, env); err != nil {
		return fmt.Errorf("%s: decode answer (HTTP %d): %w", method, resp.StatusCode, err)
	}
	if !env.OK {
		code := env.ErrorCode
		if code == 0 {
			code = resp.StatusCode
		}
		return &APIError{
			Method:      method,
			Code:        code,
			Description: env.Description,
			RetryAfter:  time.Duration(env.Parameters.RetryAfter) * time.Second,
		}
	}
	return nil
}
