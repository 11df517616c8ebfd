package digest_test

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestCSV(t *testing.T) {
	loc := MustWITA(t)
	day := Yesterday(wita(t, 2026, 11, 24, 7, 0, 0), loc)
	a := item(7, wita(t, 2026, 11, 23, 23, 59, 59))
	a.Tip.Reporter = tip.Person{ID: 55, FirstName: "=HYPERLINK(\"http://evil\")", LastName: "Putu"}
	a.Tip.Text = "baris 1, \"kutip\"\nbaris 2 😀 <b>&"
	a.Tip.Links = []string{"https://a.example/x?a=1&b=2", "https://t.me/kanal/5"}
	a.Tip.Origin = &tip.Origin{Kind: tip.OriginChannel, ChatID: -1009, ChatTitle: "+62 Kanal", ChatUsername: "kanal", MessageID: 5}
	a.Tip.Attachments = []tip.Attachment{{Kind: tip.AttachPhoto}, {Kind: tip.AttachVideo}}
	a.Tip.Triage = tip.Triage{Region: "badung", RegionSource: tip.SetByPlace, Category: tip.CategoryHoax, Priority: tip.PriorityUrgent}
	a.Tip.Status = tip.StatusState{Status: tip.StatusFollowUp, Unit: "=Polres Badung", Officer: tip.Person{ID: 900},
		At: wita(t, 2026, 11, 24, 1, 0, 0), FirstAt: wita(t, 2026, 11, 24, 0, 12, 30).UTC()}
	b := item(8, wita(t, 2026, 11, 23, 0, 0, 0))
	b.Relayed = nil
	b.Tip.Text = "-1 @all\tx"
	b.Tip.Origin = &tip.Origin{Kind: tip.OriginUser, SenderID: 3, SenderName: "@budi", SenderUsername: "budi"}
	data := digest.CSV(digest.Compute([]tip.DigestItem{b, a}, 0, 0, nil, day, loc))

	if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("got %q at the start, want a UTF-8 byte order mark", data[:3])
	}
	if !utf8.Valid(data) {
		t.Errorf("got invalid UTF-8")
	}
	if got, want := bytes.Count(data, []byte("\r\n")), 4; got != want { // 3 rows + the newline inside a's text
		t.Errorf("got %d CRLF, want %d", got, want)
	}
	if bytes.Contains(bytes.ReplaceAll(data, []byte("\r\n"), nil), []byte("\n")) {
		t.Errorf("got a bare LF, want CRLF line ends only")
	}
	rows, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"number", "created", "reporter_name", "reporter_id", "kinds", "text", "links", "origin_kind", "origin_label", "origin_link", "attachments", "relayed_link", "region", "category", "priority",
			"status", "first_status_at", "status_unit", "duplicate_of", "reports"},
		{"7", "2026-11-23 23:59:59", "'=HYPERLINK(\"http://evil\") Putu", "55", "link screenshot video forward", "baris 1, \"kutip\"\nbaris 2 😀 <b>&",
			"https://a.example/x?a=1&b=2 https://t.me/kanal/5", "channel", "'+62 Kanal @kanal", "https://t.me/kanal/5", "2", "https://t.me/c/1234567890/1007", "badung", "hoaks", "darurat",
			"ditindaklanjuti", "2026-11-24T00:12:30+08:00", "'=Polres Badung", "", "1"},
		{"8", "2026-11-23 00:00:00", "Staf 102", "102", "text forward", "'-1 @all\tx", "", "user", "'@budi @budi", "https://t.me/budi", "0", "", "", "", "biasa", "", "", "", "", "1"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("got rows\n%q\nwant\n%q", rows, want)
	}
}

func TestCSVEmpty(t *testing.T) {
	day := digest.Last(time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC), time.Hour)
	data := digest.CSV(digest.Compute(nil, 0, 0, nil, day, time.UTC))
	if got := strings.Count(string(data), "\r\n"); got != 1 {
		t.Errorf("got %d lines, want only the header", got)
	}
}
