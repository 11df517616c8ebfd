package digest_test

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestCountsPerRegionAndCategory(t *testing.T) {
	loc := MustWITA(t)
	day, items := dayOfTips(t)
	region := func(key tip.RegionKey, n int) digest.RegionCount {
		return digest.RegionCount{Region: baliLayout.Region(key), Count: n}
	}
	tests := []struct {
		name           string
		layout         digest.Layout
		wantRegions    []digest.RegionCount
		wantCategories []digest.CategoryCount
	}{
		{"gazetteer order, unknown key after, none last", baliLayout,
			[]digest.RegionCount{region("denpasar", 4), region("badung", 4), region("gianyar", 3),
				region("bangli", 0), {Region: digest.Region{Key: "atlantis", Name: "atlantis"}, Count: 1}, {Count: 14}},
			[]digest.CategoryCount{{tip.CategoryHoax, 6}, {tip.CategoryProvocation, 3}, {tip.CategorySARA, 3},
				{tip.CategoryHateSpeech, 0}, {tip.CategoryBlackCampaign, 0}, {tip.CategoryMoneyPolitics, 0},
				{tip.CategoryNeutrality, 0}, {tip.CategoryThreat, 0}, {tip.CategoryOther, 0}, {"", 14}}},
		{"no layout: regions with tips by key, default categories", digest.Layout{},
			[]digest.RegionCount{{Region: digest.Region{Key: "atlantis", Name: "atlantis"}, Count: 1},
				{Region: digest.Region{Key: "badung", Name: "badung"}, Count: 4}, {Region: digest.Region{Key: "denpasar", Name: "denpasar"}, Count: 4},
				{Region: digest.Region{Key: "gianyar", Name: "gianyar"}, Count: 3}, {Count: 14}},
			nil},
		{"configured categories: their order, others after", digest.Layout{Categories: []tip.Category{tip.CategorySARA, tip.CategoryThreat}},
			nil,
			[]digest.CategoryCount{{tip.CategorySARA, 3}, {tip.CategoryThreat, 0}, {tip.CategoryHoax, 6}, {tip.CategoryProvocation, 3}, {"", 14}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := laidOut(digest.Compute(items, 0, 0, nil, day, loc), tt.layout)
			if tt.wantRegions != nil && !reflect.DeepEqual(d.Regions(), tt.wantRegions) {
				t.Errorf("got regions %+v, want %+v", d.Regions(), tt.wantRegions)
			}
			if tt.wantCategories != nil && !reflect.DeepEqual(d.Categories(), tt.wantCategories) {
				t.Errorf("got categories %+v, want %+v", d.Categories(), tt.wantCategories)
			}
			want := map[tip.Priority]int{tip.PriorityUrgent: 1, tip.PriorityImportant: 1, tip.PriorityNormal: 24}
			if !reflect.DeepEqual(d.ByPriority, want) {
				t.Errorf("got priorities %v, want %v", d.ByPriority, want)
			}
		})
	}
}

func TestImportant(t *testing.T) {
	loc := MustWITA(t)
	day := Yesterday(wita(t, 2026, 11, 24, 7, 0, 0), loc)
	// tips: number, hour created, priority, category.
	mk := func(specs ...string) []tip.DigestItem {
		var out []tip.DigestItem
		for i, s := range specs {
			prio, cat, _ := strings.Cut(s, "/")
			it := item(int64(i+1), day.From.Add(time.Duration(i)*time.Hour))
			it.Tip.Triage = tip.Triage{Priority: tip.Priority(prio), Category: tip.Category(cat)}
			out = append(out, it)
		}
		return out
	}
	tests := []struct {
		name   string
		items  []tip.DigestItem
		layout digest.Layout
		n      int
		want   []int64
	}{
		{"untriaged: newest first", mk("/", "/", "/"), digest.Layout{}, 10, []int64{3, 2, 1}},
		{"urgent, then important, then normal", mk("biasa/", "darurat/", "penting/", "darurat/", "/"), digest.Layout{}, 10, []int64{4, 2, 3, 5, 1}},
		{"by category order within a priority, none last", mk("/lainnya", "/", "/hoaks", "/ancaman", "/hoaks"), digest.Layout{}, 10, []int64{5, 3, 4, 1, 2}},
		{"configured category order", mk("/hoaks", "/ancaman", "/sara"), digest.Layout{Categories: []tip.Category{tip.CategoryThreat, tip.CategoryHoax}}, 10, []int64{2, 1, 3}},
		{"priority beats category", mk("/hoaks", "penting/lainnya", "/"), digest.Layout{}, 10, []int64{2, 1, 3}},
		{"cut to n", mk("/", "darurat/", "/", "/"), digest.Layout{}, 2, []int64{2, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := laidOut(digest.Compute(tt.items, 0, 0, nil, day, loc), tt.layout)
			var got []int64
			for _, it := range d.Important(tt.n) {
				got = append(got, it.Tip.ID)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// triaged gives items a mix of triage: every 97th urgent, every 31st
// important, categories and regions in turn.
func triaged(items []tip.DigestItem) []tip.DigestItem {
	cats := append(tip.Categories(), "")
	regions := []tip.RegionKey{"denpasar", "badung", "gianyar", "bangli", ""}
	for i := range items {
		tr := &items[i].Tip.Triage
		tr.Category, tr.Region = cats[i%len(cats)], regions[i%len(regions)]
		switch {
		case i%97 == 5:
			tr.Priority = tip.PriorityUrgent
		case i%31 == 7:
			tr.Priority = tip.PriorityImportant
		}
	}
	return items
}

// plainDay returns n relayed tips with short texts in the WITA day.
func plainDay(t *testing.T, n int) (digest.Period, []tip.DigestItem) {
	loc := MustWITA(t)
	day := Yesterday(wita(t, 2026, 11, 24, 7, 0, 0), loc)
	items := make([]tip.DigestItem, n)
	for i := range items {
		items[i] = item(int64(i+1), day.From.Add(time.Duration(i)*day.Duration()/time.Duration(n)))
		items[i].Tip.Text = fmt.Sprintf("Unggahan %d menyebarkan hoaks bansos di grup warga; mohon ditindaklanjuti.", i+1)
	}
	return day, items
}

// quoteDay returns n relayed tips whose texts and origins are quotes,
// each escaped to five characters: the longest lines a digest lists.
func quoteDay(t *testing.T, n int) (digest.Period, []tip.DigestItem) {
	day, items := plainDay(t, n)
	for i := range items {
		items[i].Tip.Text = strings.Repeat(`"`, 100)
		items[i].Tip.Origin = &tip.Origin{Kind: tip.OriginHiddenUser, SenderName: strings.Repeat(`"`, 50)}
	}
	return day, items
}

var tipLine = regexp.MustCompile(`(?m)^(?:<a href="https://t\.me/c/1234567890/\d+">)?#(\d+)(?:</a>)? \d\d:\d\d · `)

// TestRenderCapsTheList: at most MaxListed tips are listed, the most
// important first, with a line counting those only in the CSV, and a day
// of 5,000 tips is at most MaxTexts messages, whatever their texts.
func TestRenderCapsTheList(t *testing.T) {
	loc := MustWITA(t)
	tests := []struct {
		name      string
		day       func(*testing.T, int) (digest.Period, []tip.DigestItem)
		n         int
		lang      text.Lang
		minListed int // the whole cap unless the texts are long
		more      string
	}{
		{"50 tips: all listed, no line", plainDay, 50, text.Indonesian, 50, ""},
		{"51 tips: one in the CSV only", plainDay, 51, text.Indonesian, 50, "… dan 1 laporan lainnya: daftar lengkap ada di berkas CSV."},
		{"5000 short tips", plainDay, 5000, text.Indonesian, 50, "… dan 4950 laporan lainnya: daftar lengkap ada di berkas CSV."},
		{"5000 tips in english", plainDay, 5000, text.English, 50, "… and 4950 more reports: the full list is in the CSV file."},
		{"5000 tips full of HTML and emoji", bigDay, 5000, text.Indonesian, 50, "… dan 4950 laporan lainnya: daftar lengkap ada di berkas CSV."},
		{"5000 tips of the longest lines: fewer listed", quoteDay, 5000, text.Indonesian, 10, "laporan lainnya: daftar lengkap ada di berkas CSV."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			day, items := tt.day(t, tt.n)
			d := laidOut(digest.Compute(triaged(items), 4000, 12, nil, day, loc), baliLayout)
			msgs := digest.Render(d, text.For(tt.lang))
			CheckMessages(t, msgs)
			if len(msgs) > digest.MaxTexts {
				t.Errorf("got %d messages, want at most %d", len(msgs), digest.MaxTexts)
			}
			var got []string
			for _, m := range msgs {
				for _, sm := range tipLine.FindAllStringSubmatch(m, -1) {
					got = append(got, sm[1])
				}
			}
			t.Logf("%d messages, %d tips listed", len(msgs), len(got))
			if len(got) < tt.minListed || len(got) > digest.MaxListed {
				t.Fatalf("got %d tips listed, want %d to %d", len(got), tt.minListed, digest.MaxListed)
			}
			var want []string
			for _, it := range d.Important(len(got)) {
				want = append(want, fmt.Sprint(it.Tip.ID))
			}
			if !slices.Equal(got, want) {
				t.Errorf("got tips %v, want the most important in order %v", got, want)
			}
			all := strings.Join(msgs, "\n")
			if urgent := d.ByPriority[tip.PriorityUrgent]; urgent > 0 && !strings.Contains(all, "🚨") {
				t.Errorf("got no urgent tip listed")
			}
			if tt.more == "" {
				if strings.Contains(all, "CSV") {
					t.Errorf("got a line sending to the CSV when every tip is listed")
				}
				return
			}
			if more := fmt.Sprintf(" %d ", d.Total-len(got)); !strings.Contains(all, tt.more) || !strings.Contains(all, more+"laporan lainnya") && !strings.Contains(all, more+"more") {
				t.Errorf("got last message\n%s\nwant the line %q counting %d more", msgs[len(msgs)-1], tt.more, d.Total-len(got))
			}
		})
	}
}

// TestBuildRegion: a region digest reads only its region's tips, names
// the region, leaves out the per-region counts and the relay backlog,
// and names its files after the region.
func TestBuildRegion(t *testing.T) {
	loc := MustWITA(t)
	day, items := dayOfTips(t)
	store := &fakeStore{items: items, pending: 5, failing: []tip.FailingTarget{{ChatID: -1005}}}
	chat := tip.Target{ChatID: -1003000000001, ThreadID: 3}
	tests := []struct {
		name    string
		region  tip.RegionKey
		wantIDs []int64
		want    []string
	}{
		{"badung", "badung", []int64{1, 4, 7, 10}, []string{"📍 Wilayah: <b>Badung</b> (Polres Badung)", "<b>Jumlah: 4 laporan</b>", "• Hoaks: 2"}},
		{"gianyar's urgent tip first", "gianyar", []int64{13, 14, 15}, []string{"📍 Wilayah: <b>Gianyar</b>", "Prioritas: 🚨 Darurat 1 · ❗ Penting 1", "#13</a> 09:00 · 🚨 Darurat · Provokasi · tip 13"}},
		{"a region without tips", "bangli", nil, []string{"📍 Wilayah: <b>Bangli</b>", "Tidak ada laporan"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store.asked = nil
			d, err := baliLayout.BuildRegion(context.Background(), store, baliLayout.Region(tt.region), chat, day, loc)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, it := range d.Items {
				ids = append(ids, it.Tip.ID)
			}
			if !reflect.DeepEqual(ids, tt.wantIDs) {
				t.Errorf("got tips %v, want %v", ids, tt.wantIDs)
			}
			if want := fmt.Sprintf("region tips %s %s 2026-11-22T16:00:00Z 2026-11-23T16:00:00Z", tt.region, chat); store.asked[0] != want {
				t.Errorf("got queries %q, want first %q", store.asked, want)
			}
			msgs := digest.Messages(d, text.For(text.Indonesian), []tip.Target{chat}, true)
			got := ""
			for _, m := range msgs {
				if m.Target != chat {
					t.Errorf("got a row to %s, want only %s", m.Target, chat)
				}
				if m.Kind == tip.SendText {
					got += m.Text + "\n"
				}
				if m.File != nil && !strings.Contains(m.File.Name, "-"+string(tt.region)+"-2026-11-23.") {
					t.Errorf("got file %q, want it named after the region and day", m.File.Name)
				}
			}
			CheckMessages(t, digest.Render(d, text.For(text.Indonesian)))
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("got\n%s\nwant it to contain %q", got, w)
				}
			}
			for _, unwanted := range []string{"Per wilayah", "Antrean pengiriman", "Menunggu dikirim", "-1005"} {
				if strings.Contains(got, unwanted) {
					t.Errorf("got %q in a region digest:\n%s", unwanted, got)
				}
			}
		})
	}
}
