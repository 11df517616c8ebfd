package intake

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"testing"
)

// BenchmarkIngest measures the intake path alone: storing and processing
// batches of 100 text updates from 50 staff members, each batch in one
// transaction, on a real SQLite file.
func BenchmarkIngest(b *testing.B) {
	h := newHarnessTB(b)
	raw := fixtureTB(b, "text_url_entities.json")
	ctx := context.Background()
	id := int64(1)
	b.ResetTimer()
	for done := 0; done < b.N; {
		n := min(100, b.N-done)
		batch := make([]json.RawMessage, n)
		for i := range n {
			u := bytes.Replace(raw, []byte("850123402"), []byte(strconv.FormatInt(id, 10)), 1)
			u = bytes.Replace(u, []byte(`"message_id": 302`), []byte(`"message_id": `+strconv.FormatInt(id, 10)), 1)
			batch[i] = u
			id++
		}
		offset, _ := h.st.Updates.Offset(ctx)
		rb, next := h.svc.rawBatch(batch, offset)
		if err := h.svc.ingest(ctx, rb, next); err != nil {
			b.Fatal(err)
		}
		done += n
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tips/s")
}
