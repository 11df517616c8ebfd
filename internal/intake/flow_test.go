package intake

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestAlbumBecomesOneTipAfterQuietWindow(t *testing.T) {
	h := newHarness(t, nil)
	ctx := context.Background()
	h.feed(t, fixture(t, "album_part1.json"))
	h.now = h.now.Add(time.Second)
	h.feed(t, fixture(t, "album_part2.json"))

	next, err := h.svc.flushAlbums(ctx, h.now.Add(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(h.outbox(t)); got != 0 {
		t.Fatalf("got %d outbox rows inside the quiet window, want 0", got)
	}
	if want := h.now.Add(2 * time.Second); !next.Equal(want) {
		t.Errorf("got next flush at %v, want %v", next, want)
	}
	if _, err := h.svc.flushAlbums(ctx, h.now.Add(2*time.Second)); err != nil {
		t.Fatal(err)
	}
	rows := h.outbox(t)
	var got []string
	for _, m := range rows {
		got = append(got, shape(m))
	}
	want := []string{
		"relay send_text -> " + relayTarget.String(),
		"relay copy -> " + relayTarget.String() + " from 5123456789 #311 #312",
		"ack send_text -> 5123456789",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	tp, err := h.st.Tips.Get(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(tp.Attachments) != 2 || tp.MediaGroupID == "" {
		t.Errorf("got %d attachments, group %q; want 2 and the media group", len(tp.Attachments), tp.MediaGroupID)
	}
	// A second flush finds nothing left.
	if next, err := h.svc.flushAlbums(ctx, h.now.Add(time.Hour)); err != nil || !next.IsZero() {
		t.Errorf("got next %v err %v after flushing, want zero and nil", next, err)
	}
	if got := len(h.outbox(t)); got != 3 {
		t.Errorf("got %d rows after a second flush, want still 3", got)
	}
}

func TestRedeliveredMessageIsOneTip(t *testing.T) {
	h := newHarness(t, nil)
	raw := fixture(t, "text.json")
	h.feed(t, raw)
	h.feed(t, raw) // same update_id: ignored by the store
	// Same message under a new update id, as after a lost confirmation.
	h.feed(t, bytes.Replace(raw, []byte("850123401"), []byte("850129999"), 1))
	if got := len(h.outbox(t)); got != 2 {
		t.Errorf("got %d outbox rows, want 2 (one tip in one message, one ack)", got)
	}
	if _, err := h.st.Tips.Get(context.Background(), 2); !errors.Is(err, tip.ErrNotFound) {
		t.Errorf("got %v for tip #2, want ErrNotFound", err)
	}
}

func TestEditUpdatesTipAndNotifiesGroup(t *testing.T) {
	h := newHarness(t, nil)
	h.feed(t, fixture(t, "text.json"))
	h.feed(t, fixture(t, "edited_message.json"))
	h.feed(t, bytes.Replace(fixture(t, "edited_message.json"), []byte("850123424"), []byte("850123999"), 1))
	tp, err := h.st.Tips.Get(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tp.Text, "Tamalanrea") || len(tp.Links) != 1 || tp.EditedAt.IsZero() {
		t.Errorf("got text %q links %v edited %v, want the edited text, its link and the edit time", tp.Text, tp.Links, tp.EditedAt)
	}
	rows := h.outbox(t)
	if len(rows) != 3 {
		t.Fatalf("got %d rows, want 2 for the tip and 1 edit notice (the repeated edit is a no-op)", len(rows))
	}
	if last := rows[2]; last.Target != relayTarget || !strings.Contains(last.Text, "Laporan #1</b> diubah") {
		t.Errorf("got %v %q, want the edit notice to the relay group", last.Target, last.Text)
	}
}

// TestEditReplacingMediaRelaysTheNewVersion: when staff replace the photo
// of a tip, the stored attachment changes and the group gets the notice and
// a copy of the edited message, which carries the new photo; an edit of the
// caption alone sends the notice only.
func TestEditReplacingMediaRelaysTheNewVersion(t *testing.T) {
	h := newHarness(t, nil)
	h.feed(t, fixture(t, "photo.json"))
	// The caption alone edited, as Telegram sends it: same photo.
	captionOnly := bytes.Replace(fixture(t, "photo.json"), []byte(`"message":`), []byte(`"edited_message":`), 1)
	captionOnly = bytes.Replace(captionOnly, []byte(`"date": 1770091740,`), []byte(`"date": 1770091740, "edit_date": 1770091800,`), 1)
	captionOnly = bytes.Replace(captionOnly, []byte("850123410"), []byte("850123460"), 1)
	h.feed(t, captionOnly)
	rows := h.outbox(t)
	if len(rows) != 3 || strings.Contains(rows[2].Text, "media diganti") {
		t.Fatalf("got %d rows (last %q), want the tip's 2 and a notice without a media change", len(rows), rows[len(rows)-1].Text)
	}

	h.feed(t, fixture(t, "edited_photo.json"))
	tp, err := h.st.Tips.Get(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(tp.Attachments) != 1 || tp.Attachments[0].FileUniqueID != "AQADYq3" || tp.Attachments[0].Height != 960 {
		t.Errorf("got attachments %+v, want the new photo only", tp.Attachments)
	}
	rows = h.outbox(t)
	if len(rows) != 5 {
		t.Fatalf("got %d rows, want 3 and a notice and a copy", len(rows))
	}
	notice, copied := rows[3], rows[4]
	if notice.Target != relayTarget || !strings.Contains(notice.Text, "media diganti") {
		t.Errorf("got notice %v %q, want the media-replaced notice to the group", notice.Target, notice.Text)
	}
	if copied.Target != relayTarget || copied.Kind != tip.CopyMessages || copied.FromChatID != staffID || fmt.Sprint(copied.MessageIDs) != "[310]" {
		t.Errorf("got %+v, want a copy of the edited message 310 to the group", copied)
	}
}

// panicky wraps a TipStore and panics after Create wrote the tip, standing
// in for a bug: the tip's partial writes must be undone.
type panicky struct{ tip.TipStore }

func (p panicky) Create(ctx context.Context, t tip.Tip, c tip.Compose) (tip.Tip, bool, error) {
	p.TipStore.Create(ctx, t, c)
	panic("boom")
}

// flaky fails Create with a storage error n times.
type flaky struct {
	tip.TipStore
	n int
}

func (f *flaky) Create(ctx context.Context, t tip.Tip, c tip.Compose) (tip.Tip, bool, error) {
	if f.n > 0 {
		f.n--
		return tip.Tip{}, false, errors.New("disk I/O error")
	}
	return f.TipStore.Create(ctx, t, c)
}

func TestPoisonUpdatesDoNotStallTheStream(t *testing.T) {
	tests := []struct {
		name string
		wrap func(tip.TipStore) tip.TipStore
		raw  func(t *testing.T) []byte
	}{
		{"undecodable json", nil, func(*testing.T) []byte { return []byte(`{"update_id": 850100000, "message": {"message_id": "x"`) }},
		{"panic while processing", func(s tip.TipStore) tip.TipStore { return panicky{s} }, func(t *testing.T) []byte { return fixture(t, "photo.json") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.wrap)
			h.feed(t, tt.raw(t), fixture(t, "command_start.json"))
			rows := h.outbox(t)
			if len(rows) != 1 || !strings.Contains(rows[0].Text, "Cara melapor") {
				t.Fatalf("got %d rows, want the /start answer after the poison update", len(rows))
			}
		})
	}
}

func TestStorageErrorIsRetriedThenGivenUp(t *testing.T) {
	f := &flaky{n: 2}
	h := newHarness(t, func(s tip.TipStore) tip.TipStore { f.TipStore = s; return f })
	ctx := context.Background()
	raw := fixture(t, "text.json")
	batch, next := h.svc.rawBatch([]json.RawMessage{raw}, 0)
	if err := h.st.Updates.SaveBatch(ctx, batch, next); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if err := h.svc.drain(ctx); err == nil {
			t.Fatalf("drain %d: got nil, want the storage error", i)
		}
	}
	if err := h.svc.drain(ctx); err != nil {
		t.Fatalf("third drain: %v", err)
	}
	if got := len(h.outbox(t)); got != 2 {
		t.Errorf("got %d rows, want the tip relayed once the store recovered", got)
	}

	f.n = maxAttempts
	raw2 := bytes.Replace(bytes.Replace(raw, []byte("850123401"), []byte("850123402"), 1), []byte(`"message_id": 301`), []byte(`"message_id": 399`), 1)
	batch, next = h.svc.rawBatch([]json.RawMessage{raw2}, next)
	if err := h.st.Updates.SaveBatch(ctx, batch, next); err != nil {
		t.Fatal(err)
	}
	for range maxAttempts - 1 {
		h.svc.drain(ctx)
	}
	if err := h.svc.drain(ctx); err != nil {
		t.Fatalf("got %v, want the update given up after %d attempts", err, maxAttempts)
	}
	if pending, _ := h.st.Updates.Unprocessed(ctx, 10); len(pending) != 0 {
		t.Errorf("got %d pending updates, want 0", len(pending))
	}
}

// TestUpdateTheLibraryCannotDecodeStillBecomesATip shows why intake decodes
// updates itself: go-telegram/bot's models reject a forward_origin type they
// do not know (and its polling loop would drop the whole batch), while
// tiprelay keeps the unknown kind and relays the tip.
func TestUpdateTheLibraryCannotDecodeStillBecomesATip(t *testing.T) {
	raw := fixture(t, "forward_unknown_origin.json")
	var u models.Update
	if err := json.Unmarshal(raw, &u); err == nil {
		t.Fatal("go-telegram/bot decoded the unknown origin; this test no longer shows anything")
	}
	h := newHarness(t, nil)
	h.feed(t, raw)
	tp, err := h.st.Tips.Get(context.Background(), 1)
	if err != nil {
		t.Fatalf("got %v, want tip #1", err)
	}
	if tp.Origin == nil || tp.Origin.Kind != "business_account" {
		t.Errorf("got origin %+v, want the unknown kind kept", tp.Origin)
	}
	if got := len(h.outbox(t)); got != 2 {
		t.Errorf("got %d outbox rows, want the tip as one message and the ack", got)
	}
}
