package intake

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestDigestCommand(t *testing.T) {
	group := []byte("-1002233445566")
	tests := []struct {
		name       string
		raw        func(t *testing.T) []byte
		wantTarget int64  // chat the digest goes to; 0 for none
		wantText   string // otherwise: the reply that refuses it
	}{
		{"admin in private", func(t *testing.T) []byte { return command(t, itoa(adminID), "/digest", "910001") }, adminID, ""},
		{"staff in private is refused", func(t *testing.T) []byte { return command(t, "5123456789", "/digest", "910002") }, 0, "khusus admin"},
		{"outsider in private is refused", func(t *testing.T) []byte { return command(t, "4242", "/digest", "910003") }, 0, "<code>4242</code>"},
		{"member in the relay group", func(t *testing.T) []byte {
			raw := bytes.Replace(fixture(t, "command_with_botname.json"), []byte("/id@tiprelay_bot"), []byte("/digest@tiprelay_bot"), 1)
			raw = bytes.Replace(raw, []byte(`"length": 16`), []byte(`"length": 20`), 1)
			return bytes.Replace(raw, group, []byte("-1009876543210"), 1)
		}, relayTarget.ChatID, ""},
		{"another group is told to ask in private", func(t *testing.T) []byte {
			raw := bytes.Replace(fixture(t, "command_with_botname.json"), []byte("/id@tiprelay_bot"), []byte("/digest@tiprelay_bot"), 1)
			return bytes.Replace(raw, []byte(`"length": 16`), []byte(`"length": 20`), 1)
		}, 0, "chat pribadi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil)
			var asked []tip.Target
			h.svc.set.Digest = func(_ context.Context, since time.Duration, to tip.Target) ([]tip.OutboxMessage, error) {
				if since != 24*time.Hour {
					t.Errorf("got period %v, want 24h", since)
				}
				asked = append(asked, to)
				return []tip.OutboxMessage{{Purpose: tip.PurposeDigest, Target: to, Kind: tip.SendText, Text: "ringkasan"}}, nil
			}
			h.feed(t, tt.raw(t))
			rows := h.outbox(t)
			switch {
			case tt.wantTarget != 0:
				if len(asked) != 1 || asked[0].ChatID != tt.wantTarget || len(rows) != 1 || rows[0].Text != "ringkasan" {
					t.Errorf("got digest for %v and rows %+v, want one digest to %d", asked, rows, tt.wantTarget)
				}
			case tt.wantText != "":
				if len(asked) != 0 || len(rows) != 1 || !strings.Contains(rows[0].Text, tt.wantText) {
					t.Errorf("got digest for %v and rows %+v, want only a refusal containing %q", asked, rows, tt.wantText)
				}
			}
		})
	}
}
