package metrics

import (
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/tiprelay/tiprelay/internal/analysis"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// TestAnalysisMetrics: repeats are counted by when they were folded,
// analyses by result, and OCR time only when tesseract ran.
func TestAnalysisMetrics(t *testing.T) {
	m := New(Options{})
	m.TipCreated(tip.Tip{ID: 2, DuplicateOf: 1})
	m.TipCreated(tip.Tip{ID: 3})
	m.Analysed(analysis.ResultRead, 400*time.Millisecond, true)
	m.Analysed(analysis.ResultNotDownloaded, 0, false)
	tests := []struct {
		name string
		got  float64
		want float64
	}{
		{"repeats at intake", testutil.ToFloat64(m.analysis.repeats.WithLabelValues("intake")), 1},
		{"repeats after analysis", testutil.ToFloat64(m.analysis.repeats.WithLabelValues("analysis")), 1},
		{"read", testutil.ToFloat64(m.analysis.analysed.WithLabelValues("read")), 1},
		{"not downloaded", testutil.ToFloat64(m.analysis.analysed.WithLabelValues("not_downloaded")), 1},
		{"no text yet", testutil.ToFloat64(m.analysis.analysed.WithLabelValues("no_text")), 0},
		{"OCR timings", ocrSamples(t, m), 1},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

// ocrSamples returns how many OCR durations the histogram holds.
func ocrSamples(t *testing.T, m *Metrics) float64 {
	t.Helper()
	families, err := m.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() == "tiprelay_ocr_duration_seconds" {
			return float64(f.GetMetric()[0].GetHistogram().GetSampleCount())
		}
	}
	t.Fatal("tiprelay_ocr_duration_seconds not registered")
	return 0
}
