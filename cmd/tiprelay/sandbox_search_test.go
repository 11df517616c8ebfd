package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSandboxSearchPagesEditInPlace: /cari on a staff phone of the page
// lists ten tips per page; the page shows its «Lebih banyak ›» button, and
// a press on it edits the answer in place (the page sees the same message,
// edited, now on page 2) and is answered with the page shown.
func TestSandboxSearchPagesEditInPlace(t *testing.T) {
	sb := startSandbox(t, map[string]string{"TIPRELAY_DB_PATH": filepath.Join(t.TempDir(), "sandbox.db")})
	var world sbWorld
	sb.api(t, "api/world", nil, &world)
	searcher := world.Phones[0].ID
	var senders []int64
	for _, p := range world.Phones[1:] {
		if p.Role == "staff" || p.Role == "admin" {
			senders = append(senders, p.ID)
		}
	}
	// Eleven tips from the others, so that the searcher's phone has no
	// acknowledgements queued before the answer.
	for i := range 11 {
		text := fmt.Sprintf("Baliho kampanye hitam nomor %d dipasang di simpang jalan", i+1)
		if code := sb.api(t, "api/send", map[string]any{"from": senders[i%len(senders)], "kind": "text", "text": text}, nil); code != 200 {
			t.Fatalf("tip %d: %d", i+1, code)
		}
	}
	if code := sb.api(t, "api/send", map[string]any{"from": searcher, "kind": "text", "text": "/cari baliho"}, nil); code != 200 {
		t.Fatalf("/cari: %d", code)
	}
	query := fmt.Sprintf("phone=%d", searcher)
	st := sb.waitState(t, query, 20*time.Second, "the first page of /cari baliho with its button", func(st sbState) bool {
		m, ok := st.Phone.botMessage("baliho", "11 laporan", "1 dari 2")
		return ok && len(m.Buttons) > 0
	})
	first, _ := st.Phone.botMessage("baliho", "1 dari 2")
	var more string
	for _, row := range first.Buttons {
		for _, b := range row {
			if strings.Contains(b.Text, "Lebih banyak") {
				more = b.Data
			}
		}
	}
	if more == "" {
		t.Fatalf("got buttons %+v, want «Lebih banyak ›»", first.Buttons)
	}
	if n := strings.Count(first.HTML, "\n<b>"); n != 10 {
		t.Errorf("the first page lists %d tips, want 10:\n%s", n, first.HTML)
	}

	var answer struct {
		Answered bool   `json:"answered"`
		Text     string `json:"text"`
	}
	press := map[string]any{"chat": searcher, "message": first.ID, "data": more}
	if code := sb.api(t, "api/press", press, &answer); code != 200 || !answer.Answered || !strings.Contains(answer.Text, "2") {
		t.Fatalf("press «Lebih banyak ›»: %d %+v, want the page shown", code, answer)
	}
	sb.waitState(t, query, 20*time.Second, "the answer edited in place to page 2", func(st sbState) bool {
		for _, m := range st.Phone.Messages {
			if m.ID == first.ID {
				return m.Edited && strings.Contains(m.HTML, "2 dari 2") && strings.Count(m.HTML, "\n<b>") == 1
			}
		}
		return false
	})
	var last sbState
	sb.api(t, "api/state?"+query, nil, &last)
	if n := len(last.Phone.Messages); last.Phone.Messages[n-1].ID != first.ID {
		t.Errorf("the press added message %d; want the answer edited, no new message", last.Phone.Messages[n-1].ID)
	}
}
