package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// testNow is the fixed time the test clock returns.
var testNow = time.Date(2025, 3, 14, 9, 26, 53, 589_000_000, time.UTC)

// mustOpen opens a fresh database file in a temp directory with a fixed
// clock and closes it when the test ends.
func mustOpen(tb testing.TB, opts ...Option) *DB {
	tb.Helper()
	return mustOpenPath(tb, filepath.Join(tb.TempDir(), "data", "tiprelay.db"), opts...)
}

// mustOpenPath opens the database at path and closes it when the test ends.
func mustOpenPath(tb testing.TB, path string, opts ...Option) *DB {
	tb.Helper()
	opts = append([]Option{WithClock(func() time.Time { return testNow })}, opts...)
	db, err := Open(context.Background(), path, opts...)
	if err != nil {
		tb.Fatalf("Open(%q): %v", path, err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// sampleTip returns a realistic single-message tip with every field set.
func sampleTip(chatID, messageID int64) tip.Tip {
	return tip.Tip{
		UpdateID:   900_000 + messageID,
		Reporter:   tip.Person{ID: chatID, FirstName: "Made", LastName: "Wirawan", Username: "made_w"},
		ChatID:     chatID,
		MessageIDs: []int64{messageID},
		Text:       "Akun ini menjual data pribadi, lihat https://example.com/jual dan t.me/contoh/42",
		Links:      []string{"https://example.com/jual", "https://t.me/contoh/42"},
		Origin: &tip.Origin{
			Kind: tip.OriginChannel, Date: time.Date(2025, 3, 13, 22, 1, 2, 0, time.UTC),
			SenderName: "admin", ChatID: -1001234567890, ChatTitle: "Info Contoh",
			ChatUsername: "contoh", MessageID: 42,
		},
		Attachments: []tip.Attachment{{
			Kind: tip.AttachPhoto, MessageID: messageID, FileID: "AgACAgUAAxkBAAIB", FileUniqueID: "AQADx",
			FileSize: 123_456, Width: 1280, Height: 960,
		}},
		SentAt: time.Date(2025, 3, 14, 9, 26, 50, 0, time.UTC),
		Triage: tip.Triage{Priority: tip.PriorityNormal},
	}
}

// relayCompose builds the two rows a relayed tip owes: a header and a copy.
func relayCompose(target tip.Target) tip.Compose {
	return func(t tip.Tip) []tip.OutboxMessage {
		return []tip.OutboxMessage{
			{TipID: t.ID, Purpose: tip.PurposeRelay, Target: target, Kind: tip.SendText, Text: "<b>Laporan</b> " + t.Text},
			{TipID: t.ID, Purpose: tip.PurposeRelay, Target: target, Kind: tip.CopyMessages, FromChatID: t.ChatID, MessageIDs: t.MessageIDs},
		}
	}
}

// countRows returns the number of rows in table.
func countRows(tb testing.TB, db *DB, table string) int {
	tb.Helper()
	var n int
	if err := db.sql.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		tb.Fatalf("count %s: %v", table, err)
	}
	return n
}
