package telegram

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"
)

// The transport is the one boundary every Bot API exchange crosses: the
// bot library's calls, the poller's getUpdates and file downloads all go
// through guardedClient.Do. Whatever leaves it, an answer or an error,
// holds neither the bot token (which is part of every request URL) nor
// more than a short excerpt of a page that is not a Bot API answer. Call
// sites need not, and do not, redact anything themselves.

const (
	// maxAnswer bounds a Bot API answer held in memory (getUpdates of 100
	// large updates is far below it).
	maxAnswer = 64 << 20
	// maxErrorEnvelope is the size above which a JSON error answer is
	// treated as a page: Telegram's error envelopes are a few hundred
	// bytes.
	maxErrorEnvelope = 4 << 10
	// excerptRunes is how much of a foreign page an error keeps.
	excerptRunes = 160
	// redacted replaces the token wherever it would appear.
	redacted = "<redacted>"
)

// PageError is an answer that is not a Bot API answer: an HTML or text
// page of a proxy, captive portal or web server in front of the Bot API
// (an Apache 404, a Squid "access denied", a login page), or a failed file
// download. It keeps the HTTP status and a short, single-line, redacted
// excerpt of the page, never the page itself.
type PageError struct {
	// Method is the Bot API method, or "file" for a download.
	Method string
	// Status is the HTTP status code of the answer.
	Status int
	// Excerpt is the start of the page's text on one line.
	Excerpt string
}

// Error names the status and the excerpt; the method is named by the
// caller's context (the bot library's "error do request for method X").
func (e *PageError) Error() string {
	hint := ""
	if e.Status == http.StatusNotFound || e.Status == http.StatusForbidden || e.Status == http.StatusProxyAuthRequired {
		hint = " (a proxy or web server in front of the Bot API? check TIPRELAY_API_URL)"
	}
	return fmt.Sprintf("HTTP %d %s, not a Bot API answer%s: %q",
		e.Status, http.StatusText(e.Status), hint, e.Excerpt)
}

// guardedClient is the bot library's HTTP client (bot.HttpClient) and the
// poller's.
type guardedClient struct {
	client  *http.Client
	secrets []string // the token and its percent-encoded forms
	// health records every outcome (see apistatus.go); nil records none.
	health *apiHealth
}

// newGuardedClient guards client, which it changes not to follow
// redirects: the Bot API never redirects, and a redirect (a captive
// portal's login page) would carry the token to another server in the
// Referer header. The redirect answer becomes a *PageError instead.
func newGuardedClient(token string, client *http.Client) *guardedClient {
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	g := &guardedClient{client: client}
	if token != "" {
		g.secrets = []string{token}
		for _, colon := range []string{"%3A", "%3a"} {
			if enc := strings.ReplaceAll(token, ":", colon); enc != token {
				g.secrets = append(g.secrets, enc)
			}
		}
	}
	return g
}

// do sends req for Do. A transport error comes back with the token removed from
// its text (and from the URL of a *url.Error in its chain), still matching
// errors.Is and errors.As on the original. A Bot API answer comes back
// with the token removed from its body; any other answer becomes a
// *PageError.
func (g *guardedClient) do(req *http.Request) (*http.Response, error) {
	method := path.Base(req.URL.Path)
	download := strings.Contains(req.URL.Path, "/file/bot")
	if download {
		method = "file"
	}
	resp, err := g.client.Do(req)
	if err != nil {
		return nil, g.redactErr(err)
	}
	if download {
		if resp.StatusCode/100 == 2 {
			return resp, nil // file bytes are streamed as they are
		}
		defer resp.Body.Close()
		head, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorEnvelope))
		return nil, &PageError{Method: method, Status: resp.StatusCode, Excerpt: g.excerpt(head)}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	resp.Body.Close()
	if err != nil {
		return nil, g.redactErr(fmt.Errorf("%s: read answer: %w", method, err))
	}
	if !isEnvelope(body) || (resp.StatusCode/100 != 2 && len(body) > maxErrorEnvelope) {
		return nil, &PageError{Method: method, Status: resp.StatusCode, Excerpt: g.excerpt(body)}
	}
	body = g.redactBytes(body)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	return resp, nil
}

// isEnvelope reports whether body can be a Bot API answer: a JSON object.
func isEnvelope(body []byte) bool {
	b := bytes.TrimLeft(body, " \t\r\n")
	return len(b) > 0 && b[0] == '{'
}

// redact returns s without the token.
func (g *guardedClient) redact(s string) string {
	for _, secret := range g.secrets {
		s = strings.ReplaceAll(s, secret, redacted)
	}
	return s
}

func (g *guardedClient) redactBytes(b []byte) []byte {
	for _, secret := range g.secrets {
		if bytes.Contains(b, []byte(secret)) {
			b = bytes.ReplaceAll(b, []byte(secret), []byte(redacted))
		}
	}
	return b
}

// redactErr returns err, or, when its text holds the token, an error with
// the same text minus the token that still unwraps to err, so that
// errors.Is and errors.As keep working (context.Canceled, timeouts). A
// *url.Error in the chain has the token removed from its URL in place.
func (g *guardedClient) redactErr(err error) error {
	if err == nil {
		return nil
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = g.redact(ue.URL)
	}
	msg := err.Error()
	if clean := g.redact(msg); clean != msg {
		return &redactedError{msg: clean, err: err}
	}
	return err
}

// redactedError is an error whose text had the token removed.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }

// Unwrap keeps errors.Is/As working on the original chain.
func (e *redactedError) Unwrap() error { return e.err }

var (
	tagsRE  = regexp.MustCompile(`(?s)<(script|style)\b.*?</(script|style)>|<!--.*?-->|<[^>]*>`)
	spaceRE = regexp.MustCompile(`[\s\p{Zs}]+`)
)

// excerpt returns the start of a page's visible text on one line, without
// the token, at most excerptRunes runes.
func (g *guardedClient) excerpt(page []byte) string {
	if !utf8.Valid(page) {
		page = bytes.ToValidUTF8(page, []byte("?"))
	}
	s := tagsRE.ReplaceAllString(string(page), " ")
	s = html.UnescapeString(s)
	s = strings.TrimSpace(spaceRE.ReplaceAllString(s, " "))
	// Redact before cutting, so that a cut never leaves half a token.
	s = g.redact(s)
	if utf8.RuneCountInString(s) > excerptRunes {
		r := []rune(s)
		s = string(r[:excerptRunes]) + "…"
	}
	return s
}
