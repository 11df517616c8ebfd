package metrics

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// dashboardFile is the example Grafana dashboard.
const dashboardFile = "../../configs/grafana-dashboard.json"

// metricNameRE finds the metric names of a PromQL expression: tiprelay's
// own, and those of the Go and process collectors.
var metricNameRE = regexp.MustCompile(`\b(?:tiprelay|go|process)_[a-zA-Z0-9_]+`)

// mustExprs returns every "expr" of the dashboard's panels, by panel
// title.
func mustExprs(tb testing.TB) map[string][]string {
	tb.Helper()
	data, err := os.ReadFile(dashboardFile)
	if err != nil {
		tb.Fatal(err)
	}
	var dash struct {
		Title  string `json:"title"`
		Panels []struct {
			Title   string `json:"title"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
	}
	if err := json.Unmarshal(data, &dash); err != nil {
		tb.Fatalf("%s is not valid JSON: %v", dashboardFile, err)
	}
	if dash.Title == "" || len(dash.Panels) == 0 {
		tb.Fatalf("%s has no title or no panels", dashboardFile)
	}
	out := map[string][]string{}
	for _, p := range dash.Panels {
		for _, t := range p.Targets {
			out[p.Title] = append(out[p.Title], t.Expr)
		}
	}
	return out
}

// mustSeriesNames returns the names a query can use for the registry's
// families: a histogram's are its _bucket, _sum and _count series.
func mustSeriesNames(tb testing.TB) (all map[string]bool, own []string) {
	tb.Helper()
	out := &fakeOutbox{pending: map[int64]int{-1001: 1}}
	m := New(Options{Outbox: out, API: func() API { return API{LastOK: time.Now()} }})
	m.TipCreated(tip.Tip{Text: "x"})
	families, err := m.Registry().Gather()
	if err != nil {
		tb.Fatal(err)
	}
	all = map[string]bool{}
	for _, f := range families {
		name := f.GetName()
		if f.GetType() == dto.MetricType_HISTOGRAM {
			for _, s := range []string{"_bucket", "_sum", "_count"} {
				all[name+s] = true
			}
		} else {
			all[name] = true
		}
		if strings.HasPrefix(name, "tiprelay_") {
			own = append(own, name)
		}
	}
	return all, own
}

// TestDashboardNamesOnlyMetricsThatExist: every metric a panel queries is
// one the registry serves, and every tiprelay metric has a panel.
func TestDashboardNamesOnlyMetricsThatExist(t *testing.T) {
	all, own := mustSeriesNames(t)
	used := map[string]bool{}
	for title, exprs := range mustExprs(t) {
		for _, expr := range exprs {
			names := metricNameRE.FindAllString(expr, -1)
			if len(names) == 0 {
				t.Errorf("panel %q: expression %q names no metric", title, expr)
			}
			for _, n := range names {
				if !all[n] {
					t.Errorf("panel %q: %s is not a metric the registry serves", title, n)
				}
				used[strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(n, "_bucket"), "_sum"), "_count")] = true
			}
		}
	}
	for _, n := range own {
		if !used[n] {
			t.Errorf("%s has no panel", n)
		}
	}
	if !slices.Contains(own, "tiprelay_sends_total") {
		t.Errorf("got own metrics %v, want tiprelay_sends_total among them", own)
	}
}
