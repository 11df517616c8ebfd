package sqlite

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func albumPart(chatID, messageID int64, group string, at time.Time) tip.AlbumPart {
	d := sampleTip(chatID, messageID)
	d.MediaGroupID = group
	return tip.AlbumPart{Draft: d, ReceivedAt: at}
}

func TestAlbumParts(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	s := NewAlbumStore(db)
	t0 := testNow
	parts := []tip.AlbumPart{
		albumPart(111, 21, "g1", t0.Add(2*time.Second)),
		albumPart(111, 20, "g1", t0),
		albumPart(222, 5, "g2", t0.Add(time.Second)),
	}
	for _, p := range parts {
		if err := s.PutAlbumPart(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	// Replacing a part keeps one row and takes the new draft.
	replaced := albumPart(111, 20, "g1", t0.Add(500*time.Millisecond))
	replaced.Draft.Text = "caption edited"
	if err := s.PutAlbumPart(ctx, replaced); err != nil {
		t.Fatal(err)
	}

	gotKeys, err := s.PendingAlbums(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantKeys := []tip.AlbumKey{
		{ChatID: 222, MediaGroupID: "g2", LastPartAt: t0.Add(time.Second)},
		{ChatID: 111, MediaGroupID: "g1", LastPartAt: t0.Add(2 * time.Second)},
	}
	if !reflect.DeepEqual(gotKeys, wantKeys) {
		t.Errorf("PendingAlbums = %+v, want %+v", gotKeys, wantKeys)
	}

	got, err := s.AlbumParts(ctx, 111, "g1")
	if err != nil {
		t.Fatal(err)
	}
	want := []tip.AlbumPart{replaced, parts[0]}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("AlbumParts =\n%+v\nwant\n%+v", got, want)
	}

	// Create of the merged album deletes its parts, and only its parts.
	drafts := []tip.Tip{got[0].Draft, got[1].Draft}
	if _, _, err := NewTipStore(db).Create(ctx, tip.MergeAlbum(drafts), nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.AlbumParts(ctx, 111, "g1"); len(got) != 0 {
		t.Errorf("parts of g1 after Create = %d, want 0", len(got))
	}
	if got, _ := s.AlbumParts(ctx, 222, "g2"); len(got) != 1 {
		t.Errorf("parts of g2 after Create = %d, want 1", len(got))
	}
}

func TestAlbumLatePartKept(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	s := NewAlbumStore(db)
	first := albumPart(111, 20, "g1", testNow)
	if err := s.PutAlbumPart(ctx, first); err != nil {
		t.Fatal(err)
	}
	// A part arriving after the album was read must survive its Create.
	late := albumPart(111, 21, "g1", testNow.Add(time.Second))
	if err := s.PutAlbumPart(ctx, late); err != nil {
		t.Fatal(err)
	}
	if _, _, err := NewTipStore(db).Create(ctx, first.Draft, nil); err != nil {
		t.Fatal(err)
	}
	got, err := s.AlbumParts(ctx, 111, "g1")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Draft.MessageIDs[0] != 21 {
		t.Errorf("parts left = %+v, want only message 21", got)
	}
}

func TestAlbumExistingTipClearsParts(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	part := albumPart(111, 20, "g1", testNow)
	ts := NewTipStore(db)
	if _, _, err := ts.Create(ctx, part.Draft, nil); err != nil {
		t.Fatal(err)
	}
	// The update is processed again after a crash: the part comes back.
	if err := NewAlbumStore(db).PutAlbumPart(ctx, part); err != nil {
		t.Fatal(err)
	}
	if _, created, err := ts.Create(ctx, part.Draft, nil); err != nil || created {
		t.Fatalf("Create again = created %v, %v; want false, nil", created, err)
	}
	if got := countRows(t, db, "album_parts"); got != 0 {
		t.Errorf("album parts = %d, want 0", got)
	}
}

func TestPutAlbumPartRejectsIncompleteDraft(t *testing.T) {
	tests := []struct {
		name  string
		draft tip.Tip
	}{
		{"no message id", tip.Tip{ChatID: 1, MediaGroupID: "g"}},
		{"no media group", tip.Tip{ChatID: 1, MessageIDs: []int64{1}}},
	}
	s := NewAlbumStore(mustOpen(t))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := s.PutAlbumPart(context.Background(), tip.AlbumPart{Draft: tt.draft}); err == nil {
				t.Error("PutAlbumPart succeeded, want an error")
			}
		})
	}
}
