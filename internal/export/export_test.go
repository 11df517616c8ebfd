package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// wita is UTC+8, the default TIPRELAY_TIMEZONE.
var wita = time.FixedZone("WITA", 8*3600)

// sampleTips are three tips: a forwarded channel post with links, triage
// and a police status; a staff member's own text that begins like a
// formula; a tip from a user with only a username.
func sampleTips() []tip.Tip {
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
		},
		{
			ID: 18, Reporter: tip.Person{ID: 22222222, FirstName: "Komang"},
			Text:      "=HYPERLINK(\"http://evil\")\nbaris kedua, \"dikutip\"",
			CreatedAt: time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC),
		},
		{
			ID: 19, Reporter: tip.Person{ID: 33333333, Username: "ayu"},
			Origin:    &tip.Origin{Kind: tip.OriginHiddenUser, SenderName: "Anonim"},
			CreatedAt: time.Date(2026, 11, 29, 16, 30, 0, 0, time.UTC),
			Triage:    tip.Triage{Category: tip.CategoryOther, Priority: tip.PriorityImportant},
		},
	}
}

// mustExport writes tips in format f and returns the output.
func mustExport(t *testing.T, f Format, tips []tip.Tip) []byte {
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
		if string(r["duplicate_of"]) != "null" {
			t.Errorf("duplicate_of = %s, want null", r["duplicate_of"])
		}
	}
	for field, want := range map[string]string{
		"number": "18", "category": "null", "region": "null", "status": "null", "origin": "null",
		"links": "[]", "priority": `"biasa"`, "time": `"2026-11-29T11:00:00+08:00"`,
	} {
		if got := string(records[1][field]); got != want {
			t.Errorf("tip 18 %s = %s, want %s", field, got, want)
		}
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
		{2, "duplicate_of", ""},
		{3, "reporter", "'@ayu (33333333)"},
		{3, "origin", "Anonim"},
		{3, "priority", "penting"},
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
