package digest

import (
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// Messages returns the outbox rows that deliver the digest to each target,
// in order: the rendered texts (SendText), then, when withFiles is true
// and the period is not empty, the CSV export (SendDocument, named like
// "laporan-2026-11-23.csv", "laporan-badung-2026-11-23.csv" for a region
// digest) and, when it has tips (not only repeats), the chart
// (SendPhoto). Rows have purpose
// digest and no DedupeKey: the caller records the run with them. If the
// chart cannot be drawn, which only a bug in the chart library could
// cause, the rows carry no chart; the texts and CSV are still sent.
// Callers configured to skip empty digests check Digest.Empty first.
func Messages(d Digest, c text.Catalog, targets []tip.Target, withFiles bool) []tip.OutboxMessage {
	texts := Render(d, c)
	var files []tip.OutboxMessage
	if withFiles && !d.Empty() {
		name := fileStamp(d)
		files = append(files, tip.OutboxMessage{
			Kind: tip.SendDocument,
			Text: c.DigestCSVCaption(d.Total, len(d.Repeats)),
			File: &tip.File{Name: c.DigestFileBase() + "-" + name + ".csv", MIME: "text/csv", Data: CSV(d)},
		})
		if d.Total > 0 {
			if png, err := Chart(d, c); err == nil {
				files = append(files, tip.OutboxMessage{
					Kind: tip.SendPhoto,
					Text: c.DigestChartCaption(),
					File: &tip.File{Name: c.DigestChartBase() + "-" + name + ".png", MIME: "image/png", Data: png},
				})
			}
		}
	}
	msgs := make([]tip.OutboxMessage, 0, len(targets)*(len(texts)+len(files)))
	for _, target := range targets {
		for _, t := range texts {
			msgs = append(msgs, tip.OutboxMessage{Purpose: tip.PurposeDigest, Target: target, Kind: tip.SendText, Text: t})
		}
		for _, f := range files {
			f.Purpose, f.Target = tip.PurposeDigest, target
			msgs = append(msgs, f)
		}
	}
	return msgs
}

// fileStamp names the period in file names: "2026-11-23" for a calendar
// day, else the local start "2026-11-23-0937"; a region digest's start
// with the region's key ("badung-2026-11-23").
func fileStamp(d Digest) string {
	layout := "2006-01-02-1504"
	if d.Period.IsDay(d.loc()) {
		layout = "2006-01-02"
	}
	if d.Region.Key != "" {
		return string(d.Region.Key) + "-" + d.Period.From.Format(layout)
	}
	return d.Period.From.Format(layout)
}
