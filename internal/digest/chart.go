package digest

import (
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"

	"github.com/go-analyze/charts"

	"github.com/tiprelay/tiprelay/internal/text"
)

// The chart's size in pixels, and the heights of its upper and middle
// parts.
const (
	ChartWidth  = 1000
	ChartHeight = 1160
	hoursHeight = 460
	kindsHeight = 300
)

// Chart returns a PNG image of ChartWidth × ChartHeight pixels: the tips
// per hour as bars above, the tips per kind as horizontal bars in the
// middle, and the tips per region (per category in a region digest)
// below, titled in the catalog's language. It is drawn with go-analyze/charts
// (pure Go, with its embedded font), so the same digest gives the same
// image.
func Chart(d Digest, c text.Catalog) ([]byte, error) {
	p := charts.NewPainter(charts.PainterOptions{
		OutputFormat: charts.ChartOutputPNG,
		Width:        ChartWidth,
		Height:       ChartHeight,
	})
	p.FilledRect(0, 0, ChartWidth, ChartHeight, charts.ColorWhite, charts.ColorWhite, 0)
	top := p.Child(charts.PainterBoxOption(charts.NewBox(0, 0, ChartWidth, hoursHeight)))
	middle := p.Child(charts.PainterBoxOption(charts.NewBox(0, hoursHeight, ChartWidth, hoursHeight+kindsHeight)))
	bottom := p.Child(charts.PainterBoxOption(charts.NewBox(0, hoursHeight+kindsHeight, ChartWidth, ChartHeight)))
	if err := top.BarChart(hoursChart(d, c)); err != nil {
		return nil, fmt.Errorf("draw hours chart: %w", err)
	}
	if err := middle.BarChart(kindsChart(d, c)); err != nil {
		return nil, fmt.Errorf("draw kinds chart: %w", err)
	}
	if err := bottom.BarChart(triageChart(d, c)); err != nil {
		return nil, fmt.Errorf("draw triage chart: %w", err)
	}
	png, err := p.Bytes()
	if err != nil {
		return nil, fmt.Errorf("encode chart: %w", err)
	}
	return png, nil
}

// hoursChart is the bar chart of tips per hour, labelled by the hour's
// local start ("09" in a day, "24-11 09" over several days).
func hoursChart(d Digest, c text.Catalog) charts.BarChartOption {
	values := make([]float64, len(d.Hours))
	labels := make([]string, len(d.Hours))
	layout := "15"
	if !d.Period.sameDate(d.loc()) {
		layout = "02-01 15"
	}
	for i, h := range d.Hours {
		values[i] = float64(h.Count)
		labels[i] = h.Start.Format(layout)
	}
	opt := charts.NewBarChartOptionWithData([][]float64{values})
	opt.Title.Text = c.DigestChartHours(d.Period.From.Format("MST"))
	opt.Title.Subtext = d.Period.From.Format("02-01-2006 15:04") + " – " + d.Period.To.Format("02-01-2006 15:04 MST")
	opt.Legend.Show = charts.Ptr(false)
	opt.Padding = charts.NewBox(20, 10, 30, 10)
	opt.CategoryAxis.Labels = labels
	opt.CategoryAxis.BoundaryGap = charts.Ptr(true)
	if len(labels) > 24 {
		opt.CategoryAxis.LabelCount = 12
	}
	opt.ValueAxis[0].Min = charts.Ptr(0.0)
	opt.ValueAxis[0].ValueFormatter = integer
	if len(d.Hours) <= 48 {
		opt.SeriesList[0].Label.Show = charts.Ptr(true)
		opt.SeriesList[0].Label.ValueFormatter = integer
	}
	return opt
}

// kindsChart is the horizontal bar chart of tips per kind, first kind on
// top.
func kindsChart(d Digest, c text.Catalog) charts.BarChartOption {
	labels := make([]string, len(Kinds))
	values := make([]float64, len(Kinds))
	for i, k := range Kinds {
		labels[i], values[i] = c.DigestKind(string(k)), float64(d.ByKind[k])
	}
	return countsChart(c.DigestChartKinds(), labels, values)
}

// triageChart is the horizontal bar chart of tips per region (as the
// text lists them), or per category in a region digest.
func triageChart(d Digest, c text.Catalog) charts.BarChartOption {
	var labels []string
	var values []float64
	if d.Region.Key == "" {
		for _, r := range d.Regions() {
			name := r.Name
			if r.Key == "" {
				name = c.DigestNoRegion()
			}
			labels, values = append(labels, name), append(values, float64(r.Count))
		}
		if len(labels) == 0 { // no tips and no layout
			labels, values = []string{c.DigestNoRegion()}, []float64{0}
		}
		return countsChart(c.DigestRegionsTitle(), labels, values)
	}
	for _, k := range d.Categories() {
		name := c.DigestNoCategory()
		if k.Category != "" {
			name = c.CategoryName(k.Category)
		}
		labels, values = append(labels, name), append(values, float64(k.Count))
	}
	return countsChart(c.DigestCategoriesTitle(), labels, values)
}

// countsChart is a horizontal bar chart titled title (HTML tags are
// dropped), first label on top.
func countsChart(title string, labels []string, values []float64) charts.BarChartOption {
	// The category axis runs bottom-up: reverse, so the list reads in
	// display order.
	labels, values = slices.Clone(labels), slices.Clone(values)
	slices.Reverse(labels)
	slices.Reverse(values)
	opt := charts.NewBarChartOptionWithData([][]float64{values})
	opt.Horizontal = true
	opt.Title.Text = html.UnescapeString(strings.NewReplacer("<b>", "", "</b>", "").Replace(title))
	opt.Legend.Show = charts.Ptr(false)
	opt.Padding = charts.NewBox(20, 10, 40, 20)
	opt.CategoryAxis.Labels = labels
	opt.ValueAxis[0].Min = charts.Ptr(0.0)
	opt.ValueAxis[0].ValueFormatter = integer
	opt.SeriesList[0].Label.Show = charts.Ptr(true)
	opt.SeriesList[0].Label.ValueFormatter = integer
	return opt
}

// integer formats an axis or bar value without decimals.
func integer(v float64) string { return strconv.FormatFloat(v, 'f', 0, 64) }
