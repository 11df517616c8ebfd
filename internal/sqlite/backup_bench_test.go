package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// backupBenchTips is the size of the backup benchmark's database: about
// 100 MB with the digest benchmark's rows per tip.
const backupBenchTips = 100_000

// BenchmarkBackupUnderWrites compares three ways to copy a live database
// of 100,000 tips while another connection pool (as the bot, in another
// process) commits tips, each with its two relay rows:
//
//   - vacuum-into: VACUUM INTO, what `tiprelay backup` runs: one read
//     transaction, which never blocks the writer;
//   - backup-api-all: the online backup API in one step
//     (sqlite3_backup_step(-1)), also one read transaction;
//   - backup-api-100: the online backup API 100 pages a step, as
//     sqlite3's `.backup` does. Between steps it holds no lock, and a
//     commit by any other connection restarts it from the first page, so
//     it finishes only if the copy fits between two commits. It is given
//     up after 30 s.
//
// The writer is off, paced at 1 or 20 tips a second (a quiet and a busy
// day) or flat out. Metrics: restarts/op, finished/op (1 when every run
// finished), tips-during/op (commits while the copy was made) and
// copy-MB (the size of the last copy). Run with:
//
//	go test ./internal/sqlite -run '^$' -bench BenchmarkBackupUnderWrites -benchtime 3x -timeout 30m
func BenchmarkBackupUnderWrites(b *testing.B) {
	src := mustBackupBenchDB(b)
	if st, err := os.Stat(src); err == nil {
		b.Logf("source: %d tips, %.1f MB", backupBenchTips, float64(st.Size())/(1<<20))
	}
	methods := []struct {
		name string
		copy func(ctx context.Context, db *DB, dest string) (restarts int, finished bool, err error)
	}{
		{"vacuum-into", func(ctx context.Context, db *DB, dest string) (int, bool, error) {
			return 0, true, db.VacuumInto(ctx, dest)
		}},
		{"backup-api-all", func(ctx context.Context, db *DB, dest string) (int, bool, error) {
			return backupAPI(ctx, db, dest, -1, 30*time.Second)
		}},
		{"backup-api-100", func(ctx context.Context, db *DB, dest string) (int, bool, error) {
			return backupAPI(ctx, db, dest, 100, 30*time.Second)
		}},
	}
	writers := []struct {
		name  string
		every time.Duration // 0: flat out
		off   bool
	}{
		{"writes=off", 0, true}, {"writes=1ps", time.Second, false},
		{"writes=20ps", 50 * time.Millisecond, false}, {"writes=flat-out", 0, false},
	}
	for _, w := range writers {
		for _, m := range methods {
			b.Run(m.name+"/"+w.name, func(b *testing.B) {
				ctx := context.Background()
				path := filepath.Join(b.TempDir(), "tiprelay.db")
				mustCopyFile(b, src, path)
				db := mustOpenPath(b, path)
				var written atomic.Int64
				if !w.off {
					stop := benchWriter(b, path, w.every, &written)
					defer stop()
				}
				restarts, finished := 0, 0
				var during, copySize int64
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					dest := filepath.Join(b.TempDir(), fmt.Sprintf("copy-%d.db", i))
					before := written.Load()
					r, ok, err := m.copy(ctx, db, dest)
					during += written.Load() - before
					if err != nil {
						b.Fatal(err)
					}
					restarts += r
					if ok {
						finished++
						if st, err := os.Stat(dest); err == nil {
							copySize = st.Size()
						}
					}
				}
				b.StopTimer()
				b.ReportMetric(float64(restarts)/float64(b.N), "restarts/op")
				b.ReportMetric(float64(finished)/float64(b.N), "finished/op")
				b.ReportMetric(float64(during)/float64(b.N), "tips-during/op")
				b.ReportMetric(float64(copySize)/(1<<20), "copy-MB")
			})
		}
	}
}

// backupAPI copies db to dest with the online backup API, pages a step
// (-1: all in one), giving up after limit. It counts the restarts: a step
// after which more pages remain than before it.
func backupAPI(ctx context.Context, db *DB, dest string, pages int, limit time.Duration) (restarts int, finished bool, err error) {
	dc, err := (&sqlite3.SQLiteDriver{}).Open(dest)
	if err != nil {
		return 0, false, err
	}
	destConn := dc.(*sqlite3.SQLiteConn)
	defer destConn.Close()
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return 0, false, err
	}
	defer conn.Close()
	err = conn.Raw(func(c any) error {
		srcConn := c.(guardConn).c.(*sqlite3.SQLiteConn)
		bk, err := destConn.Backup("main", srcConn, "main")
		if err != nil {
			return err
		}
		defer bk.Close()
		deadline := time.Now().Add(limit)
		remaining := -1
		for time.Now().Before(deadline) {
			done, err := bk.Step(pages)
			if err != nil {
				return err
			}
			if done {
				finished = true
				return nil
			}
			if r := bk.Remaining(); remaining >= 0 && r > remaining {
				restarts++
				remaining = r
			} else {
				remaining = r
			}
		}
		return nil
	})
	return restarts, finished, err
}

// benchWriter commits tips to path on its own pool, one every every (0:
// flat out), counting them in written, until stop is called.
func benchWriter(b *testing.B, path string, every time.Duration, written *atomic.Int64) (stop func()) {
	b.Helper()
	db := mustOpenPath(b, path)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		s := NewTipStore(db)
		var tick <-chan time.Time
		if every > 0 {
			t := time.NewTicker(every)
			defer t.Stop()
			tick = t.C
		}
		for i := int64(1); ; i++ {
			if tick != nil {
				select {
				case <-ctx.Done():
					return
				case <-tick:
				}
			} else if ctx.Err() != nil {
				return
			}
			if _, _, err := s.Create(ctx, sampleTip(888, i), relayCompose(tip.Target{ChatID: -100})); err != nil {
				if ctx.Err() == nil {
					b.Error(err)
				}
				return
			}
			written.Add(1)
		}
	}()
	return func() { cancel(); <-done }
}

// mustBackupBenchDB returns the backup benchmark's source database,
// built once under os.TempDir() with the digest benchmark's rows.
func mustBackupBenchDB(b *testing.B) string {
	b.Helper()
	names, err := migrationNames()
	if err != nil {
		b.Fatal(err)
	}
	schema := strings.TrimSuffix(names[len(names)-1], ".sql")
	path := filepath.Join(os.TempDir(), fmt.Sprintf("tiprelay-bench-backup-%s-v1.db", schema))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	ctx := context.Background()
	db, err := Open(ctx, tmp)
	if err != nil {
		b.Fatal(err)
	}
	err = db.rawTx(ctx, func(tx *sql.Tx) error {
		for _, q := range benchPopulate {
			if _, err := tx.ExecContext(ctx, q, sql.Named("n", backupBenchTips),
				sql.Named("epoch", benchEpoch.UnixMilli()),
				sql.Named("step", (24*time.Hour).Milliseconds()/benchPerDay)); err != nil {
				return err
			}
		}
		return nil
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		b.Fatalf("build %s: %v", path, err)
	}
	return path
}

// mustCopyFile copies the closed database file src to dst.
func mustCopyFile(b *testing.B, src, dst string) {
	b.Helper()
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}
