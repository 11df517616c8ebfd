package intake

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"
)

// asUser rewrites a fixture so that another user sends it in their own
// private chat.
func asUser(raw []byte, id string) []byte {
	return bytes.ReplaceAll(raw, []byte("5123456789"), []byte(id))
}

func TestOutsiderIsRefusedAndNothingRelayed(t *testing.T) {
	tests := []struct {
		name    string
		fixture string
	}{
		{"text", "text.json"},
		{"forward", "forward_channel_public.json"},
		{"photo", "photo.json"},
		{"album part", "album_part1.json"},
		{"start", "command_start.json"},
		{"staff_list attempt", "command_start.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil)
			raw := asUser(fixture(t, tt.fixture), "4242")
			if tt.name == "staff_list attempt" {
				raw = bytes.Replace(raw, []byte(`"/start"`), []byte(`"/staff_list"`), 1)
				raw = bytes.Replace(raw, []byte(`"length": 6`), []byte(`"length": 11`), 1)
			}
			h.feed(t, raw)
			h.now = h.now.Add(time.Hour)
			if _, err := h.svc.flushAlbums(context.Background(), h.now); err != nil {
				t.Fatal(err)
			}
			rows := h.outbox(t)
			if len(rows) != 1 {
				t.Fatalf("got %d outbox rows, want 1 refusal", len(rows))
			}
			if rows[0].Target.ChatID != 4242 || rows[0].Target == relayTarget {
				t.Errorf("got target %v, want the outsider's chat", rows[0].Target)
			}
			if !strings.Contains(rows[0].Text, "<code>4242</code>") {
				t.Errorf("got %q, want the outsider's id shown", rows[0].Text)
			}
			if _, err := h.st.Tips.Get(context.Background(), 1); err == nil {
				t.Error("got a tip from an outsider, want none")
			}
			entries, err := h.st.Audit.AuditEntries(context.Background(), 10)
			if err != nil || len(entries) != 1 || entries[0].ActorID != 4242 || entries[0].Action != "outsider_refused" {
				t.Errorf("got audit %+v (err %v), want one outsider_refused by 4242", entries, err)
			}
		})
	}
}

// command builds a private-chat command update from the staff fixture.
func command(t *testing.T, from, text string, updateID string) []byte {
	t.Helper()
	raw := asUser(fixture(t, "command_start.json"), from)
	raw = bytes.Replace(raw, []byte(`"/start"`), []byte(strconvQuote(text)), 1)
	raw = bytes.Replace(raw, []byte(`"length": 6`), []byte(`"length": `+itoa(int64(len(strings.Fields(text)[0])))), 1)
	return bytes.Replace(raw, []byte("850123425"), []byte(updateID), 1)
}

func TestStaffCommands(t *testing.T) {
	h := newHarness(t, nil)
	admin := itoa(adminID)
	steps := []struct {
		name     string
		from     string
		text     string
		wantText string
	}{
		{"non-admin staff cannot add", "5123456789", "/staff_add 4242", "khusus admin"},
		{"outsider before being added", "4242", "/help", "<code>4242</code>"},
		{"admin adds", admin, "/staff_add 4242", "ditambahkan"},
		{"admin adds again", admin, "/staff_add 4242", "sudah terdaftar"},
		{"bad argument", admin, "/staff_add abc", "Format:"},
		{"new staff gets help", "4242", "/help", "Cara melapor"},
		{"list shows all", admin, "/staff_list", "4242"},
		{"config staff cannot be removed", admin, "/staff_remove 5123456789", "konfigurasi"},
		{"admin removes", admin, "/staff_remove 4242", "dihapus"},
		{"removed is outsider again", "4242", "/help", "<code>4242</code>"},
		{"unknown command", "5123456789", "/frobnicate", "tidak dikenal"},
		{"id works for anyone", "999", "/id", "<code>999</code>"},
	}
	for i, s := range steps {
		h.feed(t, command(t, s.from, s.text, itoa(int64(900000+i))))
		rows := h.outbox(t)
		if got := rows[len(rows)-1].Text; !strings.Contains(got, s.wantText) {
			t.Fatalf("%s: got %q, want it to contain %q", s.name, got, s.wantText)
		}
	}
	entries, err := h.st.Audit.AuditEntries(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range entries {
		actions = append(actions, e.Action)
	}
	if got := strings.Join(actions, ","); !strings.Contains(got, "staff_remove") || !strings.Contains(got, "staff_add") {
		t.Errorf("got audit actions %s, want staff_add and staff_remove", got)
	}
}

func strconvQuote(s string) string { return strconv.Quote(s) }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
