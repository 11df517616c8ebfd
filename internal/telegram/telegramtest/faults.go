package telegramtest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Fault describes how to spoil one answer.
//
// With Code set the server answers that error (Description defaults to
// Telegram's text for the code); with Drop it closes the connection without
// answering. Delay waits first and gives up if the client cancels; a Fault
// with only Delay answers normally, slowly. Normally a failed call has no
// effect; with AfterEffect the method runs first (the message is sent) and
// only its answer is replaced, the "sent but the client never heard" case.
//
// With Page the answer is not a Bot API answer but the HTML error page of
// a web server or proxy in front of it, with status Code (404 when 0),
// that echoes the request path, token included, as Apache, nginx and
// Squid pages do.
type Fault struct {
	Code        int
	Page        bool
	Description string
	RetryAfter  int
	MigrateTo   int64
	Delay       time.Duration
	Drop        bool
	AfterEffect bool
}

// TooManyRequests returns a 429 fault with the given retry_after seconds.
func TooManyRequests(retryAfter int) Fault {
	return Fault{Code: 429, RetryAfter: retryAfter}
}

// BadGateway returns a 502 fault, as Telegram answers during outages.
func BadGateway() Fault { return Fault{Code: 502} }

// InternalError returns a 500 fault.
func InternalError() Fault { return Fault{Code: 500} }

// ProxyPage returns a fault answered by a proxy's HTML error page with
// status code, echoing the request path.
func ProxyPage(code int) Fault { return Fault{Code: code, Page: true} }

// Dropped returns a fault that closes the connection without an answer.
func Dropped() Fault { return Fault{Drop: true} }

func (f *Fault) fails() bool { return f.Code != 0 || f.Drop || f.Page }

func (f *Fault) apiError() *apiError {
	desc := f.Description
	if desc == "" {
		desc = faultText(f.Code, f.RetryAfter)
	}
	return &apiError{code: f.Code, desc: desc, retryAfter: f.RetryAfter, migrateTo: f.MigrateTo}
}

// faultText returns Telegram's description for an error code.
func faultText(code, retryAfter int) string {
	switch code {
	case 400:
		return "Bad Request"
	case 401:
		return "Unauthorized"
	case 403:
		return "Forbidden"
	case 429:
		return fmt.Sprintf("Too Many Requests: retry after %d", retryAfter)
	case 500:
		return "Internal Server Error"
	case 502:
		return "Bad Gateway"
	}
	return http.StatusText(code)
}

type faultRule struct {
	method string // lower case; "" matches any
	left   int
	fault  Fault
}

type faultState struct {
	rules         []*faultRule
	fn            func(method string, params map[string]string) *Fault
	outageUntil   time.Time
	outageCode    int
	outageMethods []string
}

// FailNext makes the next n calls of method (case-insensitive; "" means any
// method, getUpdates included) fail with f. Rules queue up: a call uses the
// oldest rule that matches it.
func (s *Server) FailNext(method string, n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n > 0 {
		s.faults.rules = append(s.faults.rules, &faultRule{method: strings.ToLower(method), left: n, fault: f})
	}
}

// SetFaultFunc installs fn, consulted on every call that no outage or
// FailNext rule claimed; a nil result lets the call through. params must
// not be modified. Pass nil to remove it.
func (s *Server) SetFaultFunc(fn func(method string, params map[string]string) *Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.fn = fn
}

// Outage makes the listed methods (all when none are given) answer code,
// a 5xx such as 502 (the default when code is 0), for d from now (real
// time).
func (s *Server) Outage(d time.Duration, code int, methods ...string) {
	if code == 0 {
		code = http.StatusBadGateway
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.outageUntil = time.Now().Add(d)
	s.faults.outageCode = code
	s.faults.outageMethods = nil
	for _, m := range methods {
		s.faults.outageMethods = append(s.faults.outageMethods, strings.ToLower(m))
	}
}

// ClearFaults ends any outage and removes FailNext rules and the fault
// function.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = faultState{}
	s.notifyLocked()
}

// pickFault returns the fault for a call, or nil.
func (s *Server) pickFault(method string, params map[string]string) *Fault {
	lower := strings.ToLower(method)
	s.mu.Lock()
	fs := &s.faults
	if time.Now().Before(fs.outageUntil) && (len(fs.outageMethods) == 0 || slices.Contains(fs.outageMethods, lower)) {
		code := fs.outageCode
		s.mu.Unlock()
		return &Fault{Code: code}
	}
	for i, r := range fs.rules {
		if r.method != "" && r.method != lower {
			continue
		}
		f := r.fault
		if r.left--; r.left == 0 {
			fs.rules = slices.Delete(fs.rules, i, i+1)
		}
		s.mu.Unlock()
		return &f
	}
	fn := fs.fn
	s.mu.Unlock()
	if fn == nil {
		return nil
	}
	return fn(method, params)
}
