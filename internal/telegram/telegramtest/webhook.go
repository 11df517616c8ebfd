package telegramtest

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"slices"
	"time"
)

// Webhooks. While a webhook is set, getUpdates answers 409 and the
// emulator posts the queued updates to the webhook's URL, as Telegram
// does: one update per request, in order, with the secret_token in the
// X-Telegram-Bot-Api-Secret-Token header; an update is forgotten when the
// answer is 2xx and posted again after a short backoff otherwise (the
// failure shows in getWebhookInfo's last_error_date and
// last_error_message). Deliveries are sequential whatever max_connections
// says.
//
// Differences from Telegram, so that tests need no TLS and never leave
// the machine: setWebhook also accepts http:// URLs on a loopback address
// (127.0.0.1, ::1, localhost), which Telegram refuses; and an https URL is
// posted to only through a ProxyWebhook route, which stands in for the
// operator's TLS-terminating reverse proxy. Without a route it counts as
// unreachable ("Failed to resolve host").

// secretHeader carries the webhook's secret_token.
const secretHeader = "X-Telegram-Bot-Api-Secret-Token"

// webhookSecretPattern is the Bot API's rule for secret_token.
var webhookSecretPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// WebhookDelivery is one request posting an update to the webhook.
type WebhookDelivery struct {
	UpdateID int64
	// URL is the webhook's URL, as set.
	URL string
	// Secret is the X-Telegram-Bot-Api-Secret-Token sent, "" for none.
	Secret string
	// Status is the HTTP status answered, 0 when there was no answer.
	Status int
	// Error is what getWebhookInfo's last_error_message shows for a
	// failed delivery, "" for a 2xx.
	Error string
	Time  time.Time
}

// OK reports whether the webhook accepted the update (2xx).
func (d WebhookDelivery) OK() bool { return d.Status >= 200 && d.Status < 300 }

// webhookState is the delivery side of webhooks; Server.webhook holds
// what getWebhookInfo shows. Both are guarded by Server.mu.
type webhookState struct {
	secret     string
	gen        int64 // bumped by every change of the webhook
	backoff    time.Duration
	retryAt    time.Time
	routes     map[string]string // origin -> plain-HTTP base URL
	deliveries []WebhookDelivery
	observer   func(WebhookDelivery)
	wake       chan struct{} // buffered: the webhook or a route changed
	stopped    chan struct{} // closed when the deliverer ended; nil before it started
}

func (s *Server) setWebhook(r *request) (any, *apiError) {
	hook, secret := r.p.str("url"), r.p.str("secret_token")
	if hook != "" {
		if err := checkWebhookURL(hook); err != nil {
			return nil, err
		}
	}
	if secret != "" && !webhookSecretPattern.MatchString(secret) {
		return nil, badRequest("secret token contains unallowed characters")
	}
	var allowed []string
	hasAllowed, err := r.p.json("allowed_updates", &allowed)
	if err != nil {
		return nil, err
	}
	maxConn, _, err := r.p.int64("max_connections")
	if err != nil {
		return nil, err
	}
	if maxConn < 1 || maxConn > 100 {
		maxConn = 40
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if hasAllowed {
		s.queue.allowed = append([]string{}, allowed...)
	}
	if r.p.bool("drop_pending_updates") {
		s.queue.pending = nil
	}
	if hook == "" {
		// Telegram: an empty url removes the webhook.
		s.setWebhookLocked(WebhookInfo{}, "")
		return true, nil
	}
	s.setWebhookLocked(WebhookInfo{URL: hook, MaxConnections: int(maxConn)}, secret)
	return true, nil
}

func (s *Server) deleteWebhook(r *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.p.bool("drop_pending_updates") {
		s.queue.pending = nil
	}
	s.setWebhookLocked(WebhookInfo{}, "")
	return true, nil
}

func (s *Server) getWebhookInfo(*request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	info := s.webhook
	info.PendingUpdateCount = len(s.queue.pending)
	if info.URL != "" {
		info.AllowedUpdates = append([]string(nil), s.queue.allowed...)
	}
	return info, nil
}

// SetWebhook sets a webhook for the bot's token without a secret, as a
// previous deployment or another tool would have: getUpdates answers 409
// until it is deleted, and the queued updates are posted to url (see
// ProxyWebhook for an https URL).
func (s *Server) SetWebhook(url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.setWebhookLocked(WebhookInfo{URL: url, MaxConnections: 40}, "")
}

// Webhook returns the webhook set for the bot's token, as getWebhookInfo
// shows it without the pending count; its URL is empty when none is.
func (s *Server) Webhook() WebhookInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook
}

// WebhookSecret returns the secret_token of the webhook set, "" if none.
func (s *Server) WebhookSecret() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hook.secret
}

// ProxyWebhook stands in for the reverse proxy that terminates TLS in
// front of a bot in webhook mode: updates for a webhook URL on origin
// (scheme and host, such as https://bot.example.go.id; the scheme's
// default port is implied) are posted over plain HTTP to the same path
// and query under to (such as http://127.0.0.1:8443).
func (s *Server) ProxyWebhook(origin, to string) {
	key, err := originOf(origin)
	if err != nil {
		panic("telegramtest: ProxyWebhook: " + err.Error())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hook.routes == nil {
		s.hook.routes = map[string]string{}
	}
	s.hook.routes[key] = to
	s.hook.retryAt = time.Time{}
	s.wakeWebhookLocked()
}

// WebhookDeliveries returns every delivery made so far, oldest first.
func (s *Server) WebhookDeliveries() []WebhookDelivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.hook.deliveries)
}

// OnWebhookDelivery sets fn to be called after each delivery was answered
// and recorded (an accepted update is already forgotten), in the
// delivering goroutine and before the next delivery starts: a test can act
// at that exact moment, such as killing the bot right after a 200. nil
// removes it.
func (s *Server) OnWebhookDelivery(fn func(WebhookDelivery)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hook.observer = fn
}

// setWebhookLocked replaces the webhook; the next delivery is made at once.
func (s *Server) setWebhookLocked(info WebhookInfo, secret string) {
	s.webhook, s.hook.secret = info, secret
	s.hook.gen++
	s.hook.backoff, s.hook.retryAt = 0, time.Time{}
	if info.URL != "" {
		s.startDeliveryLocked()
	}
	s.wakeWebhookLocked()
	s.notifyLocked()
}

func (s *Server) wakeWebhookLocked() {
	if s.hook.wake == nil {
		return
	}
	select {
	case s.hook.wake <- struct{}{}:
	default:
	}
}

// checkWebhookURL applies setWebhook's rules to a URL: https on port 443,
// 80, 88 or 8443, or (emulator only) plain HTTP on loopback.
func checkWebhookURL(hook string) *apiError {
	u, err := url.Parse(hook)
	if err != nil || u.Host == "" {
		return badRequest("bad webhook: Invalid URL")
	}
	if loopbackHTTP(u) {
		return nil
	}
	if u.Scheme != "https" {
		return badRequest("bad webhook: An HTTPS URL must be provided for webhook")
	}
	if p := u.Port(); p != "" && !slices.Contains([]string{"443", "80", "88", "8443"}, p) {
		return badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
	}
	return nil
}

// loopbackHTTP reports whether u is plain HTTP to a loopback address.
func loopbackHTTP(u *url.URL) bool {
	if u.Scheme != "http" {
		return false
	}
	host := u.Hostname()
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// originOf returns scheme://host:port of a URL, with the scheme's default
// port filled in.
func originOf(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("%q is not an absolute URL", raw)
	}
	port := u.Port()
	if port == "" {
		port = map[string]string{"https": "443", "http": "80"}[u.Scheme]
	}
	return u.Scheme + "://" + net.JoinHostPort(u.Hostname(), port), nil
}
