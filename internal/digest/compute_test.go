package digest_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestKindsOf(t *testing.T) {
	channel := &tip.Origin{Kind: tip.OriginChannel, ChatID: -1009, ChatUsername: "kanal", MessageID: 5}
	tests := []struct {
		name string
		tip  tip.Tip
		want []digest.Kind
	}{
		{"text only", tip.Tip{Text: "awas"}, []digest.Kind{digest.KindText}},
		{"link", tip.Tip{Text: "x", Links: []string{"https://a.example"}}, []digest.Kind{digest.KindLink}},
		{"forwarded text: the post's own public link is not a link",
			tip.Tip{Text: "x", Origin: channel, Links: []string{"https://t.me/kanal/5"}}, []digest.Kind{digest.KindText, digest.KindForward}},
		{"album with photo, video and caption link",
			tip.Tip{Links: []string{"https://b.example"}, Attachments: []tip.Attachment{{Kind: tip.AttachPhoto}, {Kind: tip.AttachVideo}}},
			[]digest.Kind{digest.KindLink, digest.KindScreenshot, digest.KindVideo}},
		{"animation and video note are video", tip.Tip{Attachments: []tip.Attachment{{Kind: tip.AttachAnimation}, {Kind: tip.AttachVideoNote}}}, []digest.Kind{digest.KindVideo}},
		{"voice and audio are document", tip.Tip{Attachments: []tip.Attachment{{Kind: tip.AttachVoice}, {Kind: tip.AttachAudio}}}, []digest.Kind{digest.KindDocument}},
		{"forwarded document", tip.Tip{Origin: &tip.Origin{Kind: tip.OriginHiddenUser}, Attachments: []tip.Attachment{{Kind: tip.AttachDocument}}},
			[]digest.Kind{digest.KindDocument, digest.KindForward}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := digest.KindsOf(tt.tip); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDomain(t *testing.T) {
	tests := []struct{ link, want string }{
		{"https://www.Facebook.com/story?id=1", "facebook.com"},
		{"http://tiktok.com:8080/@x", "tiktok.com"},
		{"example.org/path", "example.org"},
		{"https://t.me/kanal/5", "t.me"},
		{"mailto:", ""},
		{"http://%zz", ""},
	}
	for _, tt := range tests {
		t.Run(tt.link, func(t *testing.T) {
			if got := digest.Domain(tt.link); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// dayOfTips returns the digest period 23 November 2026 WITA and tips in
// it. Their triage: the channel's 12 tips are in Badung (#1, #4, ...),
// Denpasar (#2, #5, ...) or no region, the even ones hoaks; the user's 3
// are provokasi in Gianyar, #13 urgent and #14 important; of the hidden
// users' 11, #16-#18 are SARA, #19 is in a region no longer in the
// gazetteer ("atlantis"), the rest untriaged.
func dayOfTips(t *testing.T) (digest.Period, []tip.DigestItem) {
	loc := MustWITA(t)
	day := Yesterday(wita(t, 2026, 11, 24, 7, 0, 0), loc)
	var items []tip.DigestItem
	add := func(created time.Time, f func(*tip.Tip)) {
		it := item(int64(len(items)+1), created)
		f(&it.Tip)
		items = append(items, it)
	}
	for i := range 12 { // 12 forwards from one public channel, one per hour from 00:10
		add(day.From.Add(time.Duration(i)*time.Hour+10*time.Minute), func(t *tip.Tip) {
			t.Origin = &tip.Origin{Kind: tip.OriginChannel, ChatID: -1001, ChatTitle: "Info Kota", ChatUsername: "infokota", MessageID: int64(i + 1)}
			t.Links = []string{t.Origin.PublicLink()}
			t.Triage.Region = []tip.RegionKey{"badung", "denpasar", ""}[i%3]
			if t.ID%2 == 0 {
				t.Triage.Category = tip.CategoryHoax
			}
		})
	}
	for i := range 3 { // 3 forwards from a user with a username, at 09:xx
		add(day.From.Add(9*time.Hour+time.Duration(i)*time.Minute), func(t *tip.Tip) {
			t.Origin = &tip.Origin{Kind: tip.OriginUser, SenderID: 42, SenderName: "Provokator", SenderUsername: "provo"}
			t.Links = []string{"https://www.facebook.com/p/1", "https://facebook.com/p/2", "https://tiktok.com/@a"}
			t.Triage = tip.Triage{Region: "gianyar", Category: tip.CategoryProvocation,
				Priority: []tip.Priority{tip.PriorityUrgent, tip.PriorityImportant, tip.PriorityNormal}[i]}
		})
	}
	for i := range 11 { // 11 hidden users, one tip each: only 10 sources are listed
		add(day.From.Add(23*time.Hour+time.Duration(i)*time.Minute), func(t *tip.Tip) {
			t.Origin = &tip.Origin{Kind: tip.OriginHiddenUser, SenderName: fmt.Sprintf("Anon %02d", i)}
			t.Attachments = []tip.Attachment{{Kind: tip.AttachPhoto}}
			switch {
			case i < 3:
				t.Triage.Category = tip.CategorySARA
			case i == 3:
				t.Triage.Region = "atlantis"
			}
		})
	}
	return day, items
}

func TestCompute(t *testing.T) {
	loc := MustWITA(t)
	day, items := dayOfTips(t)
	outside := item(99, day.To) // 00:00:00 the next day: ignored
	d := digest.Compute(append(items, outside), 20, 3, []tip.FailingTarget{{ChatID: -5}}, day, loc)

	if got, want := d.Total, 26; got != want {
		t.Errorf("got total %d, want %d", got, want)
	}
	wantKinds := map[digest.Kind]int{digest.KindText: 12, digest.KindLink: 3, digest.KindScreenshot: 11, digest.KindForward: 26}
	if !reflect.DeepEqual(d.ByKind, wantKinds) {
		t.Errorf("got kinds %v, want %v", d.ByKind, wantKinds)
	}
	if got, want := len(d.Origins), digest.TopN; got != want {
		t.Fatalf("got %d origins, want %d", got, want)
	}
	wantTop := []digest.Source{
		{Label: "Info Kota @infokota", Kind: tip.OriginChannel, Link: "https://t.me/infokota", Count: 12},
		{Label: "Provokator @provo", Kind: tip.OriginUser, Link: "https://t.me/provo", Count: 3},
		{Label: "Anon 00", Kind: tip.OriginHiddenUser, Count: 1},
	}
	if got := d.Origins[:3]; !reflect.DeepEqual(got, wantTop) {
		t.Errorf("got top origins %+v, want %+v", got, wantTop)
	}
	wantDomains := []digest.Source{{Label: "facebook.com", Count: 3}, {Label: "tiktok.com", Count: 3}}
	if !reflect.DeepEqual(d.Domains, wantDomains) {
		t.Errorf("got domains %+v, want %+v (one count per tip, t.me post links excluded)", d.Domains, wantDomains)
	}
	wantStaff := []digest.StaffCount{{ID: 101, Name: "Staf 101", Count: 9}, {ID: 102, Name: "Staf 102", Count: 9}, {ID: 100, Name: "Staf 100", Count: 8}}
	if !reflect.DeepEqual(d.Staff, wantStaff) {
		t.Errorf("got staff %+v, want %+v", d.Staff, wantStaff)
	}
	if got, want := len(d.Hours), 24; got != want {
		t.Fatalf("got %d hours, want %d", got, want)
	}
	wantHours := map[int]int{0: 1, 9: 4, 11: 1, 12: 0, 23: 11}
	for h, n := range wantHours {
		if got := d.Hours[h].Count; got != n {
			t.Errorf("got %d tips at hour %d, want %d", got, h, n)
		}
		if got, want := d.Hours[h].Start.Format("15:04 MST"), fmt.Sprintf("%02d:00 WITA", h); got != want {
			t.Errorf("got hour %d starting %s, want %s", h, got, want)
		}
	}
	if d.PrevTotal != 20 || d.Pending != 3 || len(d.Failing) != 1 {
		t.Errorf("got previous %d, pending %d, failing %v; want 20, 3, one chat", d.PrevTotal, d.Pending, d.Failing)
	}
}

func TestComputeHoursOfOtherPeriods(t *testing.T) {
	loc := MustWITA(t)
	now := wita(t, 2026, 11, 24, 9, 37, 0)
	tests := []struct {
		name  string
		p     digest.Period
		hours int
		first string
	}{
		// Rows are hours of the clock: from 09:37 the first is 09:00.
		{"last 24 hours", digest.Last(now, 24*time.Hour), 25, "23-11 09:00"},
		{"last 90 minutes", digest.Last(now, 90*time.Minute), 2, "24-11 08:00"},
		{"last 7 days", digest.Last(now, 7*24*time.Hour), 169, "17-11 09:00"},
		{"a whole day", digest.Period{From: wita(t, 2026, 11, 24, 0, 0, 0), To: wita(t, 2026, 11, 25, 0, 0, 0)}, 24, "24-11 00:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := digest.Compute([]tip.DigestItem{item(1, tt.p.To.Add(-time.Minute))}, 0, 0, nil, tt.p, loc)
			if got := len(d.Hours); got != tt.hours {
				t.Fatalf("got %d buckets, want %d", got, tt.hours)
			}
			if got := d.Hours[0].Start.Format("02-01 15:04"); got != tt.first {
				t.Errorf("got first bucket %s, want %s", got, tt.first)
			}
			if got := d.Hours[len(d.Hours)-1].Count; got != 1 {
				t.Errorf("got %d tips in the last bucket, want 1", got)
			}
		})
	}
}

func TestBuild(t *testing.T) {
	loc := MustWITA(t)
	day, items := dayOfTips(t)
	prev := item(100, day.From.Add(-time.Second))
	store := &fakeStore{items: append(items, prev), pending: 2}
	d, err := digest.Build(context.Background(), store, day, loc)
	if err != nil {
		t.Fatal(err)
	}
	if d.Total != 26 || d.PrevTotal != 1 || d.Pending != 2 {
		t.Errorf("got total %d, previous %d, pending %d; want 26, 1, 2", d.Total, d.PrevTotal, d.Pending)
	}
	want := []string{"tips 2026-11-22T16:00:00Z 2026-11-23T16:00:00Z", "count 2026-11-21T16:00:00Z 2026-11-22T16:00:00Z",
		"first statuses 2026-11-22T16:00:00Z 2026-11-23T16:00:00Z"}
	if !reflect.DeepEqual(store.asked, want) {
		t.Errorf("got queries %q, want %q", store.asked, want)
	}

	boom := errors.New("disk on fire")
	if _, err := digest.Build(context.Background(), &fakeStore{err: boom}, day, loc); !errors.Is(err, boom) {
		t.Errorf("got error %v, want it to wrap %v", err, boom)
	}
}
