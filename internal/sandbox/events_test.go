package sandbox

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// sseEvent is one server-sent event.
type sseEvent struct{ id, name, data string }

// readEvents reads events from an open stream into a channel.
func readEvents(resp *http.Response) <-chan sseEvent {
	ch := make(chan sseEvent, 100)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(resp.Body)
		var e sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if e.name != "" {
					ch <- e
				}
				e = sseEvent{}
			case strings.HasPrefix(line, "id: "):
				e.id = line[4:]
			case strings.HasPrefix(line, "event: "):
				e.name = line[7:]
			case strings.HasPrefix(line, "data: "):
				e.data = line[6:]
			}
		}
	}()
	return ch
}

// TestEventStream: the stream replays the log, then carries the bot's
// calls, its log lines and the person's actions as "log" events, and a
// "change" after each; a reconnecting browser gets only what it missed.
func TestEventStream(t *testing.T) {
	sb, srv := mustSandbox(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go sb.Run(ctx)
	log := slog.New(sb.LogHandler(slog.NewTextHandler(&bytes.Buffer{}, &slog.HandlerOptions{Level: slog.LevelWarn})))
	log.Info("before the page opened", "n", 1)

	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/api/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("GET /api/events: %v %v", resp, err)
	}
	events := readEvents(resp)
	want := func(what string, match func(sseEvent, Entry) bool) sseEvent {
		t.Helper()
		deadline := time.After(5 * time.Second)
		for {
			select {
			case e, ok := <-events:
				if !ok {
					t.Fatalf("stream ended before %s", what)
				}
				var entry Entry
				json.Unmarshal([]byte(e.data), &entry)
				if match(e, entry) {
					return e
				}
			case <-deadline:
				t.Fatalf("no %s within 5s", what)
			}
		}
	}
	want("the earlier log line", func(e sseEvent, en Entry) bool {
		return e.name == "log" && en.Kind == "log" && en.Msg == "before the page opened" && en.Attrs == "n=1"
	})
	want("a first change", func(e sseEvent, _ Entry) bool { return e.name == "change" })

	staff := sb.World().Phones[0]
	post(t, srv, "/api/send", sendRequest{From: staff.User.ID, Kind: "text", Text: "Hoaks"}, nil)
	want("the person's action", func(e sseEvent, en Entry) bool {
		return e.name == "log" && en.Kind == "user" && en.Action == "text" && en.Who == staff.Name()
	})
	want("a change after it", func(e sseEvent, _ Entry) bool { return e.name == "change" })
	asBot(t, sb, "sendMessage", map[string]any{"chat_id": staff.User.ID, "text": "✅ Laporan #1 diterima"})
	last := want("the bot's call", func(e sseEvent, en Entry) bool {
		return e.name == "log" && en.Kind == "call" && en.Method == "sendMessage" && en.Chat == staff.Name() && en.Status == 200
	})
	want("a change after it", func(e sseEvent, _ Entry) bool { return e.name == "change" })
	log.With("component", "intake").WithGroup("tip").Info("tip received", "id", 1)
	log.Debug("not shown")
	want("the bot's log line", func(e sseEvent, en Entry) bool {
		return e.name == "log" && en.Msg == "tip received" && en.Attrs == "component=intake tip.id=1" && en.Level == "INFO"
	})

	// A browser that reconnects with Last-Event-ID gets what followed.
	req, _ = http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/api/events", nil)
	req.Header.Set("Last-Event-ID", last.id)
	resp2, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	events = readEvents(resp2)
	first := want("the first event after reconnecting", func(e sseEvent, _ Entry) bool { return e.name == "log" })
	if n, _ := strconv.Atoi(first.id); strconv.Itoa(n-1) != last.id {
		t.Errorf("after reconnecting with Last-Event-ID %s the first entry is %s", last.id, first.id)
	}
	for _, e := range sb.hub.entries {
		if e.Msg == "not shown" {
			t.Error("a debug line reached the page")
		}
	}
}

func TestSamples(t *testing.T) {
	w := sb0(t).World()
	seen := map[string]bool{}
	for _, s := range w.Samples {
		for _, z := range s.Sizes {
			img, format, err := image.Decode(bytes.NewReader(z.Data))
			if err != nil {
				t.Fatalf("%s: %v", s.Name, err)
			}
			if "image/"+format != z.MIME {
				t.Errorf("%s: got a %s image, want %s", s.Name, format, z.MIME)
			}
			if b := img.Bounds(); b.Dx() != z.Width || b.Dy() != z.Height {
				t.Errorf("%s: got %v, want %dx%d", s.Name, b, z.Width, z.Height)
			}
			if seen[string(z.Data)] {
				t.Errorf("%s repeats another sample", s.Name)
			}
			seen[string(z.Data)] = true
		}
		if s.Sizes[0].Width != 90 {
			t.Errorf("%s: got a thumbnail %d wide, want 90", s.Name, s.Sizes[0].Width)
		}
	}
	pdf := w.Docs[0].Content
	i := bytes.LastIndex(pdf, []byte("startxref\n"))
	off, err := strconv.Atoi(strings.SplitN(string(pdf[i+len("startxref\n"):]), "\n", 2)[0])
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.4")) || err != nil || !bytes.HasPrefix(pdf[off:], []byte("xref\n")) {
		t.Errorf("the PDF's startxref does not point at its xref table")
	}
}

// sb0 returns a sandbox without a page.
func sb0(tb testing.TB) *Sandbox {
	tb.Helper()
	sb := New(Options{})
	tb.Cleanup(sb.Close)
	return sb
}
