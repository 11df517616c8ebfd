package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// requireTesseract skips a test that needs tesseract when it is missing,
// unless TIPRELAY_REQUIRE_OCR=1 (CI) makes that a failure.
func requireTesseract(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tesseract"); err != nil {
		if os.Getenv("TIPRELAY_REQUIRE_OCR") == "1" {
			t.Fatalf("tesseract is required (TIPRELAY_REQUIRE_OCR=1): %v", err)
		}
		t.Skip("tesseract not installed (apt-get install tesseract-ocr tesseract-ocr-ind); set TIPRELAY_REQUIRE_OCR=1 to fail instead")
	}
}

// screenshot returns a photo message carrying the fixture file name of
// internal/ocr/testdata as its only size.
func screenshot(t *testing.T, name, caption string) telegramtest.Message {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "internal", "ocr", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return telegramtest.Message{Photo: []telegramtest.PhotoSize{{Width: 720, Height: 1280, Content: b}}, Caption: caption}
}

// TestScreenshotRepeatsFoldThroughTheBot: the whole bot (run) with its
// download and analysis workers. The same chat screenshot, re-encoded as
// JPEG and sent by a second staff member, is folded before the police
// chat gets a copy: its reporter is told the first number, the first
// tip's header counts two reports. A screenshot of the same layout with
// another text is relayed as a tip of its own. The text read from the
// screenshot is found by /cari.
func TestScreenshotRepeatsFoldThroughTheBot(t *testing.T) {
	requireTesseract(t)
	srv := telegramtest.NewServer(testToken)
	defer srv.Close()
	group := srv.AddChat(telegramtest.Chat{ID: -1002233445566, Type: "supergroup", Title: "Ditintelkam"})
	rina := telegramtest.User{ID: 5123456789, FirstName: "Rina"}
	made := telegramtest.User{ID: 5123456790, FirstName: "Made"}
	env := map[string]string{
		"TIPRELAY_BOT_TOKEN":     testToken,
		"TIPRELAY_API_URL":       srv.URL(),
		"TIPRELAY_DB_PATH":       filepath.Join(t.TempDir(), "data", "tiprelay.db"),
		"TIPRELAY_RELAY_CHAT_ID": "-1002233445566",
		"TIPRELAY_STAFF_IDS":     "5123456789,5123456790",
		"TIPRELAY_POLL_TIMEOUT":  "2s",
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, envOf(env), &bytes.Buffer{}, &stderr) }()

	srv.UserSends(rina, screenshot(t, "chat.png", "beredar di grup WA"))
	if err := srv.WaitTimeout(20*time.Second, func() bool { return len(srv.BotMessages(group.ID)) >= 1 }); err != nil {
		t.Fatalf("first screenshot not relayed: %v\nlog:\n%s", err, stderr.String())
	}
	first := srv.BotMessages(group.ID)[0]
	srv.UserSends(made, screenshot(t, "chat-q70.jpg", "ini juga"))
	if err := srv.WaitTimeout(20*time.Second, func() bool {
		for _, m := range srv.BotMessages(made.ID) {
			if strings.Contains(m.Text, "sama dengan laporan #1") {
				return true
			}
		}
		return false
	}); err != nil {
		t.Fatalf("the re-encoded screenshot's reporter was not told #1: %v\nlog:\n%s", err, stderr.String())
	}
	if err := srv.WaitTimeout(20*time.Second, func() bool {
		now, _ := srv.Message(group.ID, first.MessageID)
		return strings.Contains(now.Caption, "Dilaporkan 2×")
	}); err != nil {
		now, _ := srv.Message(group.ID, first.MessageID)
		t.Errorf("first header %q does not count 2 reports: %v", now.Caption, err)
	}
	srv.UserSends(rina, screenshot(t, "chat-other.png", "chat lain"))
	if err := srv.WaitTimeout(20*time.Second, func() bool { return len(srv.BotMessages(group.ID)) >= 2 }); err != nil {
		t.Fatalf("another chat screenshot of the same layout was not relayed: %v\nlog:\n%s", err, stderr.String())
	}
	msgs := srv.BotMessages(group.ID)
	if got := msgs[1].Caption; !strings.Contains(got, "Laporan #3") {
		t.Errorf("got %q, want tip #3 relayed (tip #2 was folded)", got)
	}
	for _, m := range msgs {
		if strings.Contains(m.Caption, "Laporan #2") {
			t.Errorf("the folded repeat #2 reached the police chat: %q", m.Caption)
		}
	}
	srv.UserSends(rina, telegramtest.Text("/cari ditutup"))
	if err := srv.WaitTimeout(20*time.Second, func() bool {
		for _, m := range srv.BotMessages(rina.ID) {
			if strings.Contains(m.Text, "#1") && strings.Contains(strings.ToLower(m.Text), "ditutup") {
				return true
			}
		}
		return false
	}); err != nil {
		var got []string
		for _, m := range srv.BotMessages(rina.ID) {
			got = append(got, m.Text)
		}
		t.Errorf("/cari ditutup did not find the screenshot #1: %q: %v", got, err)
	}
	srv.UserSends(rina, telegramtest.Text("/laporan 1"))
	if err := srv.WaitTimeout(20*time.Second, func() bool {
		for _, m := range srv.BotMessages(rina.ID) {
			if strings.Contains(m.Text, "Teks di tangkapan layar") && strings.Contains(m.Text, "DITUTUP") &&
				strings.Contains(m.Text, "Laporan ulang (1)") {
				return true
			}
		}
		return false
	}); err != nil {
		t.Errorf("/laporan 1 does not show the screenshot's text and its repeat: %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
}
