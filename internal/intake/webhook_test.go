package intake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// An update Telegram delivers again (its 200 was lost) is stored once
// and processed once: one tip, one set of outbox rows.
func TestIngestOneIsIdempotent(t *testing.T) {
	h := newHarness(t, nil)
	ctx := context.Background()
	raw := fixture(t, "text.json")
	for delivery := 1; delivery <= 3; delivery++ {
		if err := h.svc.IngestOne(ctx, raw); err != nil {
			t.Fatalf("delivery %d: %v", delivery, err)
		}
		if err := h.svc.processStored(ctx); err != nil {
			t.Fatalf("delivery %d: process: %v", delivery, err)
		}
	}
	if _, err := h.st.Tips.Get(ctx, 1); err != nil {
		t.Fatalf("tip #1: %v", err)
	}
	if _, err := h.st.Tips.Get(ctx, 2); !errors.Is(err, tip.ErrNotFound) {
		t.Errorf("tip #2: got %v, want ErrNotFound: the redelivered update became a second tip", err)
	}
	if got, want := len(h.outbox(t)), 2; got != want {
		t.Errorf("got %d outbox rows, want %d (the relay and the ack, once)", got, want)
	}
	if left, err := h.st.Updates.Unprocessed(ctx, 10); err != nil || len(left) != 0 {
		t.Errorf("unprocessed updates: %d, %v; want none", len(left), err)
	}
}

// Webhook updates carry no offset: storing one leaves the polling offset
// as it was, whether polling ever stored one or not.
func TestIngestOneKeepsTheOffset(t *testing.T) {
	tests := []struct {
		name   string
		polled []int64 // update ids stored by polling first
		want   int64
	}{
		{name: "never polled", want: 0},
		{name: "polled before", polled: []int64{40, 41}, want: 42},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil)
			ctx := context.Background()
			for _, id := range tt.polled {
				h.feed(t, []byte(fmt.Sprintf(`{"update_id":%d,"edited_channel_post":{}}`, id)))
			}
			if err := h.svc.IngestOne(ctx, fixture(t, "text.json")); err != nil {
				t.Fatal(err)
			}
			got, err := h.svc.Offset(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("offset = %d, want %d", got, tt.want)
			}
		})
	}
}

// A body without a readable update_id cannot get better by being sent
// again: it is recorded in the audit log and acknowledged (nil), and
// nothing is stored as an update.
func TestIngestOneRecordsUndecodable(t *testing.T) {
	tests := []struct {
		name string
		body string
	}{
		{"not JSON", `<html>oops</html>`},
		{"truncated JSON", `{"update_id": 850123401, "message": {"text": "po`},
		{"no update_id", `{"message":{"message_id":1}}`},
		{"update_id as text", `{"update_id":"850123401"}`},
		{"negative update_id", `{"update_id":-5}`},
		{"an array", `[{"update_id":850123401}]`},
		{"empty", ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil)
			ctx := context.Background()
			if err := h.svc.IngestOne(ctx, json.RawMessage(tt.body)); err != nil {
				t.Fatalf("got %v, want nil: the body is acknowledged", err)
			}
			if stored, err := h.st.Updates.Unprocessed(ctx, 10); err != nil || len(stored) != 0 {
				t.Errorf("stored updates: %d, %v; want none", len(stored), err)
			}
			entries, err := h.st.Audit.AuditEntries(ctx, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 1 || entries[0].Action != "update_undecodable" ||
				!strings.Contains(entries[0].Detail, fmt.Sprintf("%d bytes", len(tt.body))) {
				t.Errorf("audit = %+v, want one update_undecodable entry with the size", entries)
			}
		})
	}
}

// memory is a WebhookMemory in memory.
type memory struct {
	url string
	err error
}

func (m *memory) OwnWebhook(context.Context) (string, error) { return m.url, m.err }
func (m *memory) SetOwnWebhook(_ context.Context, url string) error {
	m.url = url
	return nil
}

// Back in polling mode, the webhook the bot set itself is removed
// quietly; any other webhook is a leftover the admins are told about.
func TestPollingSinkTellsOwnWebhookFromLeftover(t *testing.T) {
	const own = "https://bot.kominfo.example/telegram/webhook"
	tests := []struct {
		name       string
		mem        memory
		removed    string
		wantAlert  bool
		wantAction string
		wantMemory string
	}{
		{"own webhook", memory{url: own}, own, false, "webhook_mode_ended", ""},
		{"another deployment's webhook", memory{url: own}, "https://lain.example/hook", true, "webhook_removed", own},
		{"never in webhook mode", memory{}, own, true, "webhook_removed", ""},
		{"memory unreadable", memory{url: own, err: errors.New("disk I/O error")}, own, true, "webhook_removed", own},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil)
			ctx := context.Background()
			mem := tt.mem
			sink := PollingSink{Service: h.svc, Memory: &mem}
			if err := sink.WebhookRemoved(ctx, tt.removed, 3); err != nil {
				t.Fatal(err)
			}
			alerts := 0
			for _, m := range h.outbox(t) {
				if m.Target.ChatID == adminID {
					alerts++
				}
			}
			if got, want := alerts, map[bool]int{true: 1}[tt.wantAlert]; got != want {
				t.Errorf("got %d admin alerts, want %d", got, want)
			}
			entries, err := h.st.Audit.AuditEntries(ctx, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 1 || entries[0].Action != tt.wantAction || entries[0].Subject != tt.removed {
				t.Errorf("audit = %+v, want one %s entry for %s", entries, tt.wantAction, tt.removed)
			}
			if got, want := mem.url, tt.wantMemory; got != want {
				t.Errorf("remembered webhook = %q, want %q", got, want)
			}
		})
	}
}
