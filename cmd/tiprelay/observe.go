package main

import (
	"log/slog"
	"time"

	"github.com/tiprelay/tiprelay/internal/health"
	"github.com/tiprelay/tiprelay/internal/metrics"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram"
)

// The database and its outbox are what health and metrics read.
var (
	_ health.Database = (*sqlite.DB)(nil)
	_ health.Chats    = (*sqlite.OutboxStore)(nil)
	_ metrics.Outbox  = (*sqlite.OutboxStore)(nil)
)

// newMetrics makes the bot's metrics: intake, the relay worker and the
// digest scheduler report to them (see newBot); the outbox and the
// client's view of the Bot API are read at each scrape.
func newMetrics(db *sqlite.DB, client *telegram.Client, log *slog.Logger) *metrics.Metrics {
	return metrics.New(metrics.Options{
		Outbox: sqlite.NewOutboxStore(db),
		API: func() metrics.API {
			s := client.APIStatus()
			return metrics.API{LastOK: s.LastOK, RateLimited: s.RateLimited}
		},
		Version: buildVersion(),
		Log:     log.With("component", "metrics"),
	})
}

// newHealth makes the bot's health check on its database, outbox and
// Telegram client; now is the clock (time.Now when nil).
func newHealth(db *sqlite.DB, client *telegram.Client, now func() time.Time) *health.Checker {
	return health.New(health.Options{
		DB:    db,
		Chats: sqlite.NewOutboxStore(db),
		API: func() health.API {
			s := client.APIStatus()
			return health.API{LastOK: s.LastOK, LastFailure: s.LastFailure, LastError: s.LastError, FailingSince: s.FailingSince}
		},
		Version: buildVersion(),
		Now:     now,
	})
}
