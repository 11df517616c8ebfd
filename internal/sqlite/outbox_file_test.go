package sqlite

import (
	"bytes"
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// fileMessage returns an upload for chat with a file of n bytes.
func fileMessage(chat int64, kind tip.OutboxKind, name, mime string, n int) tip.OutboxMessage {
	data := make([]byte, n)
	for i := range data {
		data[i] = byte(i * 7)
	}
	return tip.OutboxMessage{
		Purpose: tip.PurposeDigest, Target: tip.Target{ChatID: chat}, Kind: kind,
		Text: "Ringkasan harian", File: &tip.File{Name: name, MIME: mime, Data: data},
	}
}

// TestOutboxFileRoundTrip checks that every read returns a row's file: the
// bytes from Get and ByTip, only Name and MIME from the brief reads (Due,
// Pending and SentSince), and no file for a row without one.
func TestOutboxFileRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	s := NewOutboxStore(db)
	stored, _, err := NewTipStore(db).Create(ctx, sampleTip(111, 10), nil)
	if err != nil {
		t.Fatal(err)
	}
	csv := fileMessage(-1, tip.SendDocument, "laporan-2025-03-14.csv", "text/csv", 300_000)
	csv.TipID = stored.ID
	png := fileMessage(-2, tip.SendPhoto, "", "image/png", 0)
	plain := text(-3, 0, "no file")
	if err := s.Enqueue(ctx, csv, png, plain); err != nil {
		t.Fatal(err)
	}
	due, err := s.Due(ctx, testNow, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 3 {
		t.Fatalf("Due = %d rows, want 3", len(due))
	}
	read := func(name string, get func() (tip.OutboxMessage, error)) tip.OutboxMessage {
		t.Helper()
		m, err := get()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return m
	}
	tests := []struct {
		name     string
		got      tip.OutboxMessage
		want     *tip.File
		withData bool
	}{
		{"Due document omits data", due[0], csv.File, false},
		{"Due photo with empty name and data", due[1], png.File, false},
		{"Due without file", due[2], nil, false},
		{"Get", read("Get", func() (tip.OutboxMessage, error) { return s.Get(ctx, due[0].ID) }), csv.File, true},
		{"Get photo", read("Get", func() (tip.OutboxMessage, error) { return s.Get(ctx, due[1].ID) }), png.File, true},
		{"ByTip", read("ByTip", func() (tip.OutboxMessage, error) {
			rows, err := s.ByTip(ctx, stored.ID)
			if err == nil && len(rows) != 1 {
				t.Fatalf("ByTip = %d rows, want 1", len(rows))
			}
			return rows[0], err
		}), csv.File, true},
		{"Pending omits data", read("Pending", func() (tip.OutboxMessage, error) {
			rows, err := s.Pending(ctx, csv.Target, 10)
			if err == nil && len(rows) != 1 {
				t.Fatalf("Pending = %d rows, want 1", len(rows))
			}
			return rows[0], err
		}), csv.File, false},
		{"Pending without file", read("Pending", func() (tip.OutboxMessage, error) {
			rows, err := s.Pending(ctx, plain.Target, 10)
			if err == nil && len(rows) != 1 {
				t.Fatalf("Pending = %d rows, want 1", len(rows))
			}
			return rows[0], err
		}), nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkFile(t, tt.got.File, tt.want, tt.withData)
		})
	}

	t.Run("SentSince omits data", func(t *testing.T) {
		if err := s.MarkSent(ctx, due[0].ID, []int64{77}, testNow); err != nil {
			t.Fatal(err)
		}
		sent, err := s.SentSince(ctx, testNow.Add(-time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if len(sent) != 1 {
			t.Fatalf("SentSince = %d rows, want 1", len(sent))
		}
		checkFile(t, sent[0].File, csv.File, false)
	})
}

// checkFile compares got with want: name and MIME always, the bytes when
// withData, else Data must be nil.
func checkFile(t *testing.T, got, want *tip.File, withData bool) {
	t.Helper()
	if (got == nil) != (want == nil) {
		t.Fatalf("File = %v, want %v", got, want)
	}
	if got == nil {
		return
	}
	if got.Name != want.Name || got.MIME != want.MIME {
		t.Errorf("File = %q %q, want %q %q", got.Name, got.MIME, want.Name, want.MIME)
	}
	switch {
	case withData && !bytes.Equal(got.Data, want.Data):
		t.Errorf("File.Data = %d bytes, want the %d bytes enqueued", len(got.Data), len(want.Data))
	case !withData && got.Data != nil:
		t.Errorf("File.Data = %d bytes, want nil", len(got.Data))
	}
}

// TestOutboxBriefRowsOmitButtons checks that the reads which choose and
// plan sends (Due, Pending, SentSince) leave a row's inline keyboard out
// and that Get and ByTip, which the worker and the triage edits use,
// return it whole.
func TestOutboxBriefRowsOmitButtons(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	s := NewOutboxStore(db)
	stored, _, err := NewTipStore(db).Create(ctx, sampleTip(111, 10), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]tip.Button{{{Text: "Badung", Data: "t1:r:badung"}, {Text: "Hoaks", Data: "t1:c:hoaks"}}, {{Text: "Darurat", Data: "t1:p:darurat"}}}
	m := text(111, 0, "Laporan #1 diterima")
	m.TipID, m.Buttons = stored.ID, want
	if err := s.Enqueue(ctx, m); err != nil {
		t.Fatal(err)
	}
	due, err := s.Due(ctx, testNow, 10)
	if err != nil || len(due) != 1 {
		t.Fatalf("Due = %d rows, %v; want 1", len(due), err)
	}
	pending, err := s.Pending(ctx, m.Target, 10)
	if err != nil || len(pending) != 1 {
		t.Fatalf("Pending = %d rows, %v; want 1", len(pending), err)
	}
	got, err := s.Get(ctx, due[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	byTip, err := s.ByTip(ctx, stored.ID)
	if err != nil || len(byTip) != 1 {
		t.Fatalf("ByTip = %d rows, %v; want 1", len(byTip), err)
	}
	if err := s.MarkSent(ctx, due[0].ID, []int64{5}, testNow); err != nil {
		t.Fatal(err)
	}
	sent, err := s.SentSince(ctx, testNow.Add(-time.Second))
	if err != nil || len(sent) != 1 {
		t.Fatalf("SentSince = %d rows, %v; want 1", len(sent), err)
	}
	tests := []struct {
		name string
		got  tip.OutboxMessage
		want [][]tip.Button
	}{
		{"Due", due[0], nil},
		{"Pending", pending[0], nil},
		{"SentSince", sent[0], nil},
		{"Get", got, want},
		{"ByTip", byTip[0], want},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !reflect.DeepEqual(tt.got.Buttons, tt.want) {
				t.Errorf("Buttons = %v, want %v", tt.got.Buttons, tt.want)
			}
			if tt.got.Text != m.Text {
				t.Errorf("Text = %q, want %q", tt.got.Text, m.Text)
			}
		})
	}
}
