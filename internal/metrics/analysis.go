package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/tiprelay/tiprelay/internal/analysis"
)

var _ analysis.Observer = (*Metrics)(nil)

// analysisMetrics count the repeats folded and the photos analysed.
type analysisMetrics struct {
	repeats  *prometheus.CounterVec
	analysed *prometheus.CounterVec
	ocrTime  prometheus.Histogram
}

func newAnalysisMetrics() analysisMetrics {
	a := analysisMetrics{
		repeats: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tiprelay_repeats_total",
			Help: "Tips folded into an earlier tip they repeat, by when: at intake (same post, file or link) or after the photo's analysis (same file or picture).",
		}, []string{"stage"}),
		analysed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tiprelay_images_analysed_total",
			Help: "Photos hashed and read after their download, by result.",
		}, []string{"result"}),
		ocrTime: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "tiprelay_ocr_duration_seconds",
			Help:    "Time tesseract took to read one photo.",
			Buckets: []float64{0.1, 0.25, 0.5, 1, 2, 5, 10, 20},
		}),
	}
	for _, s := range []string{"intake", "analysis"} {
		a.repeats.WithLabelValues(s)
	}
	for _, r := range analysis.Results() {
		a.analysed.WithLabelValues(string(r))
	}
	return a
}

func (a analysisMetrics) collectors() []prometheus.Collector {
	return []prometheus.Collector{a.repeats, a.analysed, a.ocrTime}
}

// Analysed counts one photo's analysis (analysis.Observer).
func (m *Metrics) Analysed(result analysis.Result, ocr time.Duration, folded bool) {
	m.analysis.analysed.WithLabelValues(string(result)).Inc()
	if ocr > 0 {
		m.analysis.ocrTime.Observe(ocr.Seconds())
	}
	if folded {
		m.analysis.repeats.WithLabelValues("analysis").Inc()
	}
}
