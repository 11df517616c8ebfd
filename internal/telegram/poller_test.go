package telegram

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestPollerFetch(t *testing.T) {
	const token = "123:SECRET"
	tests := []struct {
		name      string
		answer    string
		wantIDs   string // the updates returned, joined
		wantErr   string // a part of the error, "" for none
		wantRetry time.Duration
	}{
		{"two updates", `{"ok":true,"result":[{"update_id":1},{"update_id":2,"message":{"text":"]"}}]}`,
			`{"update_id":1}|{"update_id":2,"message":{"text":"]"}}`, "", 0},
		{"no updates", `{"ok":true,"result":[]}`, "", "", 0},
		{"null result", `{"ok":true,"result":null}`, "", "", 0},
		{"result not an array", `{"ok":true,"result":{"update_id":1}}`, "", "decode getUpdates result", 0},
		{"invalid JSON", `{"ok":true,"result":[{"update_id":1}`, "", "decode answer", 0},
		{"flood wait", `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}}`,
			"", "429", 3 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/bot"+token+"/getUpdates" {
					http.NotFound(w, r)
					return
				}
				fmt.Fprint(w, tt.answer)
			}))
			defer srv.Close()
			got, err := newPoller(srv.URL, token, time.Second, newGuardedClient(token, &http.Client{})).fetch(context.Background(), 5)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got error %v, want one containing %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "SECRET") {
					t.Errorf("got the token in the error %q", err)
				}
				var apiErr *APIError
				if errors.As(err, &apiErr) && apiErr.RetryAfter != tt.wantRetry {
					t.Errorf("got retry after %v, want %v", apiErr.RetryAfter, tt.wantRetry)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, u := range got {
				ids = append(ids, string(u))
			}
			if strings.Join(ids, "|") != tt.wantIDs {
				t.Errorf("got %q, want %q", strings.Join(ids, "|"), tt.wantIDs)
			}
		})
	}
}
