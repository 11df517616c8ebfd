package intake

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// fixtureChat is the chat of most my_chat_member fixtures.
const fixtureChat = -1002233445566

// inChat rewrites a my_chat_member fixture to happen in chat.
func inChat(raw []byte, chat int64) []byte {
	return bytes.ReplaceAll(raw, []byte(itoa(fixtureChat)), []byte(itoa(chat)))
}

// seed enqueues a text row to chat and returns it; sent marks it sent,
// else a non-zero retry postpones it to then.
func (h *harness) seed(t *testing.T, chat int64, sent bool, retry time.Time) tip.OutboxMessage {
	t.Helper()
	ctx := context.Background()
	before := len(h.outbox(t))
	err := h.st.Outbox.Enqueue(ctx, tip.OutboxMessage{Purpose: tip.PurposeDigest, Target: tip.Target{ChatID: chat}, Kind: tip.SendText, Text: "ringkasan"})
	if err != nil {
		t.Fatal(err)
	}
	m := h.outbox(t)[before]
	switch {
	case sent:
		err = h.st.Outbox.MarkSent(ctx, m.ID, []int64{77}, h.now)
	case !retry.IsZero():
		err = h.st.Outbox.MarkRetry(ctx, m.ID, retry, "Forbidden: bot was kicked from the supergroup chat")
	}
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestBotMembershipChanges(t *testing.T) {
	ctx := context.Background()
	const supergroup = -1005555000001
	tests := []struct {
		name    string
		raw     func(t *testing.T) []byte
		setup   func(t *testing.T, h *harness) (row *tip.OutboxMessage)
		chat    int64 // whose failing state is checked
		failing bool  // chat is failing afterwards
		alert   string
		audit   string // action of the audit entry, "" for none
		rowDue  bool   // the seeded row is due at now afterwards
	}{
		{"kick from the relay chat marks it failing at once", func(t *testing.T) []byte {
			return inChat(fixture(t, "my_chat_member_kicked.json"), relayTarget.ChatID)
		}, nil, relayTarget.ChatID, true, "dikeluarkan dari chat oleh Aipda Rahmat", "bot_removed", false},
		{"kick from the relay chat's supergroup marks it failing", func(t *testing.T) []byte {
			return inChat(fixture(t, "my_chat_member_kicked.json"), supergroup)
		}, func(t *testing.T, h *harness) *tip.OutboxMessage {
			if _, err := h.st.Outbox.Retarget(ctx, relayTarget.ChatID, supergroup, h.now); err != nil {
				t.Fatal(err)
			}
			return nil
		}, supergroup, true, "menolak pesan bot", "bot_removed", false},
		{"kick holds the waiting rows", func(t *testing.T) []byte { return fixture(t, "my_chat_member_kicked.json") },
			func(t *testing.T, h *harness) *tip.OutboxMessage {
				m := h.seed(t, fixtureChat, false, time.Time{})
				return &m
			}, fixtureChat, true, "menolak pesan bot", "bot_removed", false},
		{"kick from a chat the bot sent digests to", func(t *testing.T) []byte { return fixture(t, "my_chat_member_kicked.json") },
			func(t *testing.T, h *harness) *tip.OutboxMessage {
				h.seed(t, fixtureChat, true, time.Time{})
				return nil
			},
			fixtureChat, true, "menolak pesan bot", "bot_removed", false},
		{"kick from a chat the bot never served is ignored", func(t *testing.T) []byte { return fixture(t, "my_chat_member_kicked.json") },
			nil, fixtureChat, false, "", "", false},
		{"kick from a chat failing already tells nobody again", func(t *testing.T) []byte { return fixture(t, "my_chat_member_kicked.json") },
			func(t *testing.T, h *harness) *tip.OutboxMessage {
				m := h.seed(t, fixtureChat, false, time.Time{})
				if _, err := h.st.Outbox.SetTargetFailing(ctx, fixtureChat, h.now, "Forbidden"); err != nil {
					t.Fatal(err)
				}
				return &m
			}, fixtureChat, true, "", "bot_removed", false},
		{"restricted out of the chat marks it failing", func(t *testing.T) []byte {
			raw := fixture(t, "my_chat_member_restricted.json")
			return bytes.Replace(raw, []byte(`"is_member": true`), []byte(`"is_member": false`), 1)
		}, func(t *testing.T, h *harness) *tip.OutboxMessage {
			h.seed(t, fixtureChat, true, time.Time{})
			return nil
		},
			fixtureChat, true, "dibatasi oleh Aipda Rahmat", "bot_removed", false},
		{"leaving a group that became a supergroup is ignored", func(t *testing.T) []byte { return fixture(t, "my_chat_member_left.json") },
			func(t *testing.T, h *harness) *tip.OutboxMessage {
				h.seed(t, -4123456789, true, time.Time{})
				if _, err := h.st.Outbox.Retarget(ctx, -4123456789, -1002345678901, h.now); err != nil {
					t.Fatal(err)
				}
				return nil
			}, -4123456789, false, "", "", false},
		{"back as administrator in a failing chat retries it now", func(t *testing.T) []byte { return fixture(t, "my_chat_member_administrator.json") },
			func(t *testing.T, h *harness) *tip.OutboxMessage {
				m := h.seed(t, fixtureChat, false, h.now.Add(time.Hour))
				if _, err := h.st.Outbox.SetTargetFailing(ctx, fixtureChat, h.now, "Forbidden"); err != nil {
					t.Fatal(err)
				}
				return &m
			}, fixtureChat, true, "", "bot_added_back", true}, // the relay clears it when a send goes through
		{"back in a failing chat with nothing waiting clears it", func(t *testing.T) []byte { return fixture(t, "my_chat_member_administrator.json") },
			func(t *testing.T, h *harness) *tip.OutboxMessage {
				if _, err := h.st.Outbox.SetTargetFailing(ctx, fixtureChat, h.now, "Forbidden"); err != nil {
					t.Fatal(err)
				}
				return nil
			}, fixtureChat, false, "kembali menerima", "bot_added_back", false},
		{"restricted but still a member counts as back", func(t *testing.T) []byte { return fixture(t, "my_chat_member_restricted.json") },
			func(t *testing.T, h *harness) *tip.OutboxMessage {
				m := h.seed(t, fixtureChat, false, h.now.Add(time.Hour))
				if _, err := h.st.Outbox.SetTargetFailing(ctx, fixtureChat, h.now, "Forbidden"); err != nil {
					t.Fatal(err)
				}
				return &m
			}, fixtureChat, true, "", "bot_added_back", true},
		{"back in a chat that works changes nothing", func(t *testing.T) []byte { return fixture(t, "my_chat_member_administrator.json") },
			func(t *testing.T, h *harness) *tip.OutboxMessage {
				m := h.seed(t, fixtureChat, false, h.now.Add(time.Hour))
				return &m
			}, fixtureChat, false, "", "", false},
		{"added to a new group changes nothing", func(t *testing.T) []byte { return fixture(t, "my_chat_member.json") },
			nil, fixtureChat, false, "", "", false},
		{"a user blocking the bot is left alone", func(t *testing.T) []byte { return fixture(t, "my_chat_member_blocked.json") },
			func(t *testing.T, h *harness) *tip.OutboxMessage {
				m := h.seed(t, staffID, false, time.Time{})
				return &m
			}, staffID, false, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil)
			var row *tip.OutboxMessage
			if tt.setup != nil {
				row = tt.setup(t, h)
			}
			notices := h.notices.Load()
			h.feed(t, tt.raw(t))

			failing, err := h.st.Outbox.FailingTargets(ctx)
			if err != nil {
				t.Fatal(err)
			}
			got := slices.ContainsFunc(failing, func(f tip.FailingTarget) bool { return f.ChatID == tt.chat })
			if got != tt.failing {
				t.Errorf("got chat %d failing %v (failing: %+v), want %v", tt.chat, got, failing, tt.failing)
			}
			var alerts []string
			for _, m := range h.outbox(t) {
				if m.Target.ChatID == adminID {
					alerts = append(alerts, m.Text)
				}
			}
			switch {
			case tt.alert == "" && len(alerts) > 0:
				t.Errorf("got admin alerts %q, want none", alerts)
			case tt.alert != "" && (len(alerts) != 1 || !strings.Contains(alerts[0], tt.alert)):
				t.Errorf("got admin alerts %q, want one containing %q", alerts, tt.alert)
			}
			entries, err := h.st.Audit.AuditEntries(ctx, 10)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.audit == "" && len(entries) > 0:
				t.Errorf("got audit %+v, want none", entries)
			case tt.audit != "" && (len(entries) != 1 || entries[0].Action != tt.audit || entries[0].ActorID != 6456789012 || entries[0].Subject != itoa(tt.chat)):
				t.Errorf("got audit %+v, want one %s by 6456789012 on %d", entries, tt.audit, tt.chat)
			}
			if tt.audit != "" && h.notices.Load() == notices {
				t.Error("the relay worker was not woken")
			}
			if row != nil {
				due, err := h.st.Outbox.Due(ctx, h.now, 10)
				if err != nil {
					t.Fatal(err)
				}
				gotDue := slices.ContainsFunc(due, func(m tip.OutboxMessage) bool { return m.ID == row.ID })
				if gotDue != tt.rowDue {
					t.Errorf("got row due now %v, want %v", gotDue, tt.rowDue)
				}
			}
		})
	}
}

// TestKickHoldsForTheRelayRetryInterval checks that the rows of a chat that
// removed the bot wait the relay's interval, not longer.
func TestKickHoldsForTheRelayRetryInterval(t *testing.T) {
	ctx := context.Background()
	h := newHarness(t, nil)
	row := h.seed(t, fixtureChat, false, time.Time{})
	h.feed(t, fixture(t, "my_chat_member_kicked.json"))
	m, err := h.st.Outbox.Get(ctx, row.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := h.now.Add(10 * time.Minute); !m.NextAttemptAt.Equal(want) || m.Attempts != 0 {
		t.Errorf("got next attempt %v after %d attempts, want %v and none", m.NextAttemptAt, m.Attempts, want)
	}
}
