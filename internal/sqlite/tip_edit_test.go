package sqlite

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func photo(messageID int64, unique string) tip.Attachment {
	return tip.Attachment{Kind: tip.AttachPhoto, MessageID: messageID, FileID: "file-" + unique, FileUniqueID: unique, Width: 1280, Height: 720}
}

// TestTipEditReplacesMedia: an edit that replaces the media of one message
// of a tip replaces that message's attachments in place and tells compose.
func TestTipEditReplacesMedia(t *testing.T) {
	album := sampleTip(111, 10)
	album.MessageIDs = []int64{10, 11, 12}
	album.Attachments = []tip.Attachment{photo(10, "A"), photo(11, "B"), photo(12, "C")}
	tests := []struct {
		name        string
		message     int64
		atts        []tip.Attachment
		wantFiles   string
		wantReplace bool
	}{
		{"same files", 11, []tip.Attachment{photo(11, "B")}, "[A B C]", false},
		{"no attachments in the edit", 11, nil, "[A B C]", false},
		{"photo replaced", 11, []tip.Attachment{photo(11, "B2")}, "[A B2 C]", true},
		{"photo replaced by a video", 10, []tip.Attachment{{Kind: tip.AttachVideo, FileID: "v", FileUniqueID: "V", Duration: 9}}, "[V B C]", true},
		{"more files than before go last", 10, []tip.Attachment{photo(10, "A2"), photo(10, "A3")}, "[A2 B C A3]", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			s := NewTipStore(mustOpen(t))
			created, _, err := s.Create(ctx, album, nil)
			if err != nil {
				t.Fatal(err)
			}
			var gotReplaced bool
			got, changed, err := s.Edit(ctx, tip.Revision{
				ChatID: 111, MessageID: tt.message, Text: "caption", Attachments: tt.atts,
				EditedAt: testNow.Add(time.Hour),
			}, func(_ tip.Tip, replaced bool) []tip.OutboxMessage { gotReplaced = replaced; return nil })
			if err != nil || !changed {
				t.Fatalf("Edit = %v, %v; want changed", changed, err)
			}
			if gotReplaced != tt.wantReplace {
				t.Errorf("got media replaced %v, want %v", gotReplaced, tt.wantReplace)
			}
			var files []string
			for _, a := range got.Attachments {
				files = append(files, a.FileUniqueID)
				if a.FileUniqueID == "V" && (a.MessageID != 10 || a.Kind != tip.AttachVideo) {
					t.Errorf("got %+v, want the video kept as message 10's", a)
				}
			}
			if fmt.Sprint(files) != tt.wantFiles {
				t.Errorf("got files %v, want %s", files, tt.wantFiles)
			}
			if stored, err := s.Get(ctx, created.ID); err != nil || len(stored.Attachments) != len(got.Attachments) {
				t.Errorf("stored %d attachments (%v), want %d", len(stored.Attachments), err, len(got.Attachments))
			}
		})
	}
}
