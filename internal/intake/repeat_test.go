package intake

import (
	"slices"
	"testing"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestRepeatKeys(t *testing.T) {
	photo := func(uid string) tip.Attachment {
		return tip.Attachment{Kind: tip.AttachPhoto, FileID: "f" + uid, FileUniqueID: uid}
	}
	tests := []struct {
		name             string
		tip              tip.Tip
		stored, byLookup []string
	}{
		{"nothing to go by", tip.Tip{Text: "hanya teks"}, nil, nil},
		{"forwarded channel post",
			tip.Tip{Origin: &tip.Origin{Kind: tip.OriginChannel, ChatID: -100123, MessageID: 42}},
			[]string{"o:-100123:42"}, []string{"o:-100123:42"}},
		{"forward from a user has no post id",
			tip.Tip{Origin: &tip.Origin{Kind: tip.OriginUser, SenderID: 5}}, nil, nil},
		{"single file", tip.Tip{Attachments: []tip.Attachment{photo("AQADx")}},
			[]string{"f:AQADx"}, []string{"f:AQADx"}},
		{"album, order ignored", tip.Tip{Attachments: []tip.Attachment{photo("B"), photo("A")}},
			[]string{"a:A,B"}, []string{"a:A,B"}},
		{"one link, tracking removed",
			tip.Tip{Links: []string{"https://www.youtube.com/watch?v=dQw4w9WgXcQ&utm_source=wa"}},
			[]string{"l:youtube:dQw4w9WgXcQ"}, []string{"l:youtube:dQw4w9WgXcQ"}},
		{"the same link twice is one link",
			tip.Tip{Links: []string{"https://youtu.be/dQw4w9WgXcQ", "https://m.youtube.com/watch?v=dQw4w9WgXcQ"}},
			[]string{"l:youtube:dQw4w9WgXcQ"}, []string{"l:youtube:dQw4w9WgXcQ"}},
		{"two links: stored, not looked up",
			tip.Tip{Links: []string{"https://youtu.be/dQw4w9WgXcQ", "https://x.com/a/status/1"}},
			[]string{"l:youtube:dQw4w9WgXcQ", "l:x:1"}, nil},
		{"a link with a screenshot: the file decides",
			tip.Tip{Links: []string{"https://x.com/a/status/1"}, Attachments: []tip.Attachment{photo("Z")}},
			[]string{"f:Z", "l:x:1"}, []string{"f:Z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stored, lookup := repeatKeys(tt.tip)
			if !slices.Equal(stored, tt.stored) || !slices.Equal(lookup, tt.byLookup) {
				t.Errorf("got stored %q, lookup %q; want %q, %q", stored, lookup, tt.stored, tt.byLookup)
			}
		})
	}
}
