package sqlite

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestUpdateStore(t *testing.T) {
	ctx := context.Background()
	s := NewUpdateStore(mustOpen(t))

	if got, err := s.Offset(ctx); err != nil || got != 0 {
		t.Fatalf("Offset of an empty database = %d, %v; want 0, nil", got, err)
	}
	at := testNow.Add(-time.Minute)
	batch := []tip.RawUpdate{
		{ID: 101, Raw: []byte(`{"update_id":101}`), ReceivedAt: at},
		{ID: 100, Raw: []byte(`{"update_id":100}`), ReceivedAt: at},
		{ID: 102, Raw: []byte(`{"update_id":102,"poll":{}}`), ReceivedAt: at, Status: tip.UpdateUndecodable, Error: "unknown type"},
	}
	if err := s.SaveBatch(ctx, batch, 103); err != nil {
		t.Fatal(err)
	}
	// Telegram re-sends 101 with different bytes: the first copy is kept.
	if err := s.SaveBatch(ctx, []tip.RawUpdate{{ID: 101, Raw: []byte(`{}`)}, {ID: 103, Raw: []byte(`{"update_id":103}`)}}, 104); err != nil {
		t.Fatal(err)
	}
	// An older offset never moves the stored one back.
	if err := s.SaveBatch(ctx, nil, 50); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Offset(ctx); err != nil || got != 104 {
		t.Errorf("Offset = %d, %v; want 104, nil", got, err)
	}

	got, err := s.Unprocessed(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []tip.RawUpdate{
		{ID: 100, Raw: []byte(`{"update_id":100}`), ReceivedAt: at, Status: tip.UpdateReceived},
		{ID: 101, Raw: []byte(`{"update_id":101}`), ReceivedAt: at, Status: tip.UpdateReceived},
		{ID: 103, Raw: []byte(`{"update_id":103}`), ReceivedAt: testNow, Status: tip.UpdateReceived},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Unprocessed =\n%+v\nwant\n%+v", got, want)
	}
	if got, _ := s.Unprocessed(ctx, 1); len(got) != 1 || got[0].ID != 100 {
		t.Errorf("Unprocessed(limit 1) = %+v, want update 100", got)
	}

	tests := []struct {
		name   string
		id     int64
		status tip.UpdateStatus
		errStr string
	}{
		{"done", 100, tip.UpdateDone, ""},
		{"failed", 101, tip.UpdateFailed, "boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := s.MarkProcessed(ctx, tt.id, tt.status, tt.errStr); err != nil {
				t.Fatal(err)
			}
			var status, errText string
			var processed int64
			if err := s.db.sql.QueryRow("SELECT status, error, processed_at FROM updates WHERE update_id = ?", tt.id).Scan(&status, &errText, &processed); err != nil {
				t.Fatal(err)
			}
			if status != string(tt.status) || errText != tt.errStr || processed != testNow.UnixMilli() {
				t.Errorf("got %q, %q, %d; want %q, %q, %d", status, errText, processed, tt.status, tt.errStr, testNow.UnixMilli())
			}
		})
	}
	if got, _ := s.Unprocessed(ctx, 10); len(got) != 1 || got[0].ID != 103 {
		t.Errorf("Unprocessed after marking = %+v, want only update 103", got)
	}
	if err := s.MarkProcessed(ctx, 999, tip.UpdateDone, ""); !errors.Is(err, tip.ErrNotFound) {
		t.Errorf("MarkProcessed of a missing update = %v, want tip.ErrNotFound", err)
	}
}

func TestOffsetWithoutStateRow(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	if _, err := db.sql.Exec("INSERT INTO updates (update_id, raw, received_at) VALUES (41, x'', 0)"); err != nil {
		t.Fatal(err)
	}
	if got, err := NewUpdateStore(db).Offset(ctx); err != nil || got != 42 {
		t.Errorf("Offset = %d, %v; want 42, nil", got, err)
	}
}
