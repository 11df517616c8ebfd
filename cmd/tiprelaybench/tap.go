package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// answer is one Bot API call the emulator answered, as the tap saw it.
type answer struct {
	// Method is the method name as requested ("sendMessage").
	Method string
	// Status is the HTTP status of the answer.
	Status int
	// At is when the answer was complete: the emulator has stored whatever
	// the call produced.
	At time.Time
	// Sent is the message a successful sendMessage produced; zero otherwise.
	Sent sentMessage
}

// sentMessage is the part of a sendMessage result the benchmark reads.
type sentMessage struct {
	MessageID int64 `json:"message_id"`
	Chat      struct {
		ID int64 `json:"id"`
	} `json:"chat"`
	Text string `json:"text"`
}

// tapServer serves the emulator on its own loopback listener and reports
// every answered call to observe, so that the benchmark learns the moment a
// message exists without polling the emulator. getUpdates and file
// downloads pass straight through and are not reported.
//
// The emulator exports ServeHTTP for exactly this kind of mounting; the
// bot under test talks to the tap's URL and cannot tell the difference.
type tapServer struct {
	*httptest.Server
}

// newTap starts a tap in front of srv. observe is called from the HTTP
// handler goroutines, concurrently, after the emulator has answered.
func newTap(srv *telegramtest.Server, observe func(answer)) *tapServer {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		method := path.Base(r.URL.Path)
		if method == "getUpdates" || strings.HasPrefix(r.URL.Path, "/file/") {
			srv.ServeHTTP(w, r)
			return
		}
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		srv.ServeHTTP(rec, r)
		a := answer{Method: method, Status: rec.status, At: time.Now()}
		if method == "sendMessage" && rec.status == http.StatusOK {
			var env struct {
				Result sentMessage `json:"result"`
			}
			if json.Unmarshal(rec.body.Bytes(), &env) == nil {
				a.Sent = env.Result
			}
		}
		observe(a)
	})
	return &tapServer{Server: httptest.NewServer(h)}
}

// recorder passes an answer through and keeps a copy of it.
type recorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	r.body.Write(p)
	return r.ResponseWriter.Write(p)
}

// Hijack lets the emulator's dropped-connection fault work through the tap.
func (r *recorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := r.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("tap: connection cannot be hijacked")
	}
	r.status = 0
	return hj.Hijack()
}
