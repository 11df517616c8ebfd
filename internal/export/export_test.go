package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// wita is UTC+8, the default TIPRELAY_TIMEZONE.
var wita = time.FixedZone("WITA", 8*3600)

// sampleTips are three tips: a forwarded channel post with links, triage,
// a police status, three reports and a screenshot not downloaded yet; a
// staff member's own text that begins like a formula, a repeat of the
// first; a tip from a user with only a username, with two screenshots
// whose text was read (the second had none) and a video too large to
// download.
func sampleTips() []tip.ExportItem {
	items := []tip.ExportItem{
		{Files: []tip.ExportFile{{Kind: tip.AttachPhoto, FileUniqueID: "AQADa17", FileSize: 81234, Download: tip.DownloadPending}}},
		{},
		{Files: []tip.ExportFile{
			{Kind: tip.AttachPhoto, FileUniqueID: "AQADb19", FileSize: 95000, Download: tip.DownloadDone,
				SHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Size: 95012, MIME: "image/jpeg",
				OCRRead: true, OCRText: "- TPS 17 DITUTUP -\nbesok dibuka lagi "},
			{Kind: tip.AttachPhoto, FileUniqueID: "AQADc19", Download: tip.DownloadDone, SHA256: "e3b0c442", Size: 120, MIME: "image/png", OCRRead: true},
			{Kind: tip.AttachVideo, FileUniqueID: "BAADd19", FileSize: 31457280, MimeType: "video/mp4", Download: tip.DownloadTooLarge},
		}},
	}
	for i, t := range sampleTipsOnly() {
		items[i].Tip = t
	}
	return items
}

// sampleTipsOnly are the tips of sampleTips.
func sampleTipsOnly() []tip.Tip {
	return []tip.Tip{
		{
			ID: 17, Reporter: tip.Person{ID: 5123456789, FirstName: "Made", LastName: "Wirawan", Username: "made_w"},
			Text:  "Akun ini menyebar hoaks <b>pilkada</b>, lihat https://example.com/a?x=1&y=2",
			Links: []string{"https://example.com/a?x=1&y=2", "https://t.me/infocontoh/42"},
			Origin: &tip.Origin{Kind: tip.OriginChannel, Date: time.Date(2026, 11, 28, 22, 1, 2, 0, time.UTC),
				ChatID: -1001234567890, ChatTitle: "Info Contoh", ChatUsername: "infocontoh", MessageID: 42},
			CreatedAt: time.Date(2026, 11, 29, 2, 42, 5, 0, time.UTC),
			Triage:    tip.Triage{Region: "badung", Category: tip.CategoryHoax, Priority: tip.PriorityUrgent},
			Status:    tip.StatusState{Status: tip.StatusFollowUp, Unit: "Polres Badung"},
			Reports:   3,
		},
		{
			ID: 18, Reporter: tip.Person{ID: 22222222, FirstName: "Komang"},
			Text:      "=HYPERLINK(\"http://evil\")\nbaris kedua, \"dikutip\"",
			CreatedAt: time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC),
			Reports:   1, DuplicateOf: 17,
		},
		{
			ID: 19, Reporter: tip.Person{ID: 33333333, Username: "ayu"},
			Origin:    &tip.Origin{Kind: tip.OriginHiddenUser, SenderName: "Anonim"},
			CreatedAt: time.Date(2026, 11, 29, 16, 30, 0, 0, time.UTC),
			Triage:    tip.Triage{Category: tip.CategoryOther, Priority: tip.PriorityImportant},
			Reports:   1,
		},
	}
}

// mustExport writes tips in format f and returns the output.
func mustExport(t *testing.T, f Format, tips []tip.ExportItem) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf, f, wita)
	for _, tp := range tips {
		if err := w.Write(tp); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

func TestJSONGolden(t *testing.T) {
	got := mustExport(t, JSON, sampleTips())
	checkGolden(t, "tips.json", got)

	// Whatever the layout, a JSON array of objects with exactly the
	// contract's fields, and null where nothing is set.
	var records []map[string]json.RawMessage
	if err := json.Unmarshal(got, &records); err != nil {
		t.Fatalf("not a JSON array: %v", err)
	}
	if len(records) != 3 {
		t.Fatalf("got %d records, want 3", len(records))
	}
	for _, r := range records {
		var keys []string
		for k := range r {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		want := slices.Clone(Fields)
		slices.Sort(want)
		if !slices.Equal(keys, want) {
			t.Errorf("record fields %q, want %q", keys, want)
		}
	}
	tests := []struct {
		name   string
		record int
		field  string
		want   string
	}{
		{"unset values are null", 1, "category", "null"},
		{"no region", 1, "region", "null"},
		{"no status", 1, "status", "null"},
		{"own content has no origin", 1, "origin", "null"},
		{"no links", 1, "links", "[]"},
		{"normal priority", 1, "priority", `"biasa"`},
		{"time in the zone", 1, "time", `"2026-11-29T11:00:00+08:00"`},
		{"an original's duplicate_of", 0, "duplicate_of", "null"},
		{"an original's reports", 0, "reports", "3"},
		{"a repeat's duplicate_of", 1, "duplicate_of", "17"},
		{"a repeat's reports are its original's", 1, "reports", "null"},
		{"a tip without files", 1, "files", "[]"},
		{"a tip without files has no OCR text", 1, "ocr_text", "null"},
		{"a screenshot not read yet", 0, "ocr_text", "null"},
		{"a screenshot not downloaded yet", 0, "files",
			`[{"kind":"photo","file_unique_id":"AQADa17","sha256":null,"size":81234,"mime":null,"download":"pending"}]`},
		{"the text of the screenshots read, those without text left out", 2, "ocr_text", `"- TPS 17 DITUTUP -\nbesok dibuka lagi"`},
		{"downloaded files and one too large", 2, "files", `[` +
			`{"kind":"photo","file_unique_id":"AQADb19","sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","size":95012,"mime":"image/jpeg","download":"done"},` +
			`{"kind":"photo","file_unique_id":"AQADc19","sha256":"e3b0c442","size":120,"mime":"image/png","download":"done"},` +
			`{"kind":"video","file_unique_id":"BAADd19","sha256":null,"size":31457280,"mime":"video/mp4","download":"too_large"}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(records[tt.record][tt.field]); got != tt.want {
				t.Errorf("tip %d %s = %s, want %s", 17+tt.record, tt.field, got, tt.want)
			}
		})
	}
}

func TestJSONEmpty(t *testing.T) {
	if got := string(mustExport(t, JSON, nil)); got != "[]\n" {
		t.Errorf("got %q, want an empty array", got)
	}
}

func TestCSVGolden(t *testing.T) {
	got := mustExport(t, CSV, sampleTips())
	checkGolden(t, "tips.csv", got)

	if !bytes.HasPrefix(got, []byte("\uFEFF")) {
		t.Error("no byte order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(got, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || !slices.Equal(rows[0], Fields) {
		t.Fatalf("got %d rows, header %q; want 4 and %q", len(rows), rows[0], Fields)
	}
	if got, want := rows[0][:11], []string{"number", "time", "reporter", "text", "links", "origin",
		"category", "region", "priority", "status", "duplicate_of"}; !slices.Equal(got, want) {
		t.Errorf("got the first columns %q, want those before issue 13, %q", got, want)
	}
	tests := []struct {
		row   int
		field string
		want  string
	}{
		{1, "reporter", "Made Wirawan @made_w (5123456789)"},
		{1, "links", "https://example.com/a?x=1&y=2 https://t.me/infocontoh/42"},
		{1, "origin", "Info Contoh @infocontoh https://t.me/infocontoh/42"},
		{1, "status", "ditindaklanjuti"},
		{1, "region", "badung"},
		{1, "time", "2026-11-29T10:42:05+08:00"},
		{2, "text", "'=HYPERLINK(\"http://evil\")\nbaris kedua, \"dikutip\""},
		{2, "category", ""},
		{1, "duplicate_of", ""},
		{1, "reports", "3"},
		{1, "ocr_text", ""},
		{1, "files", "photo file_unique_id=AQADa17 download=pending size=81234"},
		{2, "duplicate_of", "17"},
		{2, "reports", ""},
		{2, "files", ""},
		{3, "reporter", "'@ayu (33333333)"},
		{3, "origin", "Anonim"},
		{3, "priority", "penting"},
		{3, "ocr_text", "'- TPS 17 DITUTUP -\nbesok dibuka lagi"},
		{3, "files", "photo file_unique_id=AQADb19 download=done sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 size=95012 mime=image/jpeg\n" +
			"photo file_unique_id=AQADc19 download=done sha256=e3b0c442 size=120 mime=image/png\n" +
			"video file_unique_id=BAADd19 download=too_large size=31457280 mime=video/mp4"},
	}
	for _, tt := range tests {
		col := slices.Index(Fields, tt.field)
		if got := rows[tt.row][col]; got != tt.want {
			t.Errorf("row %d %s = %q, want %q", tt.row, tt.field, got, tt.want)
		}
	}
}

func TestCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""}, {"biasa", "biasa"}, {"=1+1", "'=1+1"}, {"+62 812", "'+62 812"}, {"-5", "'-5"},
		{"@akun", "'@akun"}, {"\tx", "'\tx"}, {"\rx", "'\rx"}, {"a=b", "a=b"},
	}
	for _, tt := range tests {
		if got := cell(tt.in); got != tt.want {
			t.Errorf("cell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseSince(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in      string
		want    time.Time
		wantErr bool
	}{
		{"", time.Time{}, false},
		{"36h", now.Add(-36 * time.Hour), false},
		{"90m", now.Add(-90 * time.Minute), false},
		{"7d", now.AddDate(0, 0, -7), false},
		{"2026-11-28", time.Date(2026, 11, 28, 0, 0, 0, 0, wita), false},
		{"2026-11-28T08:00:00+08:00", time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC), false},
		{"-5h", time.Time{}, true},
		{"0d", time.Time{}, true},
		{"yesterday", time.Time{}, true},
	}
	for _, tt := range tests {
		got, err := ParseSince(tt.in, now, wita)
		if (err != nil) != tt.wantErr || !got.Equal(tt.want) {
			t.Errorf("ParseSince(%q) = %v, %v; want %v (error %v)", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestParseUntil(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		in      string
		want    time.Time
		wantErr string
	}{
		{"empty: no end", "", time.Time{}, ""},
		{"hours back from now", "36h", now.Add(-36 * time.Hour), ""},
		{"days back from now", "7d", now.AddDate(0, 0, -7), ""},
		{"a date: up to the end of that day", "2026-11-28", time.Date(2026, 11, 29, 0, 0, 0, 0, wita), ""},
		{"the last day of a month", "2026-11-30", time.Date(2026, 12, 1, 0, 0, 0, 0, wita), ""},
		{"an RFC 3339 time, as it is", "2026-11-28T08:00:00+08:00", time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC), ""},
		{"a negative duration", "-5h", time.Time{}, `--until "-5h": the duration must be positive`},
		{"a word", "tomorrow", time.Time{}, `--until "tomorrow": want a duration`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseUntil(tt.in, now, wita)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("got %v, %v; want an error with %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || !got.Equal(tt.want) {
				t.Errorf("got %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"json": JSON, "CSV": CSV, " csv ": CSV} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseFormat("xml"); err == nil {
		t.Error("ParseFormat(xml) succeeded")
	}
}
