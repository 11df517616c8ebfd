package main

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// TestRelayDoesNotWaitForDownloads: while every download fails, a photo
// tip is relayed all the same, once its wait for the photo's analysis
// (imageHold) is over; its download job is pending with the failure
// recorded, to be retried.
func TestRelayDoesNotWaitForDownloads(t *testing.T) {
	srv := telegramtest.NewServer(testToken)
	defer srv.Close()
	group := srv.AddChat(telegramtest.Chat{ID: -1002233445566, Type: "supergroup", Title: "Ditintelkam"})
	staff := telegramtest.User{ID: 5123456789, FirstName: "Rina"}
	dbPath := filepath.Join(t.TempDir(), "data", "tiprelay.db")
	env := map[string]string{
		"TIPRELAY_BOT_TOKEN":     testToken,
		"TIPRELAY_API_URL":       srv.URL(),
		"TIPRELAY_DB_PATH":       dbPath,
		"TIPRELAY_RELAY_CHAT_ID": "-1002233445566",
		"TIPRELAY_STAFF_IDS":     "5123456789",
		"TIPRELAY_POLL_TIMEOUT":  "2s",
	}
	srv.Outage(time.Minute, 502, "getFile", "file")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, envOf(env), &bytes.Buffer{}, &stderr) }()

	srv.UserSends(staff, telegramtest.Photo("#hoaks bukti"))
	if err := srv.WaitTimeout(imageHold+5*time.Second, func() bool {
		return len(srv.BotMessages(group.ID)) >= 1 && len(srv.CallsTo("getFile")) >= 1
	}); err != nil {
		t.Fatalf("tip not relayed while its download fails: %v\nlog:\n%s", err, stderr.String())
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
	db, err := sqlite.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	jobs, err := sqlite.NewDownloadStore(db).ByTip(context.Background(), 1)
	if err != nil || len(jobs) != 1 {
		t.Fatalf("jobs = %+v, %v; want one", jobs, err)
	}
	if d := jobs[0]; d.Status != tip.DownloadPending || d.Attempts < 1 || d.Reason == "" {
		t.Errorf("job = %+v, want pending after a failed attempt", d)
	}
}
