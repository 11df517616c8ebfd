package botapi

import (
	"testing"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// TestMergeAlbumFixtures checks that the drafts of the two parts of an
// album, in either arrival order, become one tip as tip.MergeAlbum promises.
func TestMergeAlbumFixtures(t *testing.T) {
	part1 := MustParseFixture(t, "album_part1.json").Message
	part2 := MustParseFixture(t, "album_part2.json").Message
	if part1.MediaGroupID == "" || part1.MediaGroupID != part2.MediaGroupID {
		t.Fatalf("got media groups %q and %q, want one", part1.MediaGroupID, part2.MediaGroupID)
	}
	want := part1.Draft
	want.MessageIDs = []int64{311, 312}
	want.Attachments = append(append([]tip.Attachment(nil), part1.Draft.Attachments...), part2.Draft.Attachments...)

	tests := []struct {
		name  string
		parts []tip.Tip
	}{
		{"in order", []tip.Tip{part1.Draft, part2.Draft}},
		{"second part first", []tip.Tip{part2.Draft, part1.Draft}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tip.MergeAlbum(tt.parts)
			if g, w := dump(t, got), dump(t, want); g != w {
				t.Errorf("MergeAlbum:\ngot  %s\nwant %s", g, w)
			}
			if len(got.MessageIDs) < 2 || !got.HasMedia() {
				t.Errorf("got %d messages, HasMedia %v; want an album with media", len(got.MessageIDs), got.HasMedia())
			}
			if got.Attachments[0].Kind != tip.AttachPhoto || got.Attachments[1].Kind != tip.AttachVideo {
				t.Errorf("got attachments %v, want the photo then the video", got.Attachments)
			}
		})
	}
}
