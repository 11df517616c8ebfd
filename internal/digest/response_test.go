package digest_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// The police chats of the status fixtures and their units.
const (
	badungChat   = -1003000000001
	denpasarChat = -1003000000002
	gianyarChat  = -1003000000003
)

// statusChange is one press of the fixtures: a status set on tip id
// after its arrival, from chat of unit.
type statusChange struct {
	id    int64
	after time.Duration
	to    tip.Status
	chat  int64
	unit  string
}

// dayStatuses are the presses on dayOfTips' tips, in order. #1 got its
// first status from Badung's chat and its current one from the Polda
// chat; 8 tips have a status, the other 18 none. Times to the first
// status, sorted: 45s, 3m20s, 9m, 12m, 25m, 65m, 2h, 7h10m (median 12m,
// 90th percentile 7h10m); from the Polda chat 45s, 3m20s, 12m, 7h10m.
var dayStatuses = []statusChange{
	{1, 25 * time.Minute, tip.StatusWatching, badungChat, "Polres Badung"},
	{2, 65 * time.Minute, tip.StatusFollowUp, denpasarChat, "Polresta Denpasar"},
	{3, 12 * time.Minute, tip.StatusNoThreat, relayChat, "Polda Bali"},
	{5, 200 * time.Second, tip.StatusWatching, relayChat, "Polda Bali"},
	{7, 2 * time.Hour, tip.StatusWatching, badungChat, "Polres Badung"},
	{13, 45 * time.Second, tip.StatusFollowUp, relayChat, "Polda Bali"},
	{14, 9 * time.Minute, tip.StatusWatching, gianyarChat, "Polres Gianyar"},
	{16, 7*time.Hour + 10*time.Minute, tip.StatusDone, relayChat, "Polda Bali"},
	{1, 3 * time.Hour, tip.StatusDone, relayChat, "Polda Bali"},
}

// withStatuses applies changes to items (setting each tip's Status as
// the store reads it) and returns the first change of each tip, as
// FirstStatuses returns them.
func withStatuses(items []tip.DigestItem, changes []statusChange) []tip.StatusChange {
	at := map[int64]*tip.Tip{}
	for i := range items {
		at[items[i].Tip.ID] = &items[i].Tip
	}
	var firsts []tip.StatusChange
	for _, c := range changes {
		t := at[c.id]
		when := t.CreatedAt.Add(c.after)
		if t.Status.FirstAt.IsZero() {
			t.Status.FirstAt = when
			firsts = append(firsts, tip.StatusChange{TipID: c.id, From: tip.StatusNone, To: c.to, ChatID: c.chat, Unit: c.unit, At: when})
		}
		t.Status.Status, t.Status.Unit, t.Status.At = c.to, c.unit, when
		t.Status.Officer = tip.Person{ID: 900, FirstName: "Bripka Wayan"}
	}
	return firsts
}

// statusDay returns dayOfTips with dayStatuses applied and the first
// changes.
func statusDay(t *testing.T) (digest.Period, []tip.DigestItem, []tip.StatusChange) {
	day, items := dayOfTips(t)
	firsts := withStatuses(items, dayStatuses)
	return day, items, firsts
}

func TestPercentile(t *testing.T) {
	ds := func(mins ...int) []time.Duration {
		out := make([]time.Duration, len(mins))
		for i, m := range mins {
			out[i] = time.Duration(m) * time.Minute
		}
		return out
	}
	tests := []struct {
		name   string
		sorted []time.Duration
		p      int
		want   time.Duration
	}{
		{"no values", nil, 50, 0},
		{"one value is every percentile", ds(7), 90, 7 * time.Minute},
		{"median of an odd count is the middle", ds(1, 2, 3, 4, 5), 50, 3 * time.Minute},
		{"median of an even count is the lower middle, not a mean", ds(1, 2, 3, 4), 50, 2 * time.Minute},
		{"90th of 10 is the 9th", ds(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 90, 9 * time.Minute},
		{"90th of 11 rounds the rank up to the 10th", ds(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), 90, 10 * time.Minute},
		{"90th of 8 is the largest", ds(1, 2, 3, 4, 5, 6, 7, 8), 90, 8 * time.Minute},
		{"90th of 2 is the larger", ds(1, 60), 90, time.Hour},
		{"100th is the largest", ds(1, 2, 3), 100, 3 * time.Minute},
		{"p above 100 is the largest", ds(1, 2, 3), 150, 3 * time.Minute},
		{"p below 1 is the smallest", ds(1, 2, 3), 0, time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := digest.Percentile(tt.sorted, tt.p); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestResponses(t *testing.T) {
	base := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	// answered returns tip id created at base, first answered after d
	// from chat of unit, and that first change.
	answered := func(id int64, d time.Duration, chat int64, unit string) (tip.DigestItem, tip.StatusChange) {
		it := item(id, base)
		it.Tip.Status = tip.StatusState{Status: tip.StatusWatching, Unit: unit, At: base.Add(d), FirstAt: base.Add(d)}
		return it, tip.StatusChange{TipID: id, To: tip.StatusWatching, ChatID: chat, Unit: unit, At: base.Add(d)}
	}
	i1, c1 := answered(1, 10*time.Minute, relayChat, "Polda Bali")
	i2, c2 := answered(2, 30*time.Minute, badungChat, "Polres Badung")
	i3, c3 := answered(3, 20*time.Minute, relayChat, "Polda Bali")
	i4, c4 := answered(4, time.Hour, badungChat, "Polres Badung")
	waiting := item(5, base)
	// #6's current status came from Badung, its first from the Polda chat.
	moved, movedFirst := answered(6, 5*time.Minute, relayChat, "Polda Bali")
	moved.Tip.Status.Unit, moved.Tip.Status.At = "Polres Badung", base.Add(time.Hour)
	// #7 was answered before it arrived (the clock stepped back).
	early, earlyFirst := answered(7, -time.Minute, relayChat, "Polda Bali")
	// A chat whose unit was renamed: the latest tip's unit names it.
	r1, rc1 := answered(8, time.Minute, gianyarChat, "Polres Gianyar")
	r2, rc2 := answered(9, 3*time.Minute, gianyarChat, "Polres Gianyar Kota")
	unnamed, unnamedFirst := answered(10, 2*time.Minute, gianyarChat-1, "")

	tests := []struct {
		name   string
		items  []tip.DigestItem
		firsts []tip.StatusChange
		want   digest.Response
	}{
		{"no tips", nil, nil, digest.Response{}},
		{"no tip has a status", []tip.DigestItem{waiting}, nil, digest.Response{}},
		{"overall and per chat, most tips first then by unit",
			[]tip.DigestItem{i1, i2, i3, i4, waiting}, []tip.StatusChange{c4, c3, c2, c1},
			digest.Response{
				Overall: digest.ResponseTime{Count: 4, Median: 20 * time.Minute, P90: time.Hour},
				ByChat: []digest.ChatResponse{
					{ChatID: relayChat, Unit: "Polda Bali", ResponseTime: digest.ResponseTime{Count: 2, Median: 10 * time.Minute, P90: 20 * time.Minute}},
					{ChatID: badungChat, Unit: "Polres Badung", ResponseTime: digest.ResponseTime{Count: 2, Median: 30 * time.Minute, P90: time.Hour}},
				},
			}},
		{"the first status's chat counts, not the current one's",
			[]tip.DigestItem{moved}, []tip.StatusChange{movedFirst},
			digest.Response{
				Overall: digest.ResponseTime{Count: 1, Median: 5 * time.Minute, P90: 5 * time.Minute},
				ByChat:  []digest.ChatResponse{{ChatID: relayChat, Unit: "Polda Bali", ResponseTime: digest.ResponseTime{Count: 1, Median: 5 * time.Minute, P90: 5 * time.Minute}}},
			}},
		{"without the history: FirstAt and the current unit",
			[]tip.DigestItem{moved, i2}, nil,
			digest.Response{
				Overall: digest.ResponseTime{Count: 2, Median: 5 * time.Minute, P90: 30 * time.Minute},
				ByChat:  []digest.ChatResponse{{Unit: "Polres Badung", ResponseTime: digest.ResponseTime{Count: 2, Median: 5 * time.Minute, P90: 30 * time.Minute}}},
			}},
		{"first changes of other tips are ignored",
			[]tip.DigestItem{i1}, []tip.StatusChange{c1, c2, c4},
			digest.Response{
				Overall: digest.ResponseTime{Count: 1, Median: 10 * time.Minute, P90: 10 * time.Minute},
				ByChat:  []digest.ChatResponse{{ChatID: relayChat, Unit: "Polda Bali", ResponseTime: digest.ResponseTime{Count: 1, Median: 10 * time.Minute, P90: 10 * time.Minute}}},
			}},
		{"of two first changes of a tip the earlier counts",
			[]tip.DigestItem{i2}, []tip.StatusChange{c2, {TipID: 2, ChatID: relayChat, Unit: "Polda Bali", At: base.Add(time.Minute)}},
			digest.Response{
				Overall: digest.ResponseTime{Count: 1, Median: time.Minute, P90: time.Minute},
				ByChat:  []digest.ChatResponse{{ChatID: relayChat, Unit: "Polda Bali", ResponseTime: digest.ResponseTime{Count: 1, Median: time.Minute, P90: time.Minute}}},
			}},
		{"a status before the arrival counts as zero",
			[]tip.DigestItem{early}, []tip.StatusChange{earlyFirst},
			digest.Response{
				Overall: digest.ResponseTime{Count: 1},
				ByChat:  []digest.ChatResponse{{ChatID: relayChat, Unit: "Polda Bali", ResponseTime: digest.ResponseTime{Count: 1}}},
			}},
		{"a chat is one line whatever its unit; a chat without a unit keeps its id",
			[]tip.DigestItem{r1, r2, unnamed}, []tip.StatusChange{rc1, rc2, unnamedFirst},
			digest.Response{
				Overall: digest.ResponseTime{Count: 3, Median: 2 * time.Minute, P90: 3 * time.Minute},
				ByChat: []digest.ChatResponse{
					{ChatID: gianyarChat, Unit: "Polres Gianyar Kota", ResponseTime: digest.ResponseTime{Count: 2, Median: time.Minute, P90: 3 * time.Minute}},
					{ChatID: gianyarChat - 1, ResponseTime: digest.ResponseTime{Count: 1, Median: 2 * time.Minute, P90: 2 * time.Minute}},
				},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := digest.Responses(tt.items, tt.firsts); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestResponsesOfTheDay(t *testing.T) {
	_, items, firsts := statusDay(t)
	got := digest.Responses(items, firsts)
	m := time.Minute
	want := digest.Response{
		Overall: digest.ResponseTime{Count: 8, Median: 12 * m, P90: 7*time.Hour + 10*m},
		ByChat: []digest.ChatResponse{
			{ChatID: relayChat, Unit: "Polda Bali", ResponseTime: digest.ResponseTime{Count: 4, Median: 200 * time.Second, P90: 7*time.Hour + 10*m}},
			{ChatID: badungChat, Unit: "Polres Badung", ResponseTime: digest.ResponseTime{Count: 2, Median: 25 * m, P90: 2 * time.Hour}},
			{ChatID: gianyarChat, Unit: "Polres Gianyar", ResponseTime: digest.ResponseTime{Count: 1, Median: 9 * m, P90: 9 * m}},
			{ChatID: denpasarChat, Unit: "Polresta Denpasar", ResponseTime: digest.ResponseTime{Count: 1, Median: 65 * m, P90: 65 * m}},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}
