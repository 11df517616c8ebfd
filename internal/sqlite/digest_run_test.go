package sqlite

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// digestRun returns the run of the daily digest for day.
func digestRun(day time.Time, tips int) tip.DigestRun {
	return tip.DigestRun{
		Slot: "0 8 * * *@" + day.AddDate(0, 0, 1).Add(8*time.Hour).Format(time.RFC3339),
		From: day, To: day.AddDate(0, 0, 1), Tips: tips,
	}
}

// digestMessages returns the summary text and CSV export a digest sends.
func digestMessages() []tip.OutboxMessage {
	return []tip.OutboxMessage{
		text(-1009876543210, 7, "<b>Ringkasan</b> 3 laporan"),
		fileMessage(-1009876543210, tip.SendDocument, "laporan.csv", "text/csv", 2_000),
	}
}

func TestRecordRun(t *testing.T) {
	ctx := context.Background()
	bad := []tip.OutboxMessage{text(-1, 0, "ok"), {Purpose: tip.PurposeDigest, Kind: tip.SendText, Text: "no target"}}
	tests := []struct {
		name string
		// record runs RecordRun once or more and returns the last result.
		record       func(s *DigestStore, db *DB) (bool, error)
		wantCreated  bool
		wantErr      bool
		wantRuns     int
		wantOutboxes int
	}{
		{"first run is recorded with its messages", func(s *DigestStore, db *DB) (bool, error) {
			return s.RecordRun(ctx, digestRun(digestDay, 3), digestMessages())
		}, true, false, 1, 2},
		{"same slot again writes nothing", func(s *DigestStore, db *DB) (bool, error) {
			if _, err := s.RecordRun(ctx, digestRun(digestDay, 3), digestMessages()); err != nil {
				return false, err
			}
			return s.RecordRun(ctx, digestRun(digestDay, 4), append(digestMessages(), text(-5, 0, "more")))
		}, false, false, 1, 2},
		{"failing enqueue records no run", func(s *DigestStore, db *DB) (bool, error) {
			return s.RecordRun(ctx, digestRun(digestDay, 3), bad)
		}, false, true, 0, 0},
		{"slot stays free after a failure", func(s *DigestStore, db *DB) (bool, error) {
			s.RecordRun(ctx, digestRun(digestDay, 3), bad)
			return s.RecordRun(ctx, digestRun(digestDay, 3), digestMessages())
		}, true, false, 1, 2},
		{"failing enqueue inside Update records no run", func(s *DigestStore, db *DB) (created bool, err error) {
			uerr := db.Update(ctx, func(tx *DB) error {
				created, err = NewDigestStore(tx).RecordRun(ctx, digestRun(digestDay, 3), bad)
				return NewOutboxStore(tx).Enqueue(ctx, text(-7, 0, "other work commits"))
			})
			if uerr != nil {
				return false, uerr
			}
			return created, err
		}, false, true, 0, 1},
		{"empty slot", func(s *DigestStore, db *DB) (bool, error) {
			return s.RecordRun(ctx, tip.DigestRun{}, digestMessages())
		}, false, true, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := mustOpen(t)
			created, err := tt.record(NewDigestStore(db), db)
			if (err != nil) != tt.wantErr || created != tt.wantCreated {
				t.Errorf("RecordRun = %v, %v; want %v, error %v", created, err, tt.wantCreated, tt.wantErr)
			}
			if got := countRows(t, db, "digest_runs"); got != tt.wantRuns {
				t.Errorf("digest runs = %d, want %d", got, tt.wantRuns)
			}
			if got := countRows(t, db, "outbox"); got != tt.wantOutboxes {
				t.Errorf("outbox rows = %d, want %d", got, tt.wantOutboxes)
			}
		})
	}
}

func TestLastRun(t *testing.T) {
	ctx := context.Background()
	s := NewDigestStore(mustOpen(t))
	if _, ok, err := s.LastRun(ctx); err != nil || ok {
		t.Fatalf("LastRun of no runs = %v, %v; want false, nil", ok, err)
	}
	for _, day := range []int{1, 3, 2} {
		if _, err := s.RecordRun(ctx, digestRun(digestDay.AddDate(0, 0, day), day), nil); err != nil {
			t.Fatal(err)
		}
	}
	got, ok, err := s.LastRun(ctx)
	if err != nil || !ok {
		t.Fatalf("LastRun = %v, %v; want true, nil", ok, err)
	}
	want := digestRun(digestDay.AddDate(0, 0, 3), 3)
	want.CreatedAt = testNow
	if !reflect.DeepEqual(got, want) {
		t.Errorf("LastRun =\n%+v\nwant\n%+v", got, want)
	}
}

func TestBacklog(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	s := NewOutboxStore(db)
	relay := func(chat int64) tip.OutboxMessage {
		m := text(chat, 0, "relay")
		m.Purpose = tip.PurposeRelay
		return m
	}
	if err := s.Enqueue(ctx, relay(-1), relay(-1), relay(-2), relay(-3), relay(-4), text(-1, 0, "notice")); err != nil {
		t.Fatal(err)
	}
	// Rows 3 and 4 leave the backlog: one sent, one failed.
	if err := s.MarkSent(ctx, 3, []int64{1}, testNow); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkFailed(ctx, 4, "rejected"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetTargetFailing(ctx, -2, testNow, "Forbidden: bot was kicked"); err != nil {
		t.Fatal(err)
	}
	pending, failing, err := NewDigestStore(db).Backlog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if pending != 3 {
		t.Errorf("Backlog pending = %d, want 3", pending)
	}
	wantFailing := []tip.FailingTarget{{ChatID: -2, Since: testNow, LastError: "Forbidden: bot was kicked"}}
	if !reflect.DeepEqual(failing, wantFailing) {
		t.Errorf("Backlog failing = %+v, want %+v", failing, wantFailing)
	}
}
