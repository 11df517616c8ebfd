package ocr

import (
	"context"
	"testing"
)

// BenchmarkReadScreenshot reads the chat fixture (720×1280) with the real
// tesseract, one run at a time as the bot's single worker does:
//
//	go test -run '^$' -bench ReadScreenshot -benchtime 20x ./internal/ocr/
func BenchmarkReadScreenshot(b *testing.B) {
	r := MustTesseract(b, Options{})
	img := MustFixture(b, "chat.png")
	ctx := context.Background()
	for b.Loop() {
		if _, err := r.Read(ctx, img); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/op")
}
