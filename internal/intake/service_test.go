package intake

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// Handler tests: each update is stored and processed synchronously (see
// harness.feed) on a real SQLite file, and the outcome is read back from
// the stores. The fixtures are real Bot API updates shared with botapi.

const (
	staffID = 5123456789
	adminID = 7000000001
)

var relayTarget = tip.Target{ChatID: -1009876543210, ThreadID: 12}

type harness struct {
	svc     *Service
	db      *sqlite.DB
	st      testStores
	now     time.Time
	notices atomic.Int64 // calls of notify
}

// testStores are the stores of the harness's database, outside any
// transaction, for tests to seed and read back.
type testStores struct {
	Updates *sqlite.UpdateStore
	Tips    *sqlite.TipStore
	Outbox  *sqlite.OutboxStore
	Audit   *sqlite.AuditLog
}

// newHarness builds a service on a fresh database; wrapTips, if not nil,
// wraps the tip store of every transaction (to make it fail or panic).
func newHarness(t *testing.T, wrapTips func(tip.TipStore) tip.TipStore) *harness {
	t.Helper()
	return newHarnessWrap(t, wrapTips)
}

// newHarnessTB is newHarness for benchmarks.
func newHarnessTB(tb testing.TB) *harness { return newHarnessWrap(tb, nil) }

func newHarnessWrap(t testing.TB, wrapTips func(tip.TipStore) tip.TipStore) *harness {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "tiprelay.db"))
	if err != nil {
		t.Fatalf("open db: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	h := &harness{db: db, now: time.Date(2026, 2, 3, 4, 5, 0, 0, time.UTC)}
	h.st = testStores{
		Updates: sqlite.NewUpdateStore(db), Tips: sqlite.NewTipStore(db),
		Outbox: sqlite.NewOutboxStore(db), Audit: sqlite.NewAuditLog(db),
	}
	var sdb DB = db
	if wrapTips != nil {
		sdb = tipsWrapped{db, wrapTips}
	}
	wita, _ := time.LoadLocation("Asia/Makassar")
	h.svc = NewService(sdb, Settings{
		Relay: relayTarget, StaffIDs: []int64{staffID}, AdminIDs: []int64{adminID},
		Location: wita, Texts: text.For(text.Indonesian), AlbumWindow: 2 * time.Second,
		Now: func() time.Time { return h.now },
	}, slog.New(slog.DiscardHandler), func() { h.notices.Add(1) })
	h.svc.SetBotUsername("tiprelay_bot")
	return h
}

// tipsWrapped is a database whose transactions have their tip store
// wrapped.
type tipsWrapped struct {
	DB
	wrap func(tip.TipStore) tip.TipStore
}

func (w tipsWrapped) InTx(ctx context.Context, fn func(tx tip.Tx) error) error {
	return w.DB.InTx(ctx, func(tx tip.Tx) error { return fn(wrappedTx{tx, w.wrap}) })
}

type wrappedTx struct {
	tip.Tx
	wrap func(tip.TipStore) tip.TipStore
}

func (w wrappedTx) Tips() tip.TipStore { return w.wrap(w.Tx.Tips()) }

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	return fixtureTB(t, name)
}

// fixtureTB reads a shared intake fixture.
func fixtureTB(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "botapi", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// feed stores raw updates as the poller would and drains them.
func (h *harness) feed(t *testing.T, raws ...[]byte) {
	t.Helper()
	ctx := context.Background()
	offset, err := h.st.Updates.Offset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	msgs := make([]json.RawMessage, len(raws))
	for i, r := range raws {
		msgs[i] = r
	}
	batch, next := h.svc.rawBatch(msgs, offset)
	if err := h.svc.ingest(ctx, batch, next); err != nil {
		t.Fatalf("ingest: %v", err)
	}
}

func (h *harness) outbox(t *testing.T) []tip.OutboxMessage {
	t.Helper()
	var all []tip.OutboxMessage
	for id := int64(1); ; id++ {
		m, err := h.st.Outbox.Get(context.Background(), id)
		if errors.Is(err, tip.ErrNotFound) {
			return all
		}
		if err != nil {
			t.Fatalf("get outbox %d: %v", id, err)
		}
		all = append(all, m)
	}
}

// shape is a compact description of an outbox row for comparisons.
func shape(m tip.OutboxMessage) string {
	s := string(m.Purpose) + " " + string(m.Kind) + " -> " + m.Target.String()
	if len(m.MessageIDs) > 0 {
		s += " from " + tip.Target{ChatID: m.FromChatID}.String()
		for _, id := range m.MessageIDs {
			s += " #" + tip.Target{ChatID: id}.String()
		}
	}
	return s
}

func TestProcessFixtures(t *testing.T) {
	relay := relayTarget.String()
	private := "5123456789"
	ack := "ack send_text -> " + private
	// text: one message, the header over the quoted text; media: one copy,
	// the header its caption; twoRows: a header before the content.
	text := []string{"relay send_text -> " + relay, ack}
	media := func(id string) []string {
		return []string{"relay copy -> " + relay + " from " + private + " #" + id, ack}
	}
	twoRows := func(id string) []string {
		return []string{"relay send_text -> " + relay, "relay copy -> " + relay + " from " + private + " #" + id, ack}
	}
	tests := []struct {
		name     string
		fixture  string
		want     []string // outbox shapes
		wantText string   // a text the first row must contain
	}{
		{"text", "text.json", text, "Laporan #1"},
		{"text with url entities", "text_url_entities.json", text, "Tautan:"},
		{"text link", "text_link.json", text, "Tautan:"},
		{"forward from user", "forward_user.json", text, "diteruskan dari pengguna"},
		{"forward from hidden user", "forward_hidden_user.json", text, "tersembunyi"},
		{"forward from chat", "forward_chat.json", text, "diteruskan dari grup"},
		{"forward from public channel", "forward_channel_public.json", text, "https://t.me/"},
		{"forward from private channel", "forward_channel_private.json", text, "diteruskan dari kanal"},
		{"forward with unknown origin", "forward_unknown_origin.json", text, "Asal:"},
		{"photo", "photo.json", media("310"), "1 foto"},
		{"document", "document.json", media("313"), "1 dokumen"},
		{"video", "video.json", media("314"), "1 video"},
		{"animation", "animation.json", media("315"), "1 GIF"},
		{"voice", "voice.json", media("316"), "1 pesan suara"},
		{"audio", "audio.json", media("317"), "1 audio"},
		{"video note", "video_note.json", twoRows("318"), "1 video bulat"},
		{"sticker", "sticker.json", []string{"notice send_text -> " + private}, "stiker"},
		{"forwarded sticker", "forward_sticker.json", []string{"notice send_text -> " + private}, "stiker"},
		{"poll", "poll.json", []string{"notice send_text -> " + private}, "jajak pendapat"},
		{"location", "location.json", []string{"notice send_text -> " + private}, "lokasi"},
		{"contact", "contact.json", []string{"notice send_text -> " + private}, "kontak"},
		{"start", "command_start.json", []string{"notice send_text -> " + private}, "Cara melapor"},
		{"id in group addressed to us", "command_with_botname.json", []string{"notice send_text -> -1002233445566"}, "-1002233445566"},
		{"group chatter ignored", "group_text.json", nil, ""},
		{"topic chatter ignored", "topic_message.json", nil, ""},
		{"members joined ignored", "new_chat_members.json", nil, ""},
		{"migration alerts the admins", "migrate_to_chat_id.json", []string{"notice send_text -> 7000000001"}, "menjadi supergrup"},
		{"foreign button answered", "callback_query.json", []string{"notice answer_callback -> 6456789012"}, "tidak berlaku"},
		{"my_chat_member ignored", "my_chat_member.json", nil, ""},
		{"channel post ignored", "channel_post.json", nil, ""},
		{"unknown update kind ignored", "unknown_update_kind.json", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil)
			h.feed(t, fixture(t, tt.fixture))
			rows := h.outbox(t)
			var got []string
			for _, m := range rows {
				got = append(got, shape(m))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Fatalf("got outbox\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if tt.wantText != "" && !strings.Contains(rows[0].Text, tt.wantText) {
				t.Errorf("got first text %q, want it to contain %q", rows[0].Text, tt.wantText)
			}
			if pending, _ := h.st.Updates.Unprocessed(context.Background(), 10); len(pending) != 0 {
				t.Errorf("got %d unprocessed updates, want 0", len(pending))
			}
		})
	}
}
