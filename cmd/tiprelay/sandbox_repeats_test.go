package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// demo returns the page's repeats demo with key.
func (w sbWorld) demo(t *testing.T, key string) sbDemo {
	t.Helper()
	for _, d := range w.Demos {
		if d.Key == key {
			return d
		}
	}
	t.Fatalf("no demo %q among %+v", key, w.Demos)
	return sbDemo{}
}

// sendDemo sends a demo message as the page does: from its staff member,
// or from phone when the demo has none.
func (s *sandboxRun) sendDemo(t *testing.T, d sbDemo, phone int64) {
	t.Helper()
	if d.From != 0 {
		phone = d.From
	}
	req := map[string]any{"from": phone, "kind": d.Kind, "item": d.Item, "text": d.Text}
	var res struct {
		MessageIDs []int64 `json:"message_ids"`
		Error      string  `json:"error"`
	}
	if code := s.api(t, "api/send", req, &res); code != 200 || len(res.MessageIDs) == 0 {
		t.Fatalf("demo %s: %d %+v", d.Key, code, res)
	}
}

// foldDemo sends a pair of the repeats demo, first and again, and waits
// for the repeat (tip n+1) to be folded into the first (tip n): its
// sender told n, the first tip's header in the Polda chat edited to
// «Dilaporkan 2×», no copy of the repeat there. It returns the state of
// the repeat's sender's phone and the Polda chat.
func (s *sandboxRun) foldDemo(t *testing.T, world sbWorld, first, again string, n int) sbState {
	t.Helper()
	polda, repeat := world.Police[0].ID, world.demo(t, again)
	s.sendDemo(t, world.demo(t, first), world.Phones[0].ID)
	s.waitState(t, fmt.Sprintf("police=%d", polda), 20*time.Second, first+" relayed", func(st sbState) bool {
		_, ok := st.Police.botMessage(fmt.Sprintf("Laporan #%d", n))
		return ok
	})
	s.sendDemo(t, repeat, world.Phones[0].ID)
	st := s.waitState(t, fmt.Sprintf("phone=%d&police=%d", repeat.From, polda), 20*time.Second, again+" folded", func(st sbState) bool {
		_, told := st.Phone.botMessage(fmt.Sprintf("sama dengan laporan #%d", n))
		header, _ := st.Police.botMessage(fmt.Sprintf("Laporan #%d", n))
		return told && strings.Contains(header.HTML, "Dilaporkan 2×") && header.Edited
	})
	if m, ok := st.Police.botMessage(fmt.Sprintf("Laporan #%d", n+1)); ok {
		t.Errorf("%s: the repeat reached the Polda chat: %q", again, m.HTML)
	}
	return st
}

// TestSandboxDemoFoldsRepeats plays the page's repeats demo through its
// JSON API, pair by pair, as a person pressing its buttons would: each
// repeat's sender is told the first tip's number, with a button that
// works; the Polda chat gets no copy of the repeat, only an edit of the
// first tip's header («Dilaporkan 2×»). The same post forwarded, the same
// video in two link forms and the same screenshot re-encoded (folded
// after download, with or without OCR) all fold. With tesseract, the
// screenshot's text puts the tip in Polres Badung's chat (Kuta is in
// Badung), /cari finds it by a word that is only in the picture, and
// /laporan shows the text read.
func TestSandboxDemoFoldsRepeats(t *testing.T) {
	start := time.Now()
	sb := startSandbox(t, map[string]string{"TIPRELAY_DB_PATH": filepath.Join(t.TempDir(), "sandbox.db")})
	var world sbWorld
	sb.api(t, "api/world", nil, &world)
	a, c := world.Phones[0].ID, world.demo(t, "link_again").From
	polda := world.Police[0].ID
	var badung int64
	for _, p := range world.Police {
		if p.Region == "badung" {
			badung = p.ID
		}
	}
	_, lookErr := exec.LookPath("tesseract")
	if world.OCR.On != (lookErr == nil) {
		t.Errorf("the page says OCR on=%v (%s), but tesseract is found: %v", world.OCR.On, world.OCR.Note, lookErr == nil)
	}

	sb.foldDemo(t, world, "post", "post_again", 1)
	st := sb.foldDemo(t, world, "link", "link_again", 3)

	// The repeat's button sends it as a new tip after all.
	ack, _ := st.Phone.botMessage("sama dengan laporan #3")
	if len(ack.Buttons) == 0 || !strings.HasPrefix(ack.Buttons[0][0].Data, "u") {
		t.Fatalf("got the repeat's answer %+v, want the button that sends it as a new tip", ack)
	}
	var answer struct {
		Answered bool   `json:"answered"`
		Text     string `json:"text"`
	}
	press := map[string]any{"chat": c, "message": ack.ID, "data": ack.Buttons[0][0].Data}
	if code := sb.api(t, "api/press", press, &answer); code != 200 || !answer.Answered || !strings.Contains(answer.Text, "#4") {
		t.Fatalf("press «%s»: %d %+v", ack.Buttons[0][0].Text, code, answer)
	}
	sb.waitState(t, fmt.Sprintf("police=%d", polda), 20*time.Second, "the repeat relayed as tip #4 after the press", func(st sbState) bool {
		_, ok := st.Police.botMessage("Laporan #4")
		return ok
	})

	st = sb.foldDemo(t, world, "shot", "shot_again", 5)
	if m, _ := st.Police.botMessage("Laporan #5"); m.Photo == "" {
		t.Errorf("tip #5 relayed without its screenshot: %+v", m)
	}
	if !world.OCR.On {
		t.Logf("tesseract is not installed: the screenshot folded by its hash; OCR not checked (%s)", world.OCR.Note)
		return
	}
	sb.waitState(t, fmt.Sprintf("police=%d", badung), 20*time.Second, "the screenshot in Polres Badung's chat (OCR read Kuta)", func(st sbState) bool {
		_, ok := st.Police.botMessage("Laporan #5")
		return ok
	})
	sb.sendDemo(t, world.demo(t, "search"), a)
	sb.waitState(t, fmt.Sprintf("phone=%d", a), 20*time.Second, "/cari ditutup finds the screenshot by its text", func(st sbState) bool {
		_, ok := st.Phone.botMessage("#5", "ditutup")
		return ok
	})
	if code := sb.api(t, "api/reply", map[string]any{"chat": polda, "text": "/laporan 5"}, nil); code != 200 {
		t.Fatalf("/laporan 5: %d", code)
	}
	sb.waitState(t, fmt.Sprintf("police=%d", polda), 20*time.Second, "/laporan 5 shows the screenshot's text", func(st sbState) bool {
		for _, m := range st.Police.Messages {
			if m.Bot && m.Photo == "" && strings.Contains(m.HTML, "Laporan #5") && strings.Contains(m.HTML, "TPS 17 DITUTUP") {
				return true
			}
		}
		return false
	})
	t.Logf("the demo's three repeats folded in %v", time.Since(start).Round(time.Millisecond))
}

// TestSandboxDemoWithoutOCR: with TIPRELAY_OCR=off the page says OCR is
// off and why, the event log shows the bot's line about it, and the
// re-encoded screenshot is still folded, by its image hash alone.
func TestSandboxDemoWithoutOCR(t *testing.T) {
	sb := startSandbox(t, map[string]string{"TIPRELAY_DB_PATH": filepath.Join(t.TempDir(), "sandbox.db"), "TIPRELAY_OCR": "off"})
	var world sbWorld
	sb.api(t, "api/world", nil, &world)
	if world.OCR.On || !strings.Contains(world.OCR.Note, "TIPRELAY_OCR=off") {
		t.Errorf("got OCR %+v, want off because of TIPRELAY_OCR=off", world.OCR)
	}
	sb.waitLog(t, 20*time.Second, "OCR is off")
	sb.foldDemo(t, world, "shot", "shot_again", 1)
}

// waitLog reads the page's event stream until a log entry of the bot
// whose message holds msg, or fails the test after d.
func (s *sandboxRun) waitLog(t *testing.T, d time.Duration, msg string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	events := s.events(t, ctx)
	for events.Scan() {
		data, ok := strings.CutPrefix(events.Text(), "data: ")
		var e struct {
			Kind string `json:"kind"`
			Msg  string `json:"msg"`
		}
		if ok && json.Unmarshal([]byte(data), &e) == nil && e.Kind == "log" && strings.Contains(e.Msg, msg) {
			return
		}
	}
	t.Fatalf("no log entry %q on the page within %v (%v)\nlog:\n%s", msg, d, events.Err(), s.stderr.String())
}
