package telegram_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// AlertAdmins sends directly with sendMessage, tries every admin once and
// reports the ones it could not reach.
func TestAlertAdminsSendsDirectly(t *testing.T) {
	srv := telegramtest.NewServer(token)
	t.Cleanup(srv.Close)
	second := telegramtest.User{ID: 7000000002, FirstName: "Admin", LastName: "Dua"}
	srv.AddUser(admin)
	srv.AddUser(second)
	client, err := telegram.NewClient(telegram.ClientConfig{Token: token, APIURL: srv.URL(), Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	srv.FailNext("sendMessage", 1, telegramtest.InternalError())
	start := time.Now()
	err = client.AlertAdmins(context.Background(), []int64{admin.ID, second.ID}, "🛑 <b>database</b> rusak")
	if err == nil || !strings.Contains(err.Error(), "7000000001") {
		t.Errorf("got %v, want an error naming the admin that was not reached", err)
	}
	if got := srv.BotMessages(second.ID); len(got) != 1 || got[0].Text != "🛑 database rusak" {
		t.Errorf("second admin got %+v, want the alert", got)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v, want at most 10s", d)
	}
}
