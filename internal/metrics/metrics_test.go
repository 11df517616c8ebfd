package metrics

import (
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/relay"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// fakeOutbox answers the scrape's reads.
type fakeOutbox struct {
	pending map[int64]int
	failing []tip.FailingTarget
	err     error
	limit   int
}

func (f *fakeOutbox) PendingByChat(_ context.Context, limit int) (map[int64]int, error) {
	f.limit = limit
	return f.pending, f.err
}

func (f *fakeOutbox) FailingTargets(context.Context) ([]tip.FailingTarget, error) {
	return f.failing, f.err
}

// mustGather returns the value of each series of reg as "name{labels}"
// (labels in the order Gather gives them) to its value; a histogram gives
// its count and sum as name_count and name_sum.
func mustGather(tb testing.TB, reg prometheus.Gatherer) map[string]float64 {
	tb.Helper()
	families, err := reg.Gather()
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]float64{}
	for _, f := range families {
		for _, m := range f.GetMetric() {
			var labels []string
			for _, l := range m.GetLabel() {
				labels = append(labels, l.GetName()+"="+l.GetValue())
			}
			key := f.GetName()
			if len(labels) > 0 {
				key += "{" + strings.Join(labels, ",") + "}"
			}
			switch {
			case m.Counter != nil:
				out[key] = m.Counter.GetValue()
			case m.Gauge != nil:
				out[key] = m.Gauge.GetValue()
			case m.Histogram != nil:
				out[f.GetName()+"_count"] = float64(m.Histogram.GetSampleCount())
				out[f.GetName()+"_sum"] = m.Histogram.GetSampleSum()
			}
		}
	}
	return out
}

// TestMetricsAfterAKnownSequence reports three tips, four sends (one 429)
// and two digest runs, and reads every value back through Gather.
func TestMetricsAfterAKnownSequence(t *testing.T) {
	m := New(Options{Version: "v1.2.3"})
	m.UpdatesReceived(3)
	m.UpdatesReceived(1)
	m.TipCreated(tip.Tip{Text: "#hoaks #badung", Triage: tip.Triage{Category: tip.CategoryHoax, Region: "badung", Priority: tip.PriorityUrgent}})
	m.TipCreated(tip.Tip{Text: "teks", Links: []string{"https://contoh.id"}, Attachments: []tip.Attachment{{Kind: tip.AttachPhoto}}})
	m.TipCreated(tip.Tip{Text: "teks", Triage: tip.Triage{Category: tip.CategoryHoax, Region: "badung", Priority: tip.PriorityUrgent}})
	m.Sent(relay.SendOK, 100*time.Millisecond)
	m.Sent(relay.SendRateLimited, 50*time.Millisecond)
	m.Sent(relay.SendOK, 200*time.Millisecond)
	m.Sent(relay.SendFailed, 50*time.Millisecond)
	m.DigestRun(digest.RunQueued)
	m.DigestRun(digest.RunFailed)

	got := mustGather(t, m.Registry())
	tests := []struct {
		series string
		want   float64
	}{
		{"tiprelay_updates_received_total", 4},
		{"tiprelay_tips_total{category=hoaks,priority=darurat,region=badung}", 2},
		{"tiprelay_tips_total{category=none,priority=biasa,region=none}", 1},
		{"tiprelay_tip_kinds_total{kind=text}", 2},
		{"tiprelay_tip_kinds_total{kind=link}", 1},
		{"tiprelay_tip_kinds_total{kind=screenshot}", 1},
		{"tiprelay_tip_kinds_total{kind=video}", 0},
		{"tiprelay_sends_total{result=ok}", 2},
		{"tiprelay_sends_total{result=429}", 1},
		{"tiprelay_sends_total{result=retry}", 0},
		{"tiprelay_sends_total{result=failed}", 1},
		{"tiprelay_send_duration_seconds_count", 4},
		{"tiprelay_send_duration_seconds_sum", 0.4},
		{"tiprelay_digest_runs_total{result=queued}", 1},
		{"tiprelay_digest_runs_total{result=skipped}", 0},
		{"tiprelay_digest_runs_total{result=failed}", 1},
		{"tiprelay_build_info{goversion=" + goVersion(t, got) + ",version=v1.2.3}", 1},
	}
	for _, tt := range tests {
		t.Run(tt.series, func(t *testing.T) {
			v, ok := got[tt.series]
			if !ok {
				t.Fatalf("got no series %s", tt.series)
			}
			if diff := v - tt.want; diff > 1e-9 || diff < -1e-9 {
				t.Errorf("got %v, want %v", v, tt.want)
			}
		})
	}
}

// goVersion returns the goversion label of tiprelay_build_info.
func goVersion(tb testing.TB, series map[string]float64) string {
	tb.Helper()
	for k := range series {
		if rest, ok := strings.CutPrefix(k, "tiprelay_build_info{goversion="); ok {
			return strings.SplitN(rest, ",", 2)[0]
		}
	}
	tb.Fatal("got no tiprelay_build_info")
	return ""
}

// TestScrapeReadsTheDatabaseAndTheClient: the outbox backlog per chat,
// the failing chats and the Bot API figures are read at each scrape.
func TestScrapeReadsTheDatabaseAndTheClient(t *testing.T) {
	lastOK := time.Date(2026, 11, 29, 7, 0, 0, 500_000_000, time.UTC)
	out := &fakeOutbox{
		pending: map[int64]int{-1001: 3, -1002: 1, 0: 2},
		failing: []tip.FailingTarget{{ChatID: -1002, Since: lastOK, LastError: "Forbidden: bot was kicked"}},
	}
	m := New(Options{Outbox: out, API: func() API { return API{LastOK: lastOK, RateLimited: 7} }})
	got := mustGather(t, m.Registry())
	tests := []struct {
		series string
		want   float64
	}{
		{"tiprelay_outbox_pending{chat=-1001}", 3},
		{"tiprelay_outbox_pending{chat=-1002}", 1},
		{"tiprelay_outbox_pending{chat=private}", 2},
		{"tiprelay_relay_failing_chats", 1},
		{"tiprelay_telegram_rate_limited_total", 7},
		{"tiprelay_telegram_last_ok_timestamp_seconds", 1795935600.5},
	}
	for _, tt := range tests {
		if v, ok := got[tt.series]; !ok || v != tt.want {
			t.Errorf("got %s = %v (present %v), want %v", tt.series, v, ok, tt.want)
		}
	}
	if out.limit != maxPendingChats {
		t.Errorf("got limit %d, want the bound %d", out.limit, maxPendingChats)
	}
}

// TestScrapeSurvivesADatabaseError: when the database cannot be read,
// the handler still serves every other metric.
func TestScrapeSurvivesADatabaseError(t *testing.T) {
	m := New(Options{Outbox: &fakeOutbox{err: errors.New("database is locked")}})
	m.UpdatesReceived(2)
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	if rec.Code != 200 || !strings.Contains(string(body), "tiprelay_updates_received_total 2") {
		t.Errorf("got %d:\n%s\nwant 200 with the other metrics", rec.Code, body)
	}
	if strings.Contains(string(body), "tiprelay_outbox_pending") {
		t.Errorf("got the outbox metric although it could not be read:\n%s", body)
	}
}

// TestRegistryIsOwn: nothing lands on the process-wide default registry.
func TestRegistryIsOwn(t *testing.T) {
	before, err := prometheus.DefaultGatherer.Gather()
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{})
	m.UpdatesReceived(1)
	if n, err := testutil.GatherAndCount(prometheus.DefaultGatherer, "tiprelay_updates_received_total"); err != nil || n != 0 {
		t.Errorf("got %d tiprelay series on the default registry (%v), want none", n, err)
	}
	after, _ := prometheus.DefaultGatherer.Gather()
	if len(after) != len(before) {
		t.Errorf("got %d families on the default registry, had %d", len(after), len(before))
	}
}
