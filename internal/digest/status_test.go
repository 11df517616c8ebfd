package digest_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// ids returns the tip numbers of items.
func ids(items []tip.DigestItem) []int64 {
	var out []int64
	for _, it := range items {
		out = append(out, it.Tip.ID)
	}
	return out
}

func TestComputeStatuses(t *testing.T) {
	loc := MustWITA(t)
	day, items, _ := statusDay(t)
	d := digest.Compute(items, 0, 0, nil, day, loc)
	wantCounts := []digest.StatusCount{
		{Status: tip.StatusWatching, Count: 3}, {Status: tip.StatusFollowUp, Count: 2},
		{Status: tip.StatusDone, Count: 2}, {Status: tip.StatusNoThreat, Count: 1},
		{Status: tip.StatusNone, Count: 18},
	}
	if got := d.Statuses(); !reflect.DeepEqual(got, wantCounts) {
		t.Errorf("got statuses %+v, want %+v", got, wantCounts)
	}
	// Oldest first: #15 (09:02) before #10 (09:10).
	want := []int64{4, 6, 8, 9, 15, 10, 11, 12, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26}
	if got := ids(d.Unanswered); !reflect.DeepEqual(got, want) {
		t.Errorf("got unanswered %v, want %v", got, want)
	}
}

func TestUnansweredOldestFirst(t *testing.T) {
	loc := MustWITA(t)
	day := Yesterday(wita(t, 2026, 11, 24, 7, 0, 0), loc)
	at := func(h int) time.Time { return day.From.Add(time.Duration(h) * time.Hour) }
	answered := func(it tip.DigestItem) tip.DigestItem {
		it.Tip.Status = tip.StatusState{Status: tip.StatusDone, FirstAt: it.Tip.CreatedAt, At: it.Tip.CreatedAt}
		return it
	}
	many := make([]tip.DigestItem, 30)
	for i := range many {
		// Hours 0-5 get two tips each: of the same time, the lower number first.
		many[i] = item(int64(100-i), at(i%24))
	}
	tests := []struct {
		name    string
		items   []tip.DigestItem
		want    []int64
		waiting int
	}{
		{"none without a status", []tip.DigestItem{answered(item(1, at(1)))}, nil, 0},
		// #3 has a lower number than #5 but arrived later (a clock step).
		{"by arrival, then number", []tip.DigestItem{item(5, at(2)), item(3, at(4)), answered(item(4, at(1))), item(6, at(2))}, []int64{5, 6, 3}, 3},
		{"the oldest 20 of 30", many, []int64{76, 100, 75, 99, 74, 98, 73, 97, 72, 96, 71, 95, 94, 93, 92, 91, 90, 89, 88, 87}, 30},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := digest.Compute(tt.items, 0, 0, nil, day, loc)
			if got := ids(d.Unanswered); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if got := d.ByStatus[tip.StatusNone]; got != tt.waiting {
				t.Errorf("got %d without a status, want %d", got, tt.waiting)
			}
		})
	}
}

func TestStatusesListsUnknownAfterKnown(t *testing.T) {
	d := digest.Digest{ByStatus: map[tip.Status]int{"diarsipkan": 2, tip.StatusDone: 1, "aaa": 0}}
	want := []digest.StatusCount{
		{Status: tip.StatusWatching}, {Status: tip.StatusFollowUp}, {Status: tip.StatusDone, Count: 1},
		{Status: tip.StatusNoThreat}, {Status: "diarsipkan", Count: 2}, {Status: tip.StatusNone},
	}
	if got := d.Statuses(); !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// TestRenderResponse: the digest counts the tips per status, gives the
// times to the first status overall and per police chat, and lists the
// oldest tips without a status, linked, in Indonesian and English.
func TestRenderResponse(t *testing.T) {
	loc := MustWITA(t)
	day, items, firsts := statusDay(t)
	items[3].Relayed = nil // #4, without a status
	d := laidOut(digest.Compute(items, 0, 0, nil, day, loc), baliLayout)
	d.Response = digest.Responses(d.Items, firsts)
	noneAnswered := laidOut(digest.Compute(items[3:4], 0, 0, nil, day, loc), baliLayout)
	tests := []struct {
		name string
		d    digest.Digest
		lang text.Lang
		want []string
	}{
		{"indonesian", d, text.Indonesian, []string{
			"<b>Status dari polisi</b>\n• 👁 Dipantau: 3\n• 🔎 Ditindaklanjuti: 2\n• ✅ Selesai: 2\n• ⛔ Bukan ancaman: 1\n• ⏳ Belum ada status: 18\n",
			"<b>Waktu sampai status pertama</b> (sejak laporan masuk)\n" +
				"• Semua: 8 laporan · median 12 menit · 90% dalam 7 jam 10 menit\n" +
				"• Polda Bali: 4 laporan · median 3 menit · 90% dalam 7 jam 10 menit\n" +
				"• Polres Badung: 2 laporan · median 25 menit · 90% dalam 2 jam\n" +
				"• Polres Gianyar: 1 laporan · median 9 menit · 90% dalam 9 menit\n" +
				"• Polresta Denpasar: 1 laporan · median 1 jam 5 menit · 90% dalam 1 jam 5 menit\n",
			"<b>Belum ada status</b> (terlama dulu)\n• #4 03:10 · Hoaks · 📍Badung (belum diteruskan)\n" +
				`• <a href="https://t.me/c/1234567890/1006">#6</a> 05:10 · Hoaks` + "\n",
			`• <a href="https://t.me/c/1234567890/1015">#15</a> 09:02 · Provokasi · 📍Gianyar` + "\n",
			`• <a href="https://t.me/c/1234567890/1019">#19</a> 23:03 · 📍atlantis` + "\n",
			`• <a href="https://t.me/c/1234567890/1026">#26</a> 23:10` + "\n",
		}},
		{"english", d, text.English, []string{
			"<b>Police status</b>\n• 👁 Monitored: 3\n• 🔎 Followed up: 2\n• ✅ Closed: 2\n• ⛔ Not a threat: 1\n• ⏳ No status yet: 18\n",
			"• All: 8 reports · median 12 min · 90% within 7 h 10 min\n",
			"<b>No status yet</b> (oldest first)\n• #4 03:10 · Hoax · 📍Badung (not relayed yet)\n",
		}},
		{"no tip has a status", noneAnswered, text.Indonesian, []string{
			"• ⏳ Belum ada status: 1\n\n<b>Waktu sampai status pertama</b> (sejak laporan masuk)\nBelum ada laporan yang diberi status.\n",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs := digest.Render(tt.d, text.For(tt.lang))
			CheckMessages(t, msgs)
			got := strings.Join(msgs, "\n")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("got digest\n%s\nwant it to contain %q", got, w)
				}
			}
		})
	}
}

// TestRenderUnansweredCut: of many tips without a status, the 20 oldest
// are listed, with a line counting the others; their lines do not look
// like the lines of the list of the most important tips.
func TestRenderUnansweredCut(t *testing.T) {
	loc := MustWITA(t)
	day, items := plainDay(t, 120)
	d := laidOut(digest.Compute(triaged(items), 0, 0, nil, day, loc), baliLayout)
	msgs := digest.Render(d, text.For(text.Indonesian))
	CheckMessages(t, msgs)
	got := strings.Join(msgs, "\n")
	for _, w := range []string{
		"<b>Belum ada status: 20 terlama dari 120</b>\n" +
			`• <a href="https://t.me/c/1234567890/1001">#1</a> 00:00 · Hoaks · 📍Denpasar` + "\n",
		`• <a href="https://t.me/c/1234567890/1006">#6</a> 01:00 · 🚨 Darurat · Politik uang · 📍Denpasar` + "\n",
		`• <a href="https://t.me/c/1234567890/1020">#20</a> 03:48` + "\n… dan 100 laporan lainnya belum ada status.\n",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("got digest\n%s\nwant it to contain %q", got, w)
		}
	}
	if n := strings.Count(got, "\n• <a href"); n != 20 {
		t.Errorf("got %d listed without a status, want 20", n)
	}
	if n := len(tipLine.FindAllString(got, -1)); n != digest.MaxListed {
		t.Errorf("got %d lines of the most important list, want %d", n, digest.MaxListed)
	}
}

// TestBuildReadsFirstStatuses: Build and BuildRegion read the first
// statuses of their tips, so that the response times name the chat of
// the first status (#1's is Badung's, though Polda set its current one).
func TestBuildReadsFirstStatuses(t *testing.T) {
	loc := MustWITA(t)
	day, items, firsts := statusDay(t)
	store := &fakeStore{items: items, firsts: firsts}
	all, err := baliLayout.Build(context.Background(), store, day, loc)
	if err != nil {
		t.Fatal(err)
	}
	region, err := baliLayout.BuildRegion(context.Background(), store, baliLayout.Region("badung"), tip.Target{ChatID: badungChat}, day, loc)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		d    digest.Digest
		want digest.Response
	}{
		{"every tip", all, digest.Responses(items, firsts)},
		{"badung", region, digest.Response{
			Overall: digest.ResponseTime{Count: 2, Median: 25 * time.Minute, P90: 2 * time.Hour},
			ByChat:  []digest.ChatResponse{{ChatID: badungChat, Unit: "Polres Badung", ResponseTime: digest.ResponseTime{Count: 2, Median: 25 * time.Minute, P90: 2 * time.Hour}}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !reflect.DeepEqual(tt.d.Response, tt.want) {
				t.Errorf("got %+v, want %+v", tt.d.Response, tt.want)
			}
		})
	}
	if got, want := store.asked[len(store.asked)-1], fmt.Sprintf("region first statuses badung %s %s",
		day.From.UTC().Format(time.RFC3339), day.To.UTC().Format(time.RFC3339)); got != want {
		t.Errorf("got last query %q, want %q", got, want)
	}
}
