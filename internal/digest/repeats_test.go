package digest_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// repeatDay returns the digest period 23 November 2026 WITA and tips
// around it with repeats:
//
//   - the day before: #1 (Badung, hoaks) at 22:00, #2 (Gianyar) at 22:30,
//     #3 a repeat of #1 at 23:00;
//   - the day: #4 (Badung) at 09:00, #5 (Badung, provokasi, urgent) at
//     10:00, #6 (no region) at 11:00; #7, #8, #9 repeats of #4 at 12:00,
//     12:01, 12:02 (#7 with its own region Gianyar, #8 urgent SARA: a
//     repeat's own triage counts nowhere); #10, #11 repeats of yesterday's
//     #1 at 13:00 and 13:01; #12 a repeat of yesterday's #2 at 14:00.
func repeatDay(t *testing.T) (digest.Period, []tip.DigestItem) {
	loc := MustWITA(t)
	day := Yesterday(wita(t, 2026, 11, 24, 7, 0, 0), loc)
	var items []tip.DigestItem
	add := func(created time.Time, dupOf int64, tr tip.Triage) {
		it := item(int64(len(items)+1), created)
		it.Tip.DuplicateOf, it.Tip.Triage, it.Tip.Reports = dupOf, tr, 1
		if dupOf != 0 {
			it.Relayed = nil // a repeat is not relayed
		}
		items = append(items, it)
	}
	at := func(h, m int) time.Time {
		return day.From.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
	}
	add(at(-2, 0), 0, tip.Triage{Region: "badung", Category: tip.CategoryHoax})
	add(at(-1, -30), 0, tip.Triage{Region: "gianyar"})
	add(at(-1, 0), 1, tip.Triage{})
	add(at(9, 0), 0, tip.Triage{Region: "badung"})
	add(at(10, 0), 0, tip.Triage{Region: "badung", Category: tip.CategoryProvocation, Priority: tip.PriorityUrgent})
	add(at(11, 0), 0, tip.Triage{})
	add(at(12, 0), 4, tip.Triage{Region: "gianyar"})
	add(at(12, 1), 4, tip.Triage{Category: tip.CategorySARA, Priority: tip.PriorityUrgent})
	add(at(12, 2), 4, tip.Triage{})
	add(at(13, 0), 1, tip.Triage{})
	add(at(13, 1), 1, tip.Triage{})
	add(at(14, 0), 2, tip.Triage{})
	return day, items
}

// pick returns the items numbered ids.
func pick(items []tip.DigestItem, ids ...int64) []tip.DigestItem {
	var out []tip.DigestItem
	for _, it := range items {
		if slices.Contains(ids, it.Tip.ID) {
			out = append(out, it)
		}
	}
	return out
}

// numbers returns the tip numbers of items, in order.
func numbers(items []tip.DigestItem) []int64 {
	out := make([]int64, len(items))
	for i, it := range items {
		out[i] = it.Tip.ID
	}
	return out
}

func TestComputeCountsReports(t *testing.T) {
	loc := MustWITA(t)
	day, items := repeatDay(t)
	tests := []struct {
		name  string
		items []tip.DigestItem
		// want: tips, repeats, originals repeated, of them older; the
		// reports in the period of each tip of the period.
		total, repeats, repeated, older int
		reports                         map[int64]int
		urgent, staffReports            int
	}{
		{"an original with 3 repeats in the day", pick(items, 4, 7, 8, 9),
			1, 3, 1, 0, map[int64]int{4: 4}, 0, 4},
		{"a repeat today of yesterday's original", pick(items, 1, 10),
			0, 1, 1, 1, nil, 0, 1},
		{"the whole day: repeats of tips of the day and of yesterday", items,
			3, 6, 3, 2, map[int64]int{4: 4, 5: 1, 6: 1}, 1, 9},
		{"no repeat", pick(items, 4, 5, 6),
			3, 0, 0, 0, map[int64]int{4: 1, 5: 1, 6: 1}, 1, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := digest.Compute(tt.items, 0, 0, nil, day, loc)
			if d.Total != tt.total || len(d.Repeats) != tt.repeats || d.Repeated != tt.repeated || d.RepeatedOlder != tt.older {
				t.Errorf("got %d tips, %d repeats of %d tips (%d older); want %d, %d of %d (%d older)",
					d.Total, len(d.Repeats), d.Repeated, d.RepeatedOlder, tt.total, tt.repeats, tt.repeated, tt.older)
			}
			if d.Empty() != (tt.total == 0 && tt.repeats == 0) {
				t.Errorf("got Empty() = %v with %d tips and %d repeats", d.Empty(), tt.total, tt.repeats)
			}
			for id, want := range tt.reports {
				if got := d.Reports(id); got != want {
					t.Errorf("got %d reports of #%d, want %d", got, id, want)
				}
			}
			for _, it := range d.Items {
				if it.Tip.DuplicateOf != 0 {
					t.Errorf("got repeat #%d among the tips", it.Tip.ID)
				}
			}
			// A repeat's own triage counts nowhere: #8 is urgent.
			if got := d.ByPriority[tip.PriorityUrgent]; got != tt.urgent {
				t.Errorf("got %d urgent tips, want %d", got, tt.urgent)
			}
			staff := 0
			for _, s := range d.Staff {
				staff += s.Count
			}
			if staff != tt.staffReports {
				t.Errorf("got %d reports per staff member in all, want %d (repeats included)", staff, tt.staffReports)
			}
			hours := 0
			for _, h := range d.Hours {
				hours += h.Count
			}
			if hours != tt.total {
				t.Errorf("got %d tips per hour in all, want %d (repeats excluded)", hours, tt.total)
			}
		})
	}
}

func TestImportantMostReportedFirst(t *testing.T) {
	loc := MustWITA(t)
	day, items := repeatDay(t)
	tests := []struct {
		name  string
		items []tip.DigestItem
		want  []int64
	}{
		{"most reported first, then urgent, then newest", items, []int64{4, 5, 6}},
		{"one repeat beats urgency", retarget(pick(items, 5, 6, 9), 9, 6), []int64{6, 5}},
		{"repeats of older tips reorder nothing", pick(items, 5, 6, 10, 11), []int64{5, 6}},
		{"without repeats, the order of priority and time", pick(items, 4, 5, 6), []int64{5, 6, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := digest.Compute(tt.items, 0, 0, nil, day, loc)
			if got := numbers(d.Important(digest.MaxListed)); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// retarget returns items with the repeat numbered id repeating tip to.
func retarget(items []tip.DigestItem, id, to int64) []tip.DigestItem {
	out := slices.Clone(items)
	for i := range out {
		if out[i].Tip.ID == id {
			out[i].Tip.DuplicateOf = to
		}
	}
	return out
}

func TestRenderRepeats(t *testing.T) {
	loc := MustWITA(t)
	day, items := repeatDay(t)
	store := &fakeStore{items: items}
	whole, err := baliLayout.Build(context.Background(), store, day, loc)
	if err != nil {
		t.Fatal(err)
	}
	gianyar, err := baliLayout.BuildRegion(context.Background(), store, baliLayout.Region("gianyar"), tip.Target{ChatID: -1003000000003}, day, loc)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		d         digest.Digest
		lang      text.Lang
		want      []string
		wantNot   []string
		wantFiles int // after the texts: the CSV, and the chart when there are tips
	}{
		{"whole day", whole, text.Indonesian, []string{
			"<b>Jumlah: 3 laporan</b> (▲ naik 1 / 50% dari periode sebelumnya: 2)\nPrioritas: 🚨 Darurat 1 · ❗ Penting 0\n🔁 6 laporan ulang dari 3 laporan (2 di antaranya dari sebelum periode ini)\n",
			"<b>Daftar laporan</b>\n" +
				`<a href="https://t.me/c/1234567890/1004">#4</a> 09:00 · 🔁 4× · 📍Badung · tip 4` + "\n" +
				`<a href="https://t.me/c/1234567890/1005">#5</a> 10:00 · 🚨 Darurat · Provokasi · 📍Badung · tip 5` + "\n",
			"• Staf 100 <code>100</code>: 3", // #6, #9 and #12: repeats are the staff's reports too
		}, []string{"#7", "#10", "SARA: 1"}, 2},
		{"a region with only repeats of an older tip", gianyar, text.English, []string{
			"📍 Region: <b>Gianyar</b> (Polres Gianyar)\nPeriod: 23-11-2026 00:00 WITA – 24-11-2026 00:00 WITA\n\n📭 No new reports in this period.\n🔁 1 repeat report of 1 report (from before this period)",
		}, []string{"Total:", "Reports</b>", "#7"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs := digest.Render(tt.d, text.For(tt.lang))
			CheckMessages(t, msgs)
			got := strings.Join(msgs, "\n")
			for _, want := range tt.want {
				if !strings.Contains(got, want) {
					t.Errorf("got digest\n%s\nwant it to contain %q", got, want)
				}
			}
			for _, no := range tt.wantNot {
				if strings.Contains(got, no) {
					t.Errorf("got digest\n%s\nwant no %q", got, no)
				}
			}
			all := digest.Messages(tt.d, text.For(tt.lang), []tip.Target{{ChatID: -1}}, true)
			if got := len(all) - len(msgs); got != tt.wantFiles {
				t.Errorf("got %d files after the texts, want %d", got, tt.wantFiles)
			}
		})
	}
}

func TestBuildRegionCountsRepeatsInTheOriginalsRegion(t *testing.T) {
	loc := MustWITA(t)
	day, items := repeatDay(t)
	store := &fakeStore{items: items}
	tests := []struct {
		region                          tip.RegionKey
		tips, repeats                   []int64
		prev, repeated, older, reportsA int
	}{
		// #7's own region is Gianyar, but it repeats Badung's #4.
		{"badung", []int64{4, 5}, []int64{7, 8, 9, 10, 11}, 1, 2, 1, 4},
		{"gianyar", nil, []int64{12}, 1, 1, 1, 0},
		{"denpasar", nil, nil, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(string(tt.region), func(t *testing.T) {
			d, err := baliLayout.BuildRegion(context.Background(), store, baliLayout.Region(tt.region), tip.Target{ChatID: -1}, day, loc)
			if err != nil {
				t.Fatal(err)
			}
			if got := numbers(d.Items); !slices.Equal(got, tt.tips) {
				t.Errorf("got tips %v, want %v", got, tt.tips)
			}
			if got := numbers(d.Repeats); !slices.Equal(got, tt.repeats) {
				t.Errorf("got repeats %v, want %v", got, tt.repeats)
			}
			if d.PrevTotal != tt.prev || d.Repeated != tt.repeated || d.RepeatedOlder != tt.older {
				t.Errorf("got previous %d, %d repeated (%d older); want %d, %d (%d older)",
					d.PrevTotal, d.Repeated, d.RepeatedOlder, tt.prev, tt.repeated, tt.older)
			}
			if tt.reportsA > 0 && d.Reports(4) != tt.reportsA {
				t.Errorf("got %d reports of #4, want %d", d.Reports(4), tt.reportsA)
			}
		})
	}
}

func TestCSVRepeats(t *testing.T) {
	loc := MustWITA(t)
	day, items := repeatDay(t)
	data := digest.CSV(digest.Compute(items, 0, 0, nil, day, loc))
	if !bytes.HasPrefix(data, []byte("\uFEFF")) || bytes.Count(data, []byte("\r\n")) != 10 {
		t.Fatalf("got %q, want a byte order mark and 10 CRLF-ended rows", data)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := rows[0]
	if got, want := header[len(header)-2:], []string{"duplicate_of", "reports"}; !slices.Equal(got, want) || header[17] != "status_unit" {
		t.Fatalf("got header %q, want the 18 columns as before, then %q", header, want)
	}
	col := func(name string) int { return slices.Index(header, name) }
	tests := []struct {
		name                   string
		row                    int
		number, dupOf, reports string
		priority, region       string
	}{
		{"a tip repeated 3 times in the day", 1, "4", "", "4", "biasa", "badung"},
		{"a tip never repeated", 2, "5", "", "1", "darurat", "badung"},
		{"a repeat keeps its own triage in its row", 4, "7", "4", "", "biasa", "gianyar"},
		{"a repeat of yesterday's tip", 7, "10", "1", "", "biasa", ""},
		{"the last row", 9, "12", "2", "", "biasa", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rows[tt.row]
			got := []string{r[col("number")], r[col("duplicate_of")], r[col("reports")], r[col("priority")], r[col("region")]}
			want := []string{tt.number, tt.dupOf, tt.reports, tt.priority, tt.region}
			if !slices.Equal(got, want) {
				t.Errorf("got number, duplicate_of, reports, priority, region %q, want %q", got, want)
			}
		})
	}
}
