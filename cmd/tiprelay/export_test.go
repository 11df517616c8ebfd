package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/cli"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// mustExportDB makes a database of four tips stored an hour apart on
// 2026-11-29 from 09:00 WITA: #2 triaged (badung, hoaks, darurat) with a
// police status set through the StatusStore; #4, "TPS 17 ditutup" with a
// screenshot (downloaded, its text read), a repeat of #2.
func mustExportDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tiprelay.db")
	now := time.Date(2026, 11, 29, 1, 0, 0, 0, time.UTC)
	db, err := sqlite.Open(ctx, path, sqlite.WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for m := int64(1); m <= 3; m++ {
		mustCreateTip(t, db, m)
		now = now.Add(time.Hour)
	}
	if err := sqlite.NewTipStore(db).SetTriage(ctx, 2, tip.Triage{Region: "badung", Category: tip.CategoryHoax, Priority: tip.PriorityUrgent}); err != nil {
		t.Fatal(err)
	}
	change := tip.StatusChange{TipID: 2, To: tip.StatusFollowUp, ChatID: -100, Unit: "Polres Badung",
		Officer: tip.Person{ID: 9, FirstName: "Komang"}, At: now}
	if err := sqlite.NewStatusStore(db).SetStatus(ctx, change); err != nil {
		t.Fatal(err)
	}
	shot := textTip(4)
	shot.Text = "TPS 17 ditutup"
	shot.Attachments = []tip.Attachment{{Kind: tip.AttachPhoto, MessageID: 4, FileID: "AgAC4", FileUniqueID: "AQAD4", FileSize: 51234}}
	repeat, _, err := sqlite.NewTipStore(db).Create(ctx, shot, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.NewRepeatStore(db).CountRepeat(ctx, repeat.ID, 2, now); err != nil {
		t.Fatal(err)
	}
	jobs, err := sqlite.NewDownloadStore(db).ByTip(ctx, repeat.ID)
	if err != nil || len(jobs) != 1 {
		t.Fatalf("download jobs of #4: %v, %v; want one", jobs, err)
	}
	done := tip.Download{AttachmentID: jobs[0].AttachmentID, Status: tip.DownloadDone,
		SHA256: "5e8ff9bf55ba3508199d22e984129be6", Size: 50999, MIME: "image/jpeg"}
	if _, err := sqlite.NewDownloadStore(db).Finish(ctx, done); err != nil {
		t.Fatal(err)
	}
	analysis := tip.ImageAnalysis{AttachmentID: jobs[0].AttachmentID, TipID: repeat.ID, Text: "TPS 17 DITUTUP", Read: true}
	if err := sqlite.NewImageStore(db).SaveAnalysis(ctx, analysis, now); err != nil {
		t.Fatal(err)
	}
	return path
}

// exportRecords runs export with args and returns the JSON records.
func exportRecords(t *testing.T, env []string, args ...string) []map[string]any {
	t.Helper()
	out, err := runCmd(t, env, append([]string{"export"}, args...)...)
	if err != nil {
		t.Fatalf("export %q: %v", args, err)
	}
	var records []map[string]any
	if err := json.Unmarshal([]byte(out), &records); err != nil {
		t.Fatalf("export %q: not a JSON array: %v\n%s", args, err, out)
	}
	return records
}

// exportNumbers runs export with args and returns the tip numbers.
func exportNumbers(t *testing.T, env []string, args ...string) []float64 {
	t.Helper()
	var got []float64
	for _, r := range exportRecords(t, env, args...) {
		got = append(got, r["number"].(float64))
	}
	return got
}

func TestExportJSON(t *testing.T) {
	env := []string{"TIPRELAY_DB_PATH=" + mustExportDB(t)}
	records := exportRecords(t, env)
	if len(records) != 4 {
		t.Fatalf("got %d records, want 4", len(records))
	}
	tests := []struct {
		name   string
		record int
		want   map[string]any
	}{
		{"an original, repeated once", 1, map[string]any{
			"number": 2.0, "time": "2026-11-29T10:00:00+08:00",
			"reporter": map[string]any{"id": 5123456789.0, "name": "Rina", "username": "rina"},
			"text":     "laporan nomor 2", "links": []any{}, "origin": nil,
			"category": "hoaks", "region": "badung", "priority": "darurat", "status": "ditindaklanjuti",
			"duplicate_of": nil, "reports": 2.0, "ocr_text": nil, "files": []any{},
		}},
		{"a repeat with a screenshot, downloaded and read", 3, map[string]any{
			"number": 4.0, "time": "2026-11-29T12:00:00+08:00",
			"reporter": map[string]any{"id": 5123456789.0, "name": "Rina", "username": "rina"},
			"text":     "TPS 17 ditutup", "links": []any{}, "origin": nil,
			"category": nil, "region": nil, "priority": "biasa", "status": nil,
			"duplicate_of": 2.0, "reports": nil, "ocr_text": "TPS 17 DITUTUP",
			"files": []any{map[string]any{"kind": "photo", "file_unique_id": "AQAD4",
				"sha256": "5e8ff9bf55ba3508199d22e984129be6", "size": 50999.0, "mime": "image/jpeg", "download": "done"}},
		}},
		{"an original never repeated", 0, map[string]any{
			"number": 1.0, "status": nil, "region": nil, "priority": "biasa", "duplicate_of": nil, "reports": 1.0,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := records[tt.record]
			if len(got) != 14 {
				t.Errorf("got fields %v, want the 14 of the contract", keys(got))
			}
			for k, w := range tt.want {
				g, ok := got[k]
				if gj, wj := mustJSON(t, g), mustJSON(t, w); !ok || gj != wj {
					t.Errorf("%s = %s, want %s", k, gj, wj)
				}
			}
		})
	}
}

func TestExportCSV(t *testing.T) {
	env := []string{"TIPRELAY_DB_PATH=" + mustExportDB(t)}
	out, err := runCmd(t, env, "export", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "\uFEFF") || strings.Count(out, "\r\n") != 5 || strings.Count(out, "\n") != 5 {
		t.Errorf("got %q, want a byte order mark and 5 rows ended by CRLF", out)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"number", "time", "reporter", "text", "links", "origin", "category", "region", "priority", "status", "duplicate_of",
			"reports", "ocr_text", "files"},
		{"1", "2026-11-29T09:00:00+08:00", "Rina @rina (5123456789)", "laporan nomor 1", "", "", "", "", "biasa", "", "", "1", "", ""},
		{"2", "2026-11-29T10:00:00+08:00", "Rina @rina (5123456789)", "laporan nomor 2", "", "", "hoaks", "badung", "darurat", "ditindaklanjuti", "", "2", "", ""},
		{"3", "2026-11-29T11:00:00+08:00", "Rina @rina (5123456789)", "laporan nomor 3", "", "", "", "", "biasa", "", "", "1", "", ""},
		{"4", "2026-11-29T12:00:00+08:00", "Rina @rina (5123456789)", "TPS 17 ditutup", "", "", "", "", "biasa", "", "2", "", "TPS 17 DITUTUP",
			"photo file_unique_id=AQAD4 download=done sha256=5e8ff9bf55ba3508199d22e984129be6 size=50999 mime=image/jpeg"},
	}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("got rows\n%q\nwant\n%q", rows, want)
	}
}

func TestExportPeriodAndQuery(t *testing.T) {
	env := []string{"TIPRELAY_DB_PATH=" + mustExportDB(t)}
	tests := []struct {
		name string
		args []string
		want []float64
	}{
		{"since a time", []string{"--since", "2026-11-29T10:00:00+08:00"}, []float64{2, 3, 4}},
		{"since just after it", []string{"--since", "2026-11-29T10:00:00.001+08:00"}, []float64{3, 4}},
		{"since a date: its midnight WITA", []string{"--since", "2026-11-29"}, []float64{1, 2, 3, 4}},
		{"since the next day", []string{"--since", "2026-11-30"}, nil},
		{"since a duration", []string{"--since", "87600h"}, []float64{1, 2, 3, 4}},
		{"until a time, excluded", []string{"--until", "2026-11-29T11:00:00+08:00"}, []float64{1, 2}},
		{"until a date: to its end", []string{"--until", "2026-11-29"}, []float64{1, 2, 3, 4}},
		{"until the day before", []string{"--until", "2026-11-28"}, nil},
		{"until a duration back from now, before every tip", []string{"--until", "87600h"}, nil},
		{"since and until", []string{"--since", "2026-11-29T10:00:00+08:00", "--until", "2026-11-29T12:00:00+08:00"}, []float64{2, 3}},
		{"a word of a tip's text", []string{"--query", "ditutup"}, []float64{4}},
		{"words, any case, all needed", []string{"--query", "Laporan NOMOR 3"}, []float64{3}},
		{"a word every tip has", []string{"--query", "laporan"}, []float64{1, 2, 3}},
		{"a word and a period", []string{"--query", "laporan", "--since", "2026-11-29T10:00:00+08:00"}, []float64{2, 3}},
		{"a word no tip has", []string{"--query", "kampanye"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := exportNumbers(t, env, tt.args...); !slices.Equal(got, tt.want) {
				t.Errorf("export %q: got tips %v, want %v", tt.args, got, tt.want)
			}
		})
	}
}

func TestExportRefusals(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "data", "tiprelay.db")
	env := []string{"TIPRELAY_DB_PATH=" + mustExportDB(t)}
	tests := []struct {
		name     string
		env      []string
		args     []string
		wantCode int
		want     string
	}{
		{"unknown format", env, []string{"export", "--format", "xml"}, 2, "unknown format"},
		{"bad --since", env, []string{"export", "--since", "yesterday"}, 2, "--since"},
		{"bad --until", env, []string{"export", "--until", "tomorrow"}, 2, "--until"},
		{"--until before --since", env, []string{"export", "--since", "2026-11-29", "--until", "2026-11-28T12:00:00+08:00"}, 2, "must be after --since"},
		{"a --query without words", env, []string{"export", "--query", "*?!"}, 2, "no word to search for"},
		{"an argument", env, []string{"export", "tips.json"}, 2, "stdout"},
		{"no database", []string{"TIPRELAY_DB_PATH=" + missing}, []string{"export"}, 1, "no database at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := runCmd(t, tt.env, tt.args...)
			var stderr bytes.Buffer
			if code := cli.ExitCode("tiprelay", err, &stderr, nil); code != tt.wantCode || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("got exit %d, %q; want %d with %q", code, stderr.String(), tt.wantCode, tt.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Dir(missing)); !os.IsNotExist(err) {
		t.Errorf("export of a missing database created %s (%v)", filepath.Dir(missing), err)
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
