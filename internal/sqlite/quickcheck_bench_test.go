package sqlite

import (
	"context"
	"testing"
)

// BenchmarkQuickCheck measures QuickCheck on the digest benchmark's
// database (1,000,000 tips with their attachments and outbox rows, about
// 1 GB; built once under os.TempDir() and reused). The MB/s metric is the
// file size read per second; the operating system's page cache is warm
// after the first run, so the first iteration is the figure of a cold
// start. Run with:
//
//	go test ./internal/sqlite -run '^$' -bench BenchmarkQuickCheck -benchtime 3x
func BenchmarkQuickCheck(b *testing.B) {
	ctx := context.Background()
	db := mustBenchDigestDB(b)
	size, err := db.Size(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("database: %d MB", size>>20)
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := db.QuickCheck(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
