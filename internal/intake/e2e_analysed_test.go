package intake_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/intake"
	"github.com/tiprelay/tiprelay/internal/relay"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// What the analysis of screenshots does (intake.Service.Analysed), driven
// with the results the analysis worker would give, through the emulator.

const (
	screenText = "Warga diminta tidak datang ke TPS 17 besok pagi. TPS 17 DITUTUP sementara"
	otherText  = "Relawan posko jalan rusak banjir, tolong cek lokasi foto kiriman teman"
)

// withHold makes photo tips wait up to d for their analysis.
func withHold(d time.Duration) botOption {
	return func(s *intake.Settings, _ *relay.Options) { s.ImageHold = d }
}

// analysed records an analysis of tip n's photo.
func (e *env) analysed(t *testing.T, n int64, a tip.ImageAnalysis) bool {
	t.Helper()
	jobs, err := sqlite.NewDownloadStore(e.db).ByTip(context.Background(), n)
	if err != nil || len(jobs) != 1 {
		t.Fatalf("downloads of tip %d: %+v, %v", n, jobs, err)
	}
	a.AttachmentID, a.TipID, a.Hashed, a.Read = jobs[0].AttachmentID, n, true, true
	folded, err := e.svc.Analysed(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	return folded
}

// waitDownload waits until tip n is stored with its download job.
func (e *env) waitDownload(t *testing.T, n int64) {
	t.Helper()
	if err := eventually(10*time.Second, func() bool {
		jobs, err := sqlite.NewDownloadStore(e.db).ByTip(context.Background(), n)
		return err == nil && len(jobs) == 1
	}); err != nil {
		t.Fatalf("tip %d not stored: %v", n, err)
	}
}

func TestAnalysedFoldsAfterTheRelay(t *testing.T) {
	e := startBot(t, withDuplicates(time.Hour))
	e.srv.UserSends(staff, telegramtest.Photo("tangkapan layar"))
	e.srv.UserSends(staff2, telegramtest.Photo("kiriman ulang"))
	msgs := e.waitMessages(t, group.ID, 2)
	e.waitSent(t, 2)
	if e.analysed(t, 1, tip.ImageAnalysis{SHA256: strings.Repeat("a", 64), Hash: 0xF0F0, Text: screenText}) {
		t.Fatal("the first screenshot folded")
	}
	folded := e.analysed(t, 2, tip.ImageAnalysis{SHA256: strings.Repeat("b", 64), Hash: 0xF0F1, Text: screenText,
		Near: []tip.NearImage{{TipID: 1, Distance: 1}}})
	if !folded {
		t.Fatal("the re-encoded screenshot was not folded")
	}
	e.waitText(t, staff2.ID, "sama dengan laporan #1")
	if err := e.srv.WaitTimeout(10*time.Second, func() bool {
		first, _ := e.srv.Message(group.ID, msgs[0].MessageID)
		second, _ := e.srv.Message(group.ID, msgs[1].MessageID)
		return strings.Contains(first.Caption, "Dilaporkan 2×") &&
			strings.Contains(second.Caption, "Ulang dari laporan #1") && len(second.InlineKeyboard()) == 0
	}); err != nil {
		first, _ := e.srv.Message(group.ID, msgs[0].MessageID)
		second, _ := e.srv.Message(group.ID, msgs[1].MessageID)
		t.Errorf("first %q, second %q (buttons %+v): %v", first.Caption, second.Caption, second.InlineKeyboard(), err)
	}
}

func TestAnalysedHoldsThenFolds(t *testing.T) {
	e := startBot(t, withDuplicates(time.Hour), withHold(time.Minute))
	e.srv.UserSends(staff, telegramtest.Photo("tangkapan layar"))
	e.waitDownload(t, 1)
	if got := len(e.srv.BotMessages(group.ID)) + len(e.srv.BotMessages(staff.ID)); got != 0 {
		t.Fatalf("%d messages before the analysis, want the photo's relay and acknowledgement held", got)
	}
	sum := strings.Repeat("c", 64)
	e.analysed(t, 1, tip.ImageAnalysis{SHA256: sum, Hash: 0xAB, Text: screenText})
	e.waitMessages(t, group.ID, 1) // released
	e.waitText(t, staff.ID, "✅ Laporan #1")
	e.srv.UserSends(staff2, telegramtest.Photo("file yang sama, diunggah ulang"))
	e.waitDownload(t, 2)
	if !e.analysed(t, 2, tip.ImageAnalysis{SHA256: sum, Hash: 0xAB}) {
		t.Fatal("the same file (by SHA-256) was not folded")
	}
	notice := e.waitText(t, staff2.ID, "sama dengan laporan #1")
	if got := e.srv.BotMessages(staff2.ID); len(got) != 1 {
		t.Errorf("the repeat's reporter got %d messages (first %q), want only the notice %q", len(got), got[0].Text, notice.Text)
	}
	e.srv.UserSends(staff, telegramtest.Text("penanda"))
	msgs := e.waitMessages(t, group.ID, 2)
	if len(msgs) != 2 || !strings.Contains(msgs[1].Text, "Laporan #3") {
		t.Errorf("got %d group messages; want #1 and the marker #3 only: the held repeat never sent", len(msgs))
	}
}

func TestAnalysedMarksSimilarAndTriages(t *testing.T) {
	e := startBot(t, withDuplicates(time.Hour), withHold(time.Minute), withBali())
	e.srv.AddChat(polresBadung)
	e.srv.UserSends(staff, telegramtest.Photo(""))
	e.waitDownload(t, 1)
	e.analysed(t, 1, tip.ImageAnalysis{Hash: 0xFF00, Text: otherText})
	e.waitMessages(t, group.ID, 1)
	e.srv.UserSends(staff2, telegramtest.Photo(""))
	e.waitDownload(t, 2)
	// Same layout, other words, in Kuta: not the same; region from the
	// text.
	if e.analysed(t, 2, tip.ImageAnalysis{Hash: 0xFF0F, Text: "Massa berkumpul di Kuta malam ini #provokasi jangan datang",
		Near: []tip.NearImage{{TipID: 1, Distance: 4}}}) {
		t.Fatal("a close picture with other text was folded")
	}
	msgs := e.waitMessages(t, group.ID, 2)
	for _, want := range []string{"Laporan #2", "Mirip laporan #1", "Badung", "Provokasi"} {
		if !strings.Contains(msgs[1].Caption, want) {
			t.Errorf("header %q lacks %q", msgs[1].Caption, want)
		}
	}
	badung := e.waitMessages(t, polresBadung.ID, 1)
	if !strings.Contains(badung[0].Caption, "Laporan #2") {
		t.Errorf("Badung got %q, want tip #2 routed by its screenshot's place name", badung[0].Caption)
	}
	ack := e.waitText(t, staff2.ID, "Laporan #2")
	if err := e.srv.WaitTimeout(10*time.Second, func() bool {
		now, _ := e.srv.Message(staff2.ID, ack.MessageID)
		return strings.Contains(now.Text, "Badung")
	}); err != nil {
		t.Errorf("the acknowledgement was not brought up to date with the region: %v", err)
	}
}
