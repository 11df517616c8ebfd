package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// keepAlive is how often an idle event stream gets a comment line, so
// that proxies and browsers keep it open.
const keepAlive = 20 * time.Second

// serveEvents streams server-sent events: first every kept log entry,
// then each new one as a "log" event and, after changes of the world, a
// "change" event carrying the version, on which the page reloads its
// state. The stream ends when the client goes or the sandbox closes.
func (s *Sandbox) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	wake, stop := s.hub.subscribe()
	defer stop()
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	// A browser that reconnects says what it has seen; a number the
	// sandbox never gave (it restarted) starts over.
	var seq, version int64 = 0, -1
	if id, err := strconv.ParseInt(r.Header.Get("Last-Event-ID"), 10, 64); err == nil && id > 0 && id <= s.hub.last() {
		seq = id
	}
	for {
		entries, v := s.hub.since(seq)
		for _, e := range entries {
			if err := writeEvent(w, "log", e.Seq, e); err != nil {
				return
			}
			seq = e.Seq
		}
		if v != version {
			if err := writeEvent(w, "change", 0, map[string]int64{"version": v}); err != nil {
				return
			}
			version = v
		}
		if err := rc.Flush(); err != nil {
			return
		}
		select {
		case <-wake:
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil {
				return
			}
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

// writeEvent writes one event whose data is v as JSON (one line: JSON
// escapes newlines in strings), with an id unless id is 0.
func writeEvent(w http.ResponseWriter, name string, id int64, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if id != 0 {
		if _, err := fmt.Fprintf(w, "id: %d\n", id); err != nil {
			return err
		}
	}
	_, err = fmt.Fprintf(w, "event: %s\ndata: %s\n\n", name, data)
	return err
}
