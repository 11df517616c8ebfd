package sqlite

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// mustExportDB stores four tips an hour apart from testNow (#2's text
// says "TPS 17 ditutup"), #3 triaged with a police status.
func mustExportDB(t *testing.T) *DB {
	t.Helper()
	ctx := context.Background()
	now := testNow
	db := mustOpen(t, WithClock(func() time.Time { return now }))
	tips := NewTipStore(db)
	for i := range int64(4) {
		now = testNow.Add(time.Duration(i) * time.Hour)
		draft := sampleTip(5, i+1)
		if i == 1 {
			draft.Text = "Spanduk TPS 17 ditutup, warga diminta pulang"
		}
		if _, _, err := tips.Create(ctx, draft, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := tips.SetTriage(ctx, 3, tip.Triage{Region: "badung", Category: tip.CategoryHoax, Priority: tip.PriorityUrgent}); err != nil {
		t.Fatal(err)
	}
	change := tip.StatusChange{TipID: 3, To: tip.StatusFollowUp, ChatID: -100, Unit: "Polres Badung", Officer: tip.Person{ID: 9, FirstName: "Komang"}, At: now}
	if err := NewStatusStore(db).SetStatus(ctx, change); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestEachTip: the tips a filter selects, by number, with their triage
// and status; an error of fn stops the walk and is returned.
func TestEachTip(t *testing.T) {
	ctx := context.Background()
	s := NewExportStore(mustExportDB(t))
	hour := func(h time.Duration) time.Time { return testNow.Add(h * time.Hour) }
	tests := []struct {
		name   string
		filter tip.ExportFilter
		want   []int64
	}{
		{"every tip", tip.ExportFilter{}, []int64{1, 2, 3, 4}},
		{"since the second", tip.ExportFilter{Since: hour(1)}, []int64{2, 3, 4}},
		{"just after the second", tip.ExportFilter{Since: hour(1).Add(time.Millisecond)}, []int64{3, 4}},
		{"after the last", tip.ExportFilter{Since: hour(4)}, nil},
		{"until the third, which is excluded", tip.ExportFilter{Until: hour(2)}, []int64{1, 2}},
		{"until just after the third", tip.ExportFilter{Until: hour(2).Add(time.Millisecond)}, []int64{1, 2, 3}},
		{"until before the first", tip.ExportFilter{Until: testNow}, nil},
		{"since and until", tip.ExportFilter{Since: hour(1), Until: hour(3)}, []int64{2, 3}},
		{"a word of the text", tip.ExportFilter{Terms: tip.ParseSearch("ditutup")}, []int64{2}},
		{"the start of a word, any case", tip.ExportFilter{Terms: tip.ParseSearch("DITUT")}, []int64{2}},
		{"two words, both needed", tip.ExportFilter{Terms: tip.ParseSearch("tps pulang")}, []int64{2}},
		{"a word every tip has", tip.ExportFilter{Terms: tip.ParseSearch("contoh")}, []int64{1, 2, 3, 4}},
		{"a word and a period", tip.ExportFilter{Since: hour(2), Terms: tip.ParseSearch("contoh")}, []int64{3, 4}},
		{"a word outside the period", tip.ExportFilter{Since: hour(2), Terms: tip.ParseSearch("ditutup")}, nil},
		{"a word no tip has", tip.ExportFilter{Terms: tip.ParseSearch("kampanye")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []int64
			err := s.EachTip(ctx, tt.filter, func(it tip.ExportItem) error {
				tp := it.Tip
				got = append(got, tp.ID)
				if tp.ID == 3 && (tp.Triage.Region != "badung" || tp.Triage.Category != tip.CategoryHoax ||
					tp.Triage.Priority != tip.PriorityUrgent || tp.Status.Status != tip.StatusFollowUp || tp.Status.Unit != "Polres Badung") {
					t.Errorf("tip 3 = triage %+v, status %+v; want badung, hoaks, darurat, ditindaklanjuti by Polres Badung", tp.Triage, tp.Status)
				}
				if tp.Reporter.FirstName != "Made" || len(tp.Links) != 2 || tp.Origin == nil || len(it.Files) != 1 {
					t.Errorf("tip %d = %+v with %d files, want the reporter, links, origin and one file", tp.ID, tp, len(it.Files))
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got tips %v, want %v", got, tt.want)
			}
		})
	}

	stop := errors.New("stop")
	n := 0
	err := s.EachTip(ctx, tip.ExportFilter{}, func(tip.ExportItem) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("got %v after %d tips, want fn's error after 1", err, n)
	}
}

// TestEachTipRepeatsAndFiles: an export carries each tip's repeat fields
// and its files with their downloads and the text read from them.
func TestEachTipRepeatsAndFiles(t *testing.T) {
	ctx := context.Background()
	db := mustExportDB(t)
	// #2 and #4 repeat #1; #3 has a second file, a screenshot whose text
	// was read, and #1's file was downloaded while #4's was too large.
	repeats := NewRepeatStore(db)
	for _, r := range []int64{2, 4} {
		if _, err := repeats.CountRepeat(ctx, r, 1, testNow.Add(5*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`INSERT INTO attachments (tip_id, position, kind, file_id, file_unique_id, file_size, mime_type, ocr_text, analysed_at)
			VALUES (3, 1, 'document', 'BQAC', 'AgADd', 2048, 'application/pdf', NULL, NULL)`,
		`UPDATE attachments SET ocr_text = 'TPS 17 DITUTUP' WHERE tip_id = 3 AND position = 0`,
		`UPDATE downloads SET status = 'done', sha256 = 'ab12', size = 120000, mime_type = 'image/jpeg'
			WHERE attachment_id = (SELECT id FROM attachments WHERE tip_id = 1)`,
		`UPDATE downloads SET status = 'too_large', reason = 'over 20 MB'
			WHERE attachment_id = (SELECT id FROM attachments WHERE tip_id = 4)`,
	} {
		if _, err := db.sql.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	photo := func(f tip.ExportFile) tip.ExportFile {
		f.Kind, f.FileUniqueID, f.FileSize = tip.AttachPhoto, "AQADx", 123_456
		return f
	}
	tests := []struct {
		number       int64
		duplicateOf  int64
		reports      int
		files        []tip.ExportFile
		wantOCRFirst bool
	}{
		{1, 0, 3, []tip.ExportFile{photo(tip.ExportFile{Download: tip.DownloadDone, SHA256: "ab12", Size: 120000, MIME: "image/jpeg"})}, false},
		{2, 1, 1, []tip.ExportFile{photo(tip.ExportFile{Download: tip.DownloadPending})}, false},
		{3, 0, 1, []tip.ExportFile{
			photo(tip.ExportFile{Download: tip.DownloadPending, OCRRead: true, OCRText: "TPS 17 DITUTUP"}),
			{Kind: tip.AttachDocument, FileUniqueID: "AgADd", FileSize: 2048, MimeType: "application/pdf"}, // no download job
		}, true},
		{4, 1, 1, []tip.ExportFile{photo(tip.ExportFile{Download: tip.DownloadTooLarge})}, false},
	}
	var got []tip.ExportItem
	if err := NewExportStore(db).EachTip(ctx, tip.ExportFilter{}, func(it tip.ExportItem) error {
		got = append(got, it)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(tests) {
		t.Fatalf("got %d tips, want %d", len(got), len(tests))
	}
	for i, tt := range tests {
		it := got[i]
		if it.Tip.ID != tt.number || it.Tip.DuplicateOf != tt.duplicateOf || it.Tip.Reports != tt.reports {
			t.Errorf("got #%d repeating %d with %d reports, want #%d repeating %d with %d",
				it.Tip.ID, it.Tip.DuplicateOf, it.Tip.Reports, tt.number, tt.duplicateOf, tt.reports)
		}
		if !reflect.DeepEqual(it.Files, tt.files) {
			t.Errorf("#%d: got files %+v, want %+v", tt.number, it.Files, tt.files)
		}
	}
}
