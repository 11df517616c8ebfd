package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// What the group and the staff chats show, read from the emulator. Tip
// numbers are found in three forms: a header «📥 Laporan #N» (one tip), a
// coalesced summary «📥 Ringkasan N laporan» with one «Laporan #N» per
// tip, and acknowledgements, single («✅ Laporan #17 diterima …») or
// batched («✅ Laporan #31-#45, #47 diterima …»).

var (
	tipNumber  = regexp.MustCompile(`Laporan #(\d+)`)
	ackNumbers = regexp.MustCompile(`#(\d+)(?:\s*[-–]\s*#?(\d+))?`)
)

// groupView is what the police group received. A tip is one message
// whenever Telegram allows it: a text tip is its header with the text
// quoted, a single photo or document is a copy whose caption is the
// header; albums and video notes get a header of their own before the
// copy.
type groupView struct {
	covered   map[int64]int     // tip number -> headers and summaries naming it
	summary   map[int64]string  // tip number -> text of the summaries naming it
	header    map[int64]string  // tip number -> text of the headers naming it
	relayed   map[[2]int64]bool // (from chat, message id) copied or forwarded
	headers   int
	summaries int
}

// readGroup reads the bot's messages in the group.
func readGroup(msgs []telegramtest.Message) groupView {
	v := groupView{covered: map[int64]int{}, summary: map[int64]string{}, header: map[int64]string{}, relayed: map[[2]int64]bool{}}
	for _, m := range msgs {
		src := m.Source
		text := m.Text
		switch src.Method {
		case "copyMessage", "copyMessages", "forwardMessage", "forwardMessages":
			for _, id := range src.MessageIDs {
				v.relayed[[2]int64{src.FromChatID, id}] = true
			}
			text = m.Caption // the header, when it is the copy's caption
		}
		if !strings.HasPrefix(text, "📥") {
			continue // an edit notice, an answer to a command, a plain copy
		}
		isSummary := strings.HasPrefix(text, "📥 Ringkasan")
		if isSummary {
			v.summaries++
		} else {
			v.headers++
		}
		for _, n := range tipNumbers(text) {
			v.covered[n]++
			if isSummary {
				v.summary[n] += text
			} else {
				v.header[n] += text
			}
		}
	}
	return v
}

// tipNumbers returns the distinct tip numbers a header or summary names.
func tipNumbers(text string) []int64 {
	var out []int64
	for _, m := range tipNumber.FindAllStringSubmatch(text, -1) {
		n, _ := strconv.ParseInt(m[1], 10, 64)
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// readAcks returns the tip numbers the acknowledgements among msgs (the
// bot's messages in one staff chat) confirm.
func readAcks(msgs []telegramtest.Message) map[int64]bool {
	acks := map[int64]bool{}
	for _, m := range msgs {
		for _, n := range ackTips(m.Text) {
			acks[n] = true
		}
	}
	return acks
}

// ackTips returns the tip numbers an acknowledgement confirms, single
// («✅ Laporan #17 diterima …») or batched («✅ Laporan #31-#45, #47
// diterima …»); none for any other text.
func ackTips(text string) []int64 {
	if !strings.HasPrefix(text, "✅") {
		return nil
	}
	_, list, ok := strings.Cut(text, "Laporan ")
	if !ok {
		return nil
	}
	list, _, _ = strings.Cut(list, " diterima")
	var out []int64
	for _, r := range ackNumbers.FindAllStringSubmatch(list, -1) {
		lo, _ := strconv.ParseInt(r[1], 10, 64)
		hi := lo
		if r[2] != "" {
			hi, _ = strconv.ParseInt(r[2], 10, 64)
		}
		for n := lo; n <= hi && n-lo < 10_000; n++ {
			out = append(out, n)
		}
	}
	return out
}

// progress counts the distinct tips acknowledged in the staff chats and
// named in the group, for waiting.
func (w *faultWorld) progress(items []sentItem) (acked, inGroup int) {
	seen := map[int64]bool{}
	all := map[int64]bool{}
	for _, it := range items {
		if seen[it.chat] {
			continue
		}
		seen[it.chat] = true
		for n := range readAcks(w.srv.BotMessages(it.chat)) {
			all[n] = true
		}
	}
	return len(all), len(readGroup(w.srv.BotMessages(w.group.ID)).covered)
}

// waitDelivered waits until as many tips as items were acknowledged and
// named in the group. If that does not happen within d, it fails the test
// with the head of the bot's outbox, read from dbPath.
func (w *faultWorld) waitDelivered(t *testing.T, dbPath string, items []sentItem, d time.Duration) {
	t.Helper()
	err := w.srv.WaitTimeout(d, func() bool {
		acked, inGroup := w.progress(items)
		return acked >= len(items) && inGroup >= len(items)
	})
	if err != nil {
		acked, inGroup := w.progress(items)
		t.Fatalf("after %v: %d of %d tips acknowledged, %d named in the group: %v\noldest pending outbox rows:\n%s",
			d, acked, len(items), inGroup, err, pendingOutbox(t, openSQL(t, dbPath), 8))
	}
}

// deliveryReport sums up a delivery check.
type deliveryReport struct {
	tips      int
	headers   int
	summaries int
	coalesced int // text tips delivered only through a summary
	acks      int // acknowledgement messages
}

func (r deliveryReport) String() string {
	return fmt.Sprintf("%d tips; group: %d headers, %d summaries (%d tips only in a summary); %d acknowledgement messages",
		r.tips, r.headers, r.summaries, r.coalesced, r.acks)
}

// checkDelivery checks, after the bot stopped, that every item became
// exactly one tip, that there are no other tips, that every tip was
// acknowledged to its reporter and reached the group (header or summary,
// and its content unless it was coalesced or injected raw), and that every
// tip acknowledged exists.
func (w *faultWorld) checkDelivery(t *testing.T, dbPath string, items []sentItem) deliveryReport {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatalf("open the bot's database: %v", err)
	}
	defer db.Close()
	tips := sqlite.NewTipStore(db)

	byTip := map[int64]int{} // tip number -> item index
	stored := map[int64]tip.Tip{}
	for i, it := range items {
		var first int64
		for _, id := range it.msgIDs {
			tp, err := tips.ByMessage(ctx, it.chat, id)
			if err != nil {
				t.Errorf("item %d (%v): message %d is in no tip: %v", i, it, id, err)
				continue
			}
			switch {
			case first == 0:
				first = tp.ID
			case tp.ID != first:
				t.Errorf("item %d (%v): message %d is in tip #%d, the item's first message in #%d", i, it, id, tp.ID, first)
			}
			stored[tp.ID] = tp
		}
		if first == 0 {
			continue
		}
		if j, ok := byTip[first]; ok {
			t.Errorf("tip #%d holds items %d (%v) and %d (%v)", first, j, items[j], i, it)
		}
		byTip[first] = i
		if tp := stored[first]; tp.Text != it.text {
			t.Errorf("tip #%d: got text %.80q, want %.80q", first, tp.Text, it.text)
		}
	}
	raw := openSQL(t, dbPath)
	var count int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM tips`).Scan(&count); err != nil {
		t.Fatal(err)
	}
	if count != len(items) {
		t.Errorf("got %d tips in the database, want %d, one per item sent", count, len(items))
	}

	rep := deliveryReport{tips: count}
	acked := map[int64]bool{}
	chats := map[int64]bool{}
	for _, it := range items {
		chats[it.chat] = true
	}
	for _, chat := range slices.Sorted(maps.Keys(chats)) {
		msgs := w.srv.BotMessages(chat)
		for _, m := range msgs {
			if len(ackTips(m.Text)) > 0 {
				rep.acks++
			}
		}
		for n := range readAcks(msgs) {
			acked[n] = true
			tp, err := tips.Get(ctx, n)
			switch {
			case errors.Is(err, tip.ErrNotFound):
				t.Errorf("chat %d was told tip #%d was received, but it is not in the database", chat, n)
			case err != nil:
				t.Errorf("get tip #%d: %v", n, err)
			case tp.ChatID != chat:
				t.Errorf("chat %d was told about tip #%d, which came from chat %d", chat, n, tp.ChatID)
			case !hasKey(byTip, n):
				t.Errorf("chat %d was told about tip #%d, which is none of the items sent", chat, n)
			}
		}
	}

	g := readGroup(w.srv.BotMessages(w.group.ID))
	rep.headers, rep.summaries = g.headers, g.summaries
	for _, n := range slices.Sorted(maps.Keys(byTip)) {
		it, tp := items[byTip[n]], stored[n]
		if !acked[n] {
			t.Errorf("tip #%d (%v) was never acknowledged to its reporter", n, it)
		}
		if g.covered[n] == 0 {
			t.Errorf("tip #%d (%v) is named in no header or summary in the group", n, it)
		}
		relayed := true
		for _, id := range tp.MessageIDs {
			relayed = relayed && g.relayed[[2]int64{tp.ChatID, id}]
		}
		switch {
		case relayed || it.raw:
		case len(tp.Attachments) == 0 && strings.Contains(g.header[n], tp.Text):
			// One message: the text quoted under the header.
		case g.summary[n] != "" && len(tp.Attachments) == 0:
			rep.coalesced++
			if !strings.Contains(g.summary[n], tp.Text) {
				t.Errorf("tip #%d (%v) was coalesced, but no summary naming it quotes its text %.80q", n, it, tp.Text)
			}
		default:
			t.Errorf("tip #%d (%v): its content was not copied or forwarded to the group", n, it)
		}
	}
	return rep
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}
