package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/tiprelay/tiprelay/internal/config"
	"github.com/tiprelay/tiprelay/internal/poll"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// mustHTTPAddr waits for the log line of the health and metrics server
// and returns its address.
func mustHTTPAddr(tb testing.TB, log *syncBuffer) string {
	tb.Helper()
	var addr string
	found := func() bool {
		for _, line := range strings.Split(log.String(), "\n") {
			if !strings.Contains(line, `"msg":"serving health and metrics"`) {
				continue
			}
			var rec struct{ Addr string }
			if json.Unmarshal([]byte(line), &rec) == nil && rec.Addr != "" {
				addr = rec.Addr
				return true
			}
		}
		return false
	}
	// The log is not emulator state, whose changes the emulator's waits
	// follow: look at it every few milliseconds.
	if !poll.Until(10*time.Second, found) {
		tb.Fatalf("the health and metrics server never started\nlog:\n%s", log.String())
	}
	return addr
}

// mustGet returns the status and body of GET url.
func mustGet(tb testing.TB, url string) (int, []byte) {
	tb.Helper()
	resp, err := http.Get(url)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp.StatusCode, body
}

// mustScrape returns the metric families served at url.
func mustScrape(tb testing.TB, url string) map[string]*dto.MetricFamily {
	tb.Helper()
	code, body := mustGet(tb, url)
	if code != 200 {
		tb.Fatalf("GET %s: %d\n%s", url, code, body)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	families, err := p.TextToMetricFamilies(bytes.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	return families
}

// sample returns the value of the series of family name whose labels
// include want (name=value pairs), summed over the matching series; a
// histogram gives its sample count.
func sample(families map[string]*dto.MetricFamily, name string, want ...string) float64 {
	var sum float64
	f := families[name]
	if f == nil {
		return -1
	}
	for _, m := range f.GetMetric() {
		have := map[string]string{}
		for _, l := range m.GetLabel() {
			have[l.GetName()] = l.GetValue()
		}
		match := true
		for _, kv := range want {
			k, v, _ := strings.Cut(kv, "=")
			match = match && have[k] == v
		}
		if !match {
			continue
		}
		switch {
		case m.Counter != nil:
			sum += m.Counter.GetValue()
		case m.Gauge != nil:
			sum += m.Gauge.GetValue()
		case m.Histogram != nil:
			sum += float64(m.Histogram.GetSampleCount())
		}
	}
	return sum
}

// TestHealthAndMetricsOfTheRunningBot drives run end to end against the
// emulator with TIPRELAY_HTTP_LISTEN set: three tips, the first send
// answered 429; /metrics counts them, /healthz is healthy and lists a
// police group that removed the bot, `tiprelay health` agrees, and none
// of it shows the token.
func TestHealthAndMetricsOfTheRunningBot(t *testing.T) {
	srv := telegramtest.NewServer(testToken)
	defer srv.Close()
	group := srv.AddChat(telegramtest.Chat{ID: -1002233445566, Type: "supergroup", Title: "Ditintelkam"})
	staff := telegramtest.User{ID: 5123456789, FirstName: "Rina"}
	env := map[string]string{
		"TIPRELAY_BOT_TOKEN":     testToken,
		"TIPRELAY_API_URL":       srv.URL(),
		"TIPRELAY_DB_PATH":       filepath.Join(t.TempDir(), "data", "tiprelay.db"),
		"TIPRELAY_RELAY_CHAT_ID": "-1002233445566",
		"TIPRELAY_STAFF_IDS":     "5123456789",
		"TIPRELAY_POLL_TIMEOUT":  "2s",
		"TIPRELAY_GROUP_RATE":    "off",
		"TIPRELAY_CHAT_RATE":     "off",
		"TIPRELAY_HTTP_LISTEN":   "127.0.0.1:0",
	}
	srv.FailNext("sendMessage", 1, telegramtest.TooManyRequests(1))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, envOf(env), &bytes.Buffer{}, &stderr) }()
	addr := mustHTTPAddr(t, &stderr)
	base := "http://" + addr

	for i := 1; i <= 3; i++ {
		srv.UserSends(staff, telegramtest.Text(fmt.Sprintf("#hoaks laporan %d https://contoh.id/%d", i, i)))
		if err := srv.WaitTimeout(10*time.Second, func() bool {
			return len(srv.BotMessages(group.ID)) == i && len(srv.BotMessages(staff.ID)) == i
		}); err != nil {
			t.Fatalf("tip %d not relayed and acknowledged: %v\nlog:\n%s", i, err, stderr.String())
		}
	}
	// A send is counted once Telegram answered it, right before it is
	// recorded: wait for the last count, not for time.
	var families map[string]*dto.MetricFamily
	if err := srv.WaitTimeout(5*time.Second, func() bool {
		families = mustScrape(t, base+"/metrics")
		return sample(families, "tiprelay_sends_total", "result=ok") == 6
	}); err != nil {
		t.Fatalf("sends never counted: %v", err)
	}
	metricTests := []struct {
		name   string
		labels []string
		want   float64
	}{
		{"tiprelay_updates_received_total", nil, 3},
		{"tiprelay_tips_total", nil, 3},
		{"tiprelay_tips_total", []string{"category=hoaks", "region=none", "priority=biasa"}, 3},
		{"tiprelay_tip_kinds_total", []string{"kind=link"}, 3},
		{"tiprelay_sends_total", []string{"result=ok"}, 6},
		{"tiprelay_sends_total", []string{"result=429"}, 1},
		{"tiprelay_sends_total", []string{"result=retry"}, 0},
		{"tiprelay_sends_total", []string{"result=failed"}, 0},
		{"tiprelay_send_duration_seconds", nil, 7},
		{"tiprelay_telegram_rate_limited_total", nil, 1},
		{"tiprelay_relay_failing_chats", nil, 0},
		{"tiprelay_digest_runs_total", nil, 0},
		{"tiprelay_build_info", []string{"version=" + buildVersion()}, 1},
	}
	for _, tt := range metricTests {
		if got := sample(families, tt.name, tt.labels...); got != tt.want {
			t.Errorf("got %s%v = %v, want %v", tt.name, tt.labels, got, tt.want)
		}
	}
	if f := families["tiprelay_telegram_last_ok_timestamp_seconds"]; f == nil || f.GetMetric()[0].GetGauge().GetValue() < float64(time.Now().Add(-time.Minute).Unix()) {
		t.Errorf("got tiprelay_telegram_last_ok_timestamp_seconds %v, want within the last minute", f)
	}

	checkHealth := func(wantFailing []int64) {
		t.Helper()
		code, body := mustGet(t, base+"/healthz")
		var rep struct {
			Status       string
			Telegram     struct{ OK bool }
			FailingChats []struct {
				ChatID int64 `json:"chat_id"`
			} `json:"failing_chats"`
		}
		if err := json.Unmarshal(body, &rep); err != nil || code != 200 || rep.Status != "ok" || !rep.Telegram.OK {
			t.Fatalf("got %d %s (%v), want 200 and a healthy report", code, body, err)
		}
		var got []int64
		for _, c := range rep.FailingChats {
			got = append(got, c.ChatID)
		}
		if fmt.Sprint(got) != fmt.Sprint(wantFailing) {
			t.Errorf("got failing chats %v, want %v", got, wantFailing)
		}
		// The command Docker's HEALTHCHECK runs agrees.
		var out, errOut bytes.Buffer
		err := run(context.Background(), []string{"health"}, envOf(map[string]string{"TIPRELAY_HTTP_LISTEN": addr}), &out, &errOut)
		if code := exitCode(err, &errOut); code != 0 || !bytes.Contains(out.Bytes(), []byte(`"status": "ok"`)) {
			t.Errorf("tiprelay health: got exit code %d, output %s %s; want 0 and the report", code, out.String(), errOut.String())
		}
	}
	checkHealth(nil)

	// A police group that removes the bot is listed, and the bot stays
	// healthy: it still serves every other chat.
	srv.KickBot(group.ID)
	if err := srv.WaitTimeout(10*time.Second, func() bool {
		_, body := mustGet(t, base+"/healthz")
		return bytes.Contains(body, []byte(`"chat_id": -1002233445566`))
	}); err != nil {
		t.Fatalf("the group that removed the bot is not listed: %v", err)
	}
	checkHealth([]int64{group.ID})
	if got := sample(mustScrape(t, base+"/metrics"), "tiprelay_relay_failing_chats"); got != 1 {
		t.Errorf("got tiprelay_relay_failing_chats %v, want 1", got)
	}

	for _, path := range []string{"/healthz", "/metrics"} {
		if _, body := mustGet(t, base+path); bytes.Contains(body, []byte(testToken)) || bytes.Contains(body, []byte("AAbbCCdd")) {
			t.Errorf("got the token in %s", path)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("got %v, want a clean stop", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("run did not stop after cancellation")
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("the health server still answers after the bot stopped")
	}
}

// TestHealthFollowsTheBotAPI: the real client, against the emulator, and
// the health check on a clock: an outage makes the bot unhealthy only
// once calls have failed for two minutes, and one answer heals it.
func TestHealthFollowsTheBotAPI(t *testing.T) {
	srv := telegramtest.NewServer(testToken)
	defer srv.Close()
	client, err := newClient(config.Config{BotToken: testToken, APIURL: srv.URL(), PollTimeout: time.Second}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "tiprelay.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	clock := start
	check := newHealth(db, client, func() time.Time { return clock })
	steps := []struct {
		name     string
		outage   bool
		at       time.Duration // after start
		wantCode int
		wantText string
	}{
		{"answered", false, 0, 200, `"last_ok"`},
		{"failing a moment", true, time.Second, 200, `"failing_since"`},
		{"failing three minutes", true, 3 * time.Minute, 503, `"telegram: Bot API calls failing for 3m`},
		{"answered again", false, 3 * time.Minute, 200, `"status": "ok"`},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			srv.ClearFaults()
			if st.outage {
				srv.Outage(time.Minute, 502)
			}
			client.Me(context.Background()) //nolint:errcheck // the outcome is what the client records
			clock = start.Add(st.at)
			rec := httptest.NewRecorder()
			check.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
			if rec.Code != st.wantCode || !strings.Contains(rec.Body.String(), st.wantText) {
				t.Errorf("got %d:\n%s\nwant %d with %s", rec.Code, rec.Body, st.wantCode, st.wantText)
			}
			if strings.Contains(rec.Body.String(), testToken) {
				t.Error("got the token in the report")
			}
		})
	}
}
