// Package metrics is tiprelay's adapter to Prometheus
// (github.com/prometheus/client_golang). Metrics implements the Observer
// interfaces of intake, the relay worker and the digest scheduler, which
// report what they did; at each scrape it also reads the outbox backlog and
// the failing chats from the database and what the Telegram client has
// seen of the Bot API. Everything is registered on a registry of its own,
// never on the process-wide default one, and served by Handler.
package metrics

import (
	"context"
	"log/slog"
	"net/http"
	"runtime"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/fetch"
	"github.com/tiprelay/tiprelay/internal/intake"
	"github.com/tiprelay/tiprelay/internal/relay"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// Metrics implements the observers of the packages that report.
var (
	_ intake.Observer = (*Metrics)(nil)
	_ relay.Observer  = (*Metrics)(nil)
	_ digest.Observer = (*Metrics)(nil)
	_ fetch.Observer  = (*Metrics)(nil)
)

// Outbox is what the scrape reads from the database (sqlite.OutboxStore
// implements it).
type Outbox interface {
	// PendingByChat returns the number of messages waiting per group chat,
	// and for every private chat together under 0, for at most limit chats.
	PendingByChat(ctx context.Context, limit int) (map[int64]int, error)
	// FailingTargets returns the chats currently failing.
	FailingTargets(ctx context.Context) ([]tip.FailingTarget, error)
}

// API is what the Telegram client has seen of the Bot API.
type API struct {
	// LastOK is when Telegram last answered a call; zero if never.
	LastOK time.Time
	// RateLimited counts the 429 answers since the start.
	RateLimited uint64
}

// Options are what New reads at each scrape, and how.
type Options struct {
	// Outbox is read at each scrape; nil leaves the outbox metrics out.
	Outbox Outbox
	// API is called at each scrape; nil leaves the Bot API metrics out.
	API func() API
	// Version is the binary's version, a label of tiprelay_build_info.
	Version string
	// ScrapeTimeout bounds the database reads of one scrape (default 2s).
	ScrapeTimeout time.Duration
	// Log gets the errors of a scrape (default: discarded).
	Log *slog.Logger
}

// maxPendingChats bounds the series of tiprelay_outbox_pending.
const maxPendingChats = 100

// Metrics holds tiprelay's metrics and their registry. Its observer
// methods are safe for concurrent use.
type Metrics struct {
	reg      *prometheus.Registry
	log      *slog.Logger
	updates  prometheus.Counter
	tips     *prometheus.CounterVec
	kinds    *prometheus.CounterVec
	sends    *prometheus.CounterVec
	sendTime prometheus.Histogram
	digests  *prometheus.CounterVec
	fetches  *prometheus.CounterVec
	fetchQ   prometheus.Gauge
	analysis analysisMetrics
}

// New registers every metric on a new registry. See README "Health and
// metrics" for the list.
func New(opt Options) *Metrics {
	if opt.ScrapeTimeout <= 0 {
		opt.ScrapeTimeout = 2 * time.Second
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		log: opt.Log,
		updates: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "tiprelay_updates_received_total",
			Help: "Telegram updates stored by intake (an update Telegram delivers again counts again).",
		}),
		tips: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tiprelay_tips_total",
			Help: "Tips created, by the category, region and priority they were created with (none when unset); later triage changes do not move it.",
		}, []string{"category", "region", "priority"}),
		kinds: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tiprelay_tip_kinds_total",
			Help: "Tips created, by content kind as digests count them; a tip counts under each of its kinds.",
		}, []string{"kind"}),
		sends: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tiprelay_sends_total",
			Help: "Outbox deliveries to Telegram by result: ok, retry, failed, 429.",
		}, []string{"result"}),
		sendTime: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "tiprelay_send_duration_seconds",
			Help:    "Time Telegram took to answer one outbox delivery (all its calls), whatever the result.",
			Buckets: []float64{0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30},
		}),
		digests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tiprelay_digest_runs_total",
			Help: "Scheduled digest runs (caught-up ones included) by result: queued, skipped, failed.",
		}, []string{"result"}),
		fetches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tiprelay_download_jobs_total",
			Help: "Attempts to download a tip's file by result: ok, too_large, gone, retry, failed.",
		}, []string{"result"}),
		fetchQ: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "tiprelay_download_jobs_pending",
			Help: "File downloads waiting (or under way), as the download worker last counted them.",
		}),
	}
	buildInfo := prometheus.NewGauge(prometheus.GaugeOpts{
		Name:        "tiprelay_build_info",
		Help:        "Always 1; the labels name the running binary.",
		ConstLabels: prometheus.Labels{"version": opt.Version, "goversion": runtime.Version()},
	})
	buildInfo.Set(1)
	// Every label value known in advance starts at 0, so that rate() and
	// the dashboard see a series before its first event.
	for _, r := range relay.SendResults() {
		m.sends.WithLabelValues(string(r))
	}
	for _, r := range digest.RunResults() {
		m.digests.WithLabelValues(string(r))
	}
	for _, r := range fetch.Results() {
		m.fetches.WithLabelValues(string(r))
	}
	for _, k := range digest.Kinds {
		m.kinds.WithLabelValues(string(k))
	}
	m.analysis = newAnalysisMetrics()
	m.reg.MustRegister(m.analysis.collectors()...)
	m.reg.MustRegister(m.updates, m.tips, m.kinds, m.sends, m.sendTime, m.digests, m.fetches, m.fetchQ, buildInfo,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		&scraped{outbox: opt.Outbox, api: opt.API, timeout: opt.ScrapeTimeout, log: opt.Log})
	return m
}

// Registry returns the registry the metrics are on, for tests and for
// another handler.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the metrics in the Prometheus text format. A metric that
// cannot be read (the database is busy) is left out and logged; the
// others are served.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		ErrorLog:      promLogger{m.log},
		ErrorHandling: promhttp.ContinueOnError,
	})
}

// UpdatesReceived counts n stored updates (intake.Observer).
func (m *Metrics) UpdatesReceived(n int) { m.updates.Add(float64(n)) }

// TipCreated counts a new tip by its triage and content kinds
// (intake.Observer).
func (m *Metrics) TipCreated(t tip.Tip) {
	priority := t.Triage.Priority
	if priority == "" {
		priority = tip.PriorityNormal
	}
	m.tips.WithLabelValues(orNone(string(t.Triage.Category)), orNone(string(t.Triage.Region)), string(priority)).Inc()
	for _, k := range digest.KindsOf(t) {
		m.kinds.WithLabelValues(string(k)).Inc()
	}
	if t.DuplicateOf != 0 {
		m.analysis.repeats.WithLabelValues("intake").Inc()
	}
}

// Sent counts one delivery and its duration (relay.Observer).
func (m *Metrics) Sent(result relay.SendResult, took time.Duration) {
	m.sends.WithLabelValues(string(result)).Inc()
	m.sendTime.Observe(took.Seconds())
}

// DigestRun counts one scheduled digest run (digest.Observer).
func (m *Metrics) DigestRun(result digest.RunResult) {
	m.digests.WithLabelValues(string(result)).Inc()
}

// Downloaded counts one download attempt (fetch.Observer).
func (m *Metrics) Downloaded(result fetch.Result) {
	m.fetches.WithLabelValues(string(result)).Inc()
}

// DownloadsPending sets the number of pending downloads (fetch.Observer).
func (m *Metrics) DownloadsPending(n int) { m.fetchQ.Set(float64(n)) }

// orNone returns s, or "none" for an unset triage field.
func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// promLogger adapts slog to promhttp's error log.
type promLogger struct{ log *slog.Logger }

func (l promLogger) Println(v ...any) { l.log.Error("metrics scrape", "err", v) }
