package intake_test

import (
	"context"
	"strings"
	"testing"

	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// TestReplacedMediaReachesTheGroup: a staff member replaces the photo of a
// tip with a video; the group gets the notice and the video, and the tip
// keeps the video as its evidence.
func TestReplacedMediaReachesTheGroup(t *testing.T) {
	e := startBot(t)
	sent := e.srv.UserSends(staff, telegramtest.Photo("bukti https://contoh.id/a"))
	e.waitMessages(t, group.ID, 1)
	e.waitMessages(t, staff.ID, 1)

	e.srv.EditMessageMedia(staff.ID, sent.MessageID, telegramtest.VideoMsg("bukti yang benar https://contoh.id/a"))
	got := e.waitMessages(t, group.ID, 3)
	if !strings.Contains(got[1].Text, "media diganti") {
		t.Errorf("got notice %q, want it to say the media was replaced", got[1].Text)
	}
	if got[2].Video == nil || got[2].Photo != nil || got[2].Caption != "bukti yang benar https://contoh.id/a" {
		t.Errorf("got %+v, want a copy carrying the new video and caption", got[2])
	}
	tp, err := sqlite.NewTipStore(e.db).ByMessage(context.Background(), staff.ID, sent.MessageID)
	if err != nil {
		t.Fatal(err)
	}
	if len(tp.Attachments) != 1 || tp.Attachments[0].Kind != tip.AttachVideo {
		t.Errorf("got attachments %+v, want the video", tp.Attachments)
	}
}
