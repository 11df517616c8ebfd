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

// mustExportDB makes a database of three tips stored an hour apart on
// 2026-11-29 from 09:00 WITA: #2 triaged (badung, hoaks, darurat) with a
// police status set through the StatusStore.
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
	return path
}

func TestExportJSON(t *testing.T) {
	env := []string{"TIPRELAY_DB_PATH=" + mustExportDB(t)}
	out, err := runCmd(t, env, "export")
	if err != nil {
		t.Fatal(err)
	}
	var records []map[string]any
	if err := json.Unmarshal([]byte(out), &records); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, out)
	}
	if len(records) != 3 {
		t.Fatalf("got %d records, want 3", len(records))
	}
	want := map[string]any{
		"number": 2.0, "time": "2026-11-29T10:00:00+08:00",
		"reporter": map[string]any{"id": 5123456789.0, "name": "Rina", "username": "rina"},
		"text":     "laporan nomor 2", "links": []any{}, "origin": nil,
		"category": "hoaks", "region": "badung", "priority": "darurat", "status": "ditindaklanjuti",
		"duplicate_of": nil,
	}
	got := records[1]
	if len(got) != len(want) {
		t.Errorf("got fields %v, want exactly %v", keys(got), keys(want))
	}
	for k, w := range want {
		g, ok := got[k]
		if gj, wj := mustJSON(t, g), mustJSON(t, w); !ok || gj != wj {
			t.Errorf("%s = %s, want %s", k, gj, wj)
		}
	}
	if records[0]["status"] != nil || records[0]["region"] != nil || records[0]["priority"] != "biasa" {
		t.Errorf("tip 1 = %v, want no status, no region, priority biasa", records[0])
	}
}

func TestExportCSV(t *testing.T) {
	env := []string{"TIPRELAY_DB_PATH=" + mustExportDB(t)}
	out, err := runCmd(t, env, "export", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"number", "time", "reporter", "text", "links", "origin", "category", "region", "priority", "status", "duplicate_of"},
		{"1", "2026-11-29T09:00:00+08:00", "Rina @rina (5123456789)", "laporan nomor 1", "", "", "", "", "biasa", "", ""},
		{"2", "2026-11-29T10:00:00+08:00", "Rina @rina (5123456789)", "laporan nomor 2", "", "", "hoaks", "badung", "darurat", "ditindaklanjuti", ""},
		{"3", "2026-11-29T11:00:00+08:00", "Rina @rina (5123456789)", "laporan nomor 3", "", "", "", "", "biasa", "", ""},
	}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("got rows\n%q\nwant\n%q", rows, want)
	}
}

func TestExportSince(t *testing.T) {
	env := []string{"TIPRELAY_DB_PATH=" + mustExportDB(t)}
	tests := []struct {
		since string
		want  []float64
	}{
		{"2026-11-29T10:00:00+08:00", []float64{2, 3}},
		{"2026-11-29T10:00:00.001+08:00", []float64{3}},
		{"2026-11-29", []float64{1, 2, 3}}, // midnight WITA
		{"2026-11-30", nil},
		{"87600h", []float64{1, 2, 3}},
	}
	for _, tt := range tests {
		out, err := runCmd(t, env, "export", "--since", tt.since)
		if err != nil {
			t.Fatalf("--since %s: %v", tt.since, err)
		}
		var records []map[string]any
		if err := json.Unmarshal([]byte(out), &records); err != nil {
			t.Fatalf("--since %s: %v", tt.since, err)
		}
		var got []float64
		for _, r := range records {
			got = append(got, r["number"].(float64))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("--since %s: got tips %v, want %v", tt.since, got, tt.want)
		}
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
