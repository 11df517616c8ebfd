package sqlite

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

var relayTarget = tip.Target{ChatID: -1009876543210, ThreadID: 7}

func TestTipRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := NewTipStore(mustOpen(t))

	in := sampleTip(111, 50)
	in.MessageIDs = []int64{50, 51, 52}
	in.MediaGroupID = "13912345678901234"
	in.EditedAt = time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)
	in.Origin = &tip.Origin{
		Kind: tip.OriginUser, Date: time.Date(2025, 3, 13, 1, 2, 3, 4_000_000, time.UTC),
		SenderName: "Budi", SenderUsername: "budi", SenderID: 4242,
		ChatID: -100111, ChatTitle: "Grup", ChatUsername: "grup", MessageID: 9,
	}
	in.Attachments = []tip.Attachment{
		{Kind: tip.AttachPhoto, MessageID: 50, FileID: "f1", FileUniqueID: "u1", FileSize: 1000, Width: 800, Height: 600},
		{Kind: tip.AttachVideo, MessageID: 51, FileID: "f2", FileUniqueID: "u2", FileSize: 2_000_000, FileName: "clip.mp4", MimeType: "video/mp4", Width: 1920, Height: 1080, Duration: 31},
		{Kind: tip.AttachDocument, MessageID: 52, FileID: "f3", FileUniqueID: "u3", FileSize: 5, FileName: "bukti.pdf", MimeType: "application/pdf"},
	}

	stored, created, err := s.Create(ctx, in, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !created {
		t.Fatal("created = false, want true")
	}
	want := in
	want.ID = 1
	want.CreatedAt = testNow
	want.Reports = 1 // an original is its own first report
	if !reflect.DeepEqual(stored, want) {
		t.Errorf("Create returned\n%+v\nwant\n%+v", stored, want)
	}
	for _, tt := range []struct {
		name string
		get  func() (tip.Tip, error)
	}{
		{"Get", func() (tip.Tip, error) { return s.Get(ctx, 1) }},
		{"ByMessage first", func() (tip.Tip, error) { return s.ByMessage(ctx, 111, 50) }},
		{"ByMessage last", func() (tip.Tip, error) { return s.ByMessage(ctx, 111, 52) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.get()
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}

func TestTipMinimalRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := NewTipStore(mustOpen(t))
	in := tip.Tip{Reporter: tip.Person{ID: 5}, ChatID: 5, MessageIDs: []int64{1}, Text: "https://x.test"}
	stored, _, err := s.Create(ctx, in, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(ctx, stored.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := in
	want.ID, want.CreatedAt, want.Reports = stored.ID, testNow, 1
	want.Triage.Priority = tip.PriorityNormal // a tip without one is normal
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if got.Origin != nil {
		t.Errorf("Origin = %+v, want nil", got.Origin)
	}
}

func TestTipNotFound(t *testing.T) {
	ctx := context.Background()
	s := NewTipStore(mustOpen(t))
	if _, err := s.Get(ctx, 99); !errors.Is(err, tip.ErrNotFound) {
		t.Errorf("Get error = %v, want tip.ErrNotFound", err)
	}
	if _, err := s.ByMessage(ctx, 1, 2); !errors.Is(err, tip.ErrNotFound) {
		t.Errorf("ByMessage error = %v, want tip.ErrNotFound", err)
	}
	if _, _, err := s.Edit(ctx, tip.Revision{ChatID: 1, MessageID: 2, Text: "x", EditedAt: testNow}, nil); !errors.Is(err, tip.ErrNotFound) {
		t.Errorf("Edit error = %v, want tip.ErrNotFound", err)
	}
}

func TestTipCreateIdempotent(t *testing.T) {
	tests := []struct {
		name     string
		second   []int64
		chatID   int64
		wantNew  bool
		wantTips int
	}{
		{"same message", []int64{10}, 111, false, 1},
		{"album containing the message", []int64{9, 10, 11}, 111, false, 1},
		{"album overlapping on its last message", []int64{8, 9, 10}, 111, false, 1},
		{"same message id in another chat", []int64{10}, 222, true, 2},
		{"other message", []int64{12}, 111, true, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db := mustOpen(t)
			s := NewTipStore(db)
			first, _, err := s.Create(ctx, sampleTip(111, 10), relayCompose(relayTarget))
			if err != nil {
				t.Fatal(err)
			}
			again := sampleTip(tt.chatID, tt.second[0])
			again.MessageIDs = tt.second
			got, created, err := s.Create(ctx, again, relayCompose(relayTarget))
			if err != nil {
				t.Fatal(err)
			}
			if created != tt.wantNew {
				t.Errorf("created = %v, want %v", created, tt.wantNew)
			}
			if !tt.wantNew && got.ID != first.ID {
				t.Errorf("returned tip %d, want existing tip %d", got.ID, first.ID)
			}
			if got, want := countRows(t, db, "tips"), tt.wantTips; got != want {
				t.Errorf("tips = %d, want %d", got, want)
			}
			if got, want := countRows(t, db, "outbox"), 2*tt.wantTips; got != want {
				t.Errorf("outbox rows = %d, want %d", got, want)
			}
		})
	}
}

func TestTipCreateRollsBack(t *testing.T) {
	tests := []struct {
		name    string
		compose func(cancel context.CancelFunc) tip.Compose
	}{
		{"context canceled inside compose", func(cancel context.CancelFunc) tip.Compose {
			return func(t tip.Tip) []tip.OutboxMessage {
				cancel()
				return relayCompose(relayTarget)(t)
			}
		}},
		{"row for an unknown tip", func(context.CancelFunc) tip.Compose {
			return func(t tip.Tip) []tip.OutboxMessage {
				return []tip.OutboxMessage{{TipID: t.ID + 1000, Target: relayTarget, Kind: tip.SendText, Text: "x"}}
			}
		}},
		{"row without a target", func(context.CancelFunc) tip.Compose {
			return func(t tip.Tip) []tip.OutboxMessage {
				return []tip.OutboxMessage{{TipID: t.ID, Kind: tip.SendText, Text: "x"}}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := mustOpen(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			in := sampleTip(111, 10)
			in.MediaGroupID = "album"
			if err := NewAlbumStore(db).PutAlbumPart(ctx, tip.AlbumPart{Draft: in}); err != nil {
				t.Fatal(err)
			}
			if _, _, err := NewTipStore(db).Create(ctx, in, tt.compose(cancel)); err == nil {
				t.Fatal("Create succeeded, want an error")
			}
			for _, tc := range []struct {
				table string
				want  int
			}{{"tips", 0}, {"tip_messages", 0}, {"attachments", 0}, {"outbox", 0}, {"album_parts", 1}} {
				if got := countRows(t, db, tc.table); got != tc.want {
					t.Errorf("%s rows = %d, want %d", tc.table, got, tc.want)
				}
			}
		})
	}
}

func TestTipEdit(t *testing.T) {
	created := sampleTip(111, 10)
	created.EditedAt = time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name        string
		editedAt    time.Time
		wantChanged bool
	}{
		{"newer edit", created.EditedAt.Add(time.Second), true},
		{"same time", created.EditedAt, false},
		{"older edit", created.EditedAt.Add(-time.Minute), false},
		{"sub-millisecond newer", created.EditedAt.Add(time.Microsecond), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db := mustOpen(t)
			s := NewTipStore(db)
			before, _, err := s.Create(ctx, created, nil)
			if err != nil {
				t.Fatal(err)
			}
			compose := func(t tip.Tip, mediaReplaced bool) []tip.OutboxMessage {
				if mediaReplaced {
					t.Text += " (media replaced)"
				}
				return []tip.OutboxMessage{{TipID: t.ID, Target: relayTarget, Kind: tip.SendText, Text: "edited: " + t.Text}}
			}
			// The photo is the same file: only the text changes.
			got, changed, err := s.Edit(ctx, tip.Revision{
				ChatID: 111, MessageID: 10, Text: "new text", Links: []string{"https://new.test"},
				Attachments: created.Attachments, EditedAt: tt.editedAt,
			}, compose)
			if err != nil {
				t.Fatal(err)
			}
			if changed != tt.wantChanged {
				t.Errorf("changed = %v, want %v", changed, tt.wantChanged)
			}
			want := before
			wantRows := 0
			if tt.wantChanged {
				want.Text, want.Links, want.EditedAt = "new text", []string{"https://new.test"}, tt.editedAt
				wantRows = 1
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Edit returned %+v, want %+v", got, want)
			}
			if stored, _ := s.Get(ctx, before.ID); !reflect.DeepEqual(stored, want) {
				t.Errorf("stored %+v, want %+v", stored, want)
			}
			rows, err := NewOutboxStore(db).ByTip(ctx, before.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != wantRows {
				t.Fatalf("outbox rows = %d, want %d", len(rows), wantRows)
			}
			if wantRows == 1 && rows[0].Text != "edited: new text" {
				t.Errorf("outbox text = %q, want the edited text", rows[0].Text)
			}
		})
	}
}

func TestTipConcurrentCreates(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	s := NewTipStore(db)
	const workers, perWorker = 8, 20
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		ids  = map[int64]bool{}
		errs []error
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perWorker; i++ {
				got, _, err := s.Create(ctx, sampleTip(int64(1000+w), int64(i+1)), relayCompose(relayTarget))
				mu.Lock()
				if err != nil {
					errs = append(errs, err)
				} else {
					ids[got.ID] = true
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		t.Errorf("Create: %v", err)
	}
	if got, want := len(ids), workers*perWorker; got != want {
		t.Errorf("distinct tip numbers = %d, want %d", got, want)
	}
	if got, want := countRows(t, db, "outbox"), 2*workers*perWorker; got != want {
		t.Errorf("outbox rows = %d, want %d", got, want)
	}
}
