package main

import (
	"bytes"
	"sync"
)

// logTail keeps the last bytes a process wrote and counts its warnings
// and errors (JSON or text slog lines).
type logTail struct {
	mu       sync.Mutex
	buf      []byte
	warnings int
	errors   int
	first    []string // the first few warning and error lines
}

const logTailSize = 16 << 10

func (t *logTail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, line := range bytes.Split(p, []byte("\n")) {
		w := bytes.Contains(line, []byte(`"level":"WARN"`)) || bytes.Contains(line, []byte("level=WARN"))
		e := bytes.Contains(line, []byte(`"level":"ERROR"`)) || bytes.Contains(line, []byte("level=ERROR"))
		if w {
			t.warnings++
		}
		if e {
			t.errors++
		}
		if (w || e) && len(t.first) < 3 {
			t.first = append(t.first, string(line))
		}
	}
	t.buf = append(t.buf, p...)
	if len(t.buf) > logTailSize {
		t.buf = append([]byte(nil), t.buf[len(t.buf)-logTailSize:]...)
	}
	return len(p), nil
}

func (t *logTail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}

// counts returns how many warning and error lines were written, and the
// first few of them.
func (t *logTail) counts() (warnings, errs int, first []string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.warnings, t.errors, append([]string(nil), t.first...)
}
