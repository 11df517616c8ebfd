package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

const leakedToken = "123456789:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQr"

func TestRedactSecrets(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"token in a URL", "POST /bot" + leakedToken + "/sendMessage failed", "POST /bot<redacted>/sendMessage failed"},
		{"percent-encoded colon", "GET /bot123456789%3AAAbbCCddEEffGGhhIIjjKKllMMnnOOppQQr/x", "GET /bot<redacted>/x"},
		{"ordinary text stays", "forbidden: bot was kicked from the supergroup chat (chat -1002233445566)", "forbidden: bot was kicked from the supergroup chat (chat -1002233445566)"},
		{"a time is not a token", "retry at 10:42:07", "retry at 10:42:07"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := redactSecrets(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	long := redactSecrets(strings.Repeat("é", 3000))
	if n := utf8.RuneCountInString(long); n != maxStoredError+1 {
		t.Errorf("got %d runes from a 3000-rune error, want %d", n, maxStoredError+1)
	}
}

// TestMigrationScrubsStoredSecrets writes error texts as earlier versions
// did (the token inside a whole HTML page), then applies the scrub
// migration as an upgrade would.
func TestMigrationScrubsStoredSecrets(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tiprelay.db")
	db := mustOpenPath(t, path)
	page := "error decode response body for method sendMessage, <html><body><h1>Not Found</h1><p>The requested URL /bot" +
		leakedToken + "/sendMessage was not found on this server.</p>" + strings.Repeat("<p>x</p>", 400) + "</body></html>, invalid character '<'"
	for _, q := range []string{
		`INSERT INTO outbox (target_chat_id, kind, last_error, created_at) VALUES (-100, 'text', ?, 0)`,
		`INSERT INTO relay_targets (chat_id, failing_since, last_error) VALUES (-100, 0, ?)`,
		`INSERT INTO updates (update_id, raw, received_at, status, error) VALUES (1, x'7b7d', 0, 'failed', ?)`,
		`INSERT INTO audit (at, action, detail) VALUES (0, 'relay_failing', ?)`,
	} {
		if _, err := db.sql.ExecContext(ctx, q, page); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if _, err := db.sql.ExecContext(ctx, `DELETE FROM schema_migrations WHERE name = '0004_scrub_secrets.sql'`); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db = mustOpenPath(t, path)
	for _, q := range []string{
		`SELECT last_error FROM outbox`, `SELECT last_error FROM relay_targets`,
		`SELECT error FROM updates`, `SELECT detail FROM audit`,
	} {
		var got string
		if err := db.sql.QueryRowContext(ctx, q).Scan(&got); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if strings.Contains(got, leakedToken[10:]) || !strings.Contains(got, "/bot<redacted>/sendMessage") {
			t.Errorf("%s: got %.200q, want the token redacted", q, got)
		}
		if n := utf8.RuneCountInString(got); n > maxStoredError+1 {
			t.Errorf("%s: got %d runes, want at most %d", q, n, maxStoredError+1)
		}
	}
}
