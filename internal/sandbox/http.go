package sandbox

import (
	"embed"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
)

//go:embed web
var web embed.FS

// HandlerOptions configure the page's HTTP handler.
type HandlerOptions struct {
	// AnyHost accepts requests whatever their Host header. By default
	// only localhost and loopback addresses are accepted, so that a web
	// site the person visits cannot reach the sandbox through a DNS name
	// that resolves to 127.0.0.1 (DNS rebinding). Set it only when the
	// sandbox listens on a non-loopback address on purpose.
	AnyHost bool
}

// Handler returns the page at / and its API under /api/:
//
//	GET  /api/world          the people, chats, posts and samples
//	GET  /api/state          ?phone=<user id>&police=<chat id>: their messages
//	POST /api/send           a phone sends text, a photo, a file, a forward or an album
//	POST /api/press          a button is pressed
//	POST /api/reply          an officer (or the stranger) writes in a police chat
//	POST /api/digest         /digest in the Polda chat
//	GET  /api/events         server-sent events: "log" entries and "change"
//	GET  /api/file/{id}      a photo or file of a message
//	GET  /api/sample/{n}     a sample image
//
// POST bodies are JSON (Content-Type application/json, which a form of
// another site cannot send without the browser asking first).
func (s *Sandbox) Handler(opts HandlerOptions) http.Handler {
	mux := http.NewServeMux()
	static, err := fs.Sub(web, "web")
	if err != nil {
		panic(err) // web is embedded
	}
	mux.Handle("GET /", http.FileServerFS(static))
	mux.HandleFunc("GET /api/world", s.serveWorld)
	mux.HandleFunc("GET /api/state", s.serveState)
	mux.HandleFunc("POST /api/send", handle(s.send))
	mux.HandleFunc("POST /api/press", handle(s.press))
	mux.HandleFunc("POST /api/reply", handle(s.reply))
	mux.HandleFunc("POST /api/digest", handle(s.digest))
	mux.HandleFunc("GET /api/events", s.serveEvents)
	mux.HandleFunc("GET /api/file/{id}", s.serveFile)
	mux.HandleFunc("GET /api/sample/{n}", s.serveSample)
	return guard(mux, opts.AnyHost)
}

// guard refuses requests for other hosts (unless anyHost) and POSTs that
// are not JSON, and sets headers that keep the page to its own resources.
func guard(next http.Handler, anyHost bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !anyHost && !localHost(r.Host) {
			http.Error(w, "the sandbox answers only on localhost, 127.0.0.1 or [::1]", http.StatusMisdirectedRequest)
			return
		}
		if r.Method == http.MethodPost {
			mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if mt != "application/json" {
				writeJSON(w, nil, &apiError{http.StatusUnsupportedMediaType, "POST bodies must be application/json"})
				return
			}
			if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host && o != "https://"+r.Host {
				writeJSON(w, nil, &apiError{http.StatusForbidden, "cross-origin request refused"})
				return
			}
		}
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

// localHost reports whether a Host header names this machine: localhost
// (or a name under .localhost) or a loopback address, with any port.
func localHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// serveFile answers the content of a photo or file. Only PNG and JPEG
// images are shown inline; anything else is a download.
func (s *Sandbox) serveFile(w http.ResponseWriter, r *http.Request) {
	f, ok := s.file(r.PathValue("id"))
	if !ok {
		http.NotFound(w, r)
		return
	}
	ct := f.mime
	if ct == "" || ct == "application/octet-stream" {
		ct = mime.TypeByExtension(path.Ext(f.name))
	}
	if ct != "image/png" && ct != "image/jpeg" {
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.name}))
		if ct == "" {
			ct = "application/octet-stream"
		}
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "private, max-age=3600")
	_, _ = w.Write(f.data)
}

// serveSample answers a sample image in its largest size.
func (s *Sandbox) serveSample(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 0 || n >= len(s.world.Samples) {
		http.NotFound(w, r)
		return
	}
	z := s.world.Samples[n].Largest()
	w.Header().Set("Content-Type", z.MIME)
	w.Header().Set("Cache-Control", "private, max-age=3600")
	_, _ = w.Write(z.Data)
}
