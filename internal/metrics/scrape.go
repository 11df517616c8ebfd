package metrics

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// The metrics read at each scrape.
var (
	pendingDesc = prometheus.NewDesc("tiprelay_outbox_pending",
		"Messages waiting in the outbox per chat: each group by its chat id, every private chat together as \"private\"; at most 100 chats, the busiest.",
		[]string{"chat"}, nil)
	failingDesc = prometheus.NewDesc("tiprelay_relay_failing_chats",
		"Chats that currently refuse the bot (removed, not found); their messages wait.", nil, nil)
	rateLimitedDesc = prometheus.NewDesc("tiprelay_telegram_rate_limited_total",
		"Bot API answers 429 Too Many Requests, of any method.", nil, nil)
	lastOKDesc = prometheus.NewDesc("tiprelay_telegram_last_ok_timestamp_seconds",
		"When the Bot API last answered a call (Unix time); absent before the first answer.", nil, nil)
)

// scraped reads the database and the Telegram client when Prometheus
// scrapes.
type scraped struct {
	outbox  Outbox
	api     func() API
	timeout time.Duration
	log     *slog.Logger
}

// Describe implements prometheus.Collector.
func (s *scraped) Describe(ch chan<- *prometheus.Desc) {
	if s.outbox != nil {
		ch <- pendingDesc
		ch <- failingDesc
	}
	if s.api != nil {
		ch <- rateLimitedDesc
		ch <- lastOKDesc
	}
}

// Collect implements prometheus.Collector. A database read that fails
// leaves its metric out as an invalid metric, which the handler logs.
func (s *scraped) Collect(ch chan<- prometheus.Metric) {
	if s.outbox != nil {
		s.collectOutbox(ch)
	}
	if s.api != nil {
		a := s.api()
		ch <- prometheus.MustNewConstMetric(rateLimitedDesc, prometheus.CounterValue, float64(a.RateLimited))
		if !a.LastOK.IsZero() {
			ch <- prometheus.MustNewConstMetric(lastOKDesc, prometheus.GaugeValue, float64(a.LastOK.UnixMilli())/1000)
		}
	}
}

func (s *scraped) collectOutbox(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), s.timeout)
	defer cancel()
	pending, err := s.outbox.PendingByChat(ctx, maxPendingChats)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(pendingDesc, fmt.Errorf("read the outbox: %w", err))
	}
	for chat, n := range pending {
		label := "private"
		if chat != 0 {
			label = strconv.FormatInt(chat, 10)
		}
		ch <- prometheus.MustNewConstMetric(pendingDesc, prometheus.GaugeValue, float64(n), label)
	}
	failing, err := s.outbox.FailingTargets(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(failingDesc, fmt.Errorf("read the failing chats: %w", err))
		return
	}
	ch <- prometheus.MustNewConstMetric(failingDesc, prometheus.GaugeValue, float64(len(failing)))
}
