package intake

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// The relay chat is known by the id it has now: a group that became a
// supergroup keeps its place under the new id.

func TestMigrationByAnAnonymousAdminIsFollowed(t *testing.T) {
	h := newHarness(t, nil)
	// An anonymous administrator acts as GroupAnonymousBot, a bot.
	raw := fixture(t, "migrate_to_chat_id.json")
	raw = bytes.Replace(raw, []byte(`"id": 6456789012,
      "is_bot": false`), []byte(`"id": 1087968824,
      "is_bot": true`), 1)
	if !bytes.Contains(raw, []byte("1087968824")) {
		t.Fatal("fixture not rewritten")
	}
	h.feed(t, raw)
	if got, err := h.st.Outbox.CurrentChatID(context.Background(), -4123456789); err != nil || got != -1002345678901 {
		t.Errorf("got current id %d (%v), want -1002345678901", got, err)
	}
	rows := h.outbox(t)
	if len(rows) != 1 || rows[0].Target.ChatID != adminID || !strings.Contains(rows[0].Text, "menjadi supergrup") {
		t.Errorf("got rows %+v, want the admin told", rows)
	}
}

func TestDigestCommandInTheMigratedRelayChat(t *testing.T) {
	const super = -1002233445566 // the chat of command_with_botname.json
	tests := []struct {
		name     string
		migrate  bool
		wantSent bool
	}{
		{"the supergroup the relay chat became", true, true},
		{"another group", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil)
			if tt.migrate {
				if _, err := h.st.Outbox.Retarget(context.Background(), relayTarget.ChatID, super, h.now); err != nil {
					t.Fatal(err)
				}
			}
			h.svc.set.Digest = func(_ context.Context, _ time.Duration, to tip.Target) ([]tip.OutboxMessage, error) {
				return []tip.OutboxMessage{{Purpose: tip.PurposeDigest, Target: to, Kind: tip.SendText, Text: "ringkasan"}}, nil
			}
			raw := bytes.Replace(fixture(t, "command_with_botname.json"), []byte("/id@tiprelay_bot"), []byte("/digest@tiprelay_bot"), 1)
			h.feed(t, bytes.Replace(raw, []byte(`"length": 16`), []byte(`"length": 20`), 1))
			rows := h.outbox(t)
			sent := len(rows) == 1 && rows[0].Text == "ringkasan" && rows[0].Target.ChatID == super
			if sent != tt.wantSent || len(rows) != 1 {
				t.Errorf("got rows %+v, want the digest sent to %d: %v (else a refusal)", rows, super, tt.wantSent)
			}
		})
	}
}
