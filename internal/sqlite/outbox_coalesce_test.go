package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// coalescable returns a text row that backlog coalescing may merge.
func coalescable(chat int64, s, compact string) tip.OutboxMessage {
	m := text(chat, 0, s)
	m.Coalesce, m.Compact = true, compact
	return m
}

func TestOutboxCoalesceRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	s := NewOutboxStore(db)
	compose := func(tp tip.Tip) []tip.OutboxMessage {
		return []tip.OutboxMessage{
			{TipID: tp.ID, Purpose: tip.PurposeRelay, Target: relayTarget, Kind: tip.SendText, Text: "<b>Laporan</b>",
				Coalesce: true, Compact: "<b>#1</b> Akun ini menjual data"},
			{TipID: tp.ID, Purpose: tip.PurposeRelay, Target: relayTarget, Kind: tip.CopyMessages, FromChatID: tp.ChatID,
				MessageIDs: tp.MessageIDs, Coalesce: true},
			{TipID: tp.ID, Purpose: tip.PurposeRelay, Target: relayTarget, Kind: tip.SendText, Text: "plain"},
		}
	}
	stored, _, err := NewTipStore(db).Create(ctx, sampleTip(111, 10), compose)
	if err != nil {
		t.Fatal(err)
	}
	type flags struct {
		Coalesce bool
		Compact  string
	}
	want := []flags{{true, "<b>#1</b> Akun ini menjual data"}, {true, ""}, {false, ""}}
	pick := func(msgs []tip.OutboxMessage) []flags {
		var out []flags
		for _, m := range msgs {
			out = append(out, flags{m.Coalesce, m.Compact})
		}
		return out
	}
	byTip, err := s.ByTip(ctx, stored.ID)
	if err != nil {
		t.Fatal(err)
	}
	pending, err := s.Pending(ctx, relayTarget, 10)
	if err != nil {
		t.Fatal(err)
	}
	due, err := s.Due(ctx, testNow, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []tip.OutboxMessage
	for _, m := range byTip {
		g, err := s.Get(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, g)
	}
	tests := []struct {
		name string
		got  []flags
		want []flags
	}{
		{"Get", pick(got), want},
		{"ByTip", pick(byTip), want},
		{"Pending", pick(pending), want},
		{"Due", pick(due), want[:1]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("%s (Coalesce, Compact) = %v, want %v", tt.name, tt.got, tt.want)
			}
		})
	}
}

// TestOutboxRowBeforeMigration0002 builds a database with migration 0001
// only, writes a row with the old column list, and checks that after
// Open applies 0002 the row reads Coalesce false and Compact "".
func TestOutboxRowBeforeMigration0002(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tiprelay.db")
	old, err := sql.Open("sqlite3", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	body, err := migrationFS.ReadFile("migration/0001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)",
		string(body),
		"INSERT INTO schema_migrations (name, applied_at) VALUES ('0001_init.sql', 0)",
		`INSERT INTO outbox (purpose, target_chat_id, target_thread_id, kind, text, status,
			next_attempt_at, created_at) VALUES ('notice', -1, 0, 'send_text', 'old row', 'pending', 0, 1)`,
	} {
		if _, err := old.ExecContext(ctx, q); err != nil {
			t.Fatalf("build 0001 database: %v", err)
		}
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	db := mustOpenPath(t, path)
	applied, err := db.appliedMigrations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Every later migration applies on top of the old rows.
	if want, _ := migrationNames(); !reflect.DeepEqual(applied, want) {
		t.Errorf("applied migrations = %v, want %v", applied, want)
	}
	got, err := NewOutboxStore(db).Get(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != "old row" || got.Coalesce || got.Compact != "" || got.File != nil {
		t.Errorf("old row = %q, Coalesce %v, Compact %q, File %v; want \"old row\", false, \"\", nil",
			got.Text, got.Coalesce, got.Compact, got.File)
	}
}
