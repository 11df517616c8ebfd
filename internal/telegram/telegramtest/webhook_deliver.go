package telegramtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"syscall"
	"time"
)

// The delivering side of webhooks (see webhook.go): one goroutine per
// server, started by the first webhook set, posts the oldest queued update
// until the webhook accepts it.

// Delivery pacing: the backoff after a failed delivery doubles from
// webhookRetryMin to webhookRetryMax; one request may take webhookTimeout.
const (
	webhookRetryMin = 25 * time.Millisecond
	webhookRetryMax = time.Second
	webhookTimeout  = 10 * time.Second
)

// webhookJob is one delivery to make.
type webhookJob struct {
	id     int64
	raw    []byte
	hook   string // the webhook URL as set
	target string // where to post it; "" when unreachable
	secret string
	gen    int64
}

// startDeliveryLocked starts the delivering goroutine once, unless the
// server is closed; Close waits for it (see stopDelivery).
func (s *Server) startDeliveryLocked() {
	if s.hook.stopped != nil {
		return
	}
	select {
	case <-s.done:
		return
	default:
	}
	s.hook.wake = make(chan struct{}, 1)
	s.hook.stopped = make(chan struct{})
	go s.deliver(s.hook.stopped)
}

// stopDelivery waits for the delivering goroutine after s.done was closed.
func (s *Server) stopDelivery() {
	s.mu.Lock()
	stopped := s.hook.stopped
	s.mu.Unlock()
	if stopped != nil {
		<-stopped
	}
}

// deliver posts queued updates to the webhook until the server closes.
func (s *Server) deliver(stopped chan struct{}) {
	defer close(stopped)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-s.done:
			cancel()
		case <-ctx.Done():
		}
	}()
	transport := &http.Transport{MaxIdleConnsPerHost: 1}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport, Timeout: webhookTimeout}
	for {
		job, wait, delay, ok := s.nextWebhookJob()
		if !ok {
			if !s.waitWebhook(wait, delay) {
				return
			}
			continue
		}
		d := post(ctx, client, job)
		if ctx.Err() != nil {
			return
		}
		s.finishDelivery(job, d)
	}
}

// nextWebhookJob returns the delivery due now, or what to wait for.
func (s *Server) nextWebhookJob() (job webhookJob, wait <-chan struct{}, delay time.Duration, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.webhook.URL == "":
		return job, s.hook.wake, 0, false
	case len(s.queue.pending) == 0:
		return job, s.changed, 0, false
	case time.Now().Before(s.hook.retryAt):
		return job, s.hook.wake, time.Until(s.hook.retryAt), false
	}
	u := s.queue.pending[0]
	job = webhookJob{id: u.id, raw: u.raw, hook: s.webhook.URL, secret: s.hook.secret, gen: s.hook.gen}
	job.target = s.webhookTargetLocked(job.hook)
	return job, nil, 0, true
}

// waitWebhook waits for wait, or delay when positive; it reports false
// when the server closed.
func (s *Server) waitWebhook(wait <-chan struct{}, delay time.Duration) bool {
	var timer <-chan time.Time
	if delay > 0 {
		t := time.NewTimer(delay)
		defer t.Stop()
		timer = t.C
	}
	select {
	case <-wait:
	case <-timer:
	case <-s.done:
		return false
	}
	return true
}

// post makes one delivery.
func post(ctx context.Context, client *http.Client, job webhookJob) WebhookDelivery {
	d := WebhookDelivery{UpdateID: job.id, URL: job.hook, Secret: job.secret}
	if job.target == "" {
		d.Error = "Failed to resolve host: Name or service not known"
		return d
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, job.target, bytes.NewReader(job.raw))
	if err != nil {
		d.Error = "Invalid URL: " + err.Error()
		return d
	}
	req.Header.Set("Content-Type", "application/json")
	if job.secret != "" {
		req.Header.Set(secretHeader, job.secret)
	}
	resp, err := client.Do(req)
	if err != nil {
		d.Error = deliveryError(err)
		return d
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	d.Status = resp.StatusCode
	if !d.OK() {
		d.Error = fmt.Sprintf("Wrong response from the webhook: %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	return d
}

// deliveryError words a failed request as Telegram's last_error_message.
func deliveryError(err error) string {
	var netErr net.Error
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "Connection refused"
	case errors.As(err, &netErr) && netErr.Timeout():
		return "Read timeout expired"
	}
	return "Connection error: " + err.Error()
}

// finishDelivery records d: an accepted update is forgotten, a refused one
// is posted again after the backoff.
func (s *Server) finishDelivery(job webhookJob, d WebhookDelivery) {
	s.mu.Lock()
	d.Time = s.now()
	s.hook.deliveries = append(s.hook.deliveries, d)
	if d.OK() {
		// Telegram forgets an update once its webhook accepted it, even
		// if the webhook changed meanwhile.
		s.queue.pending = slices.DeleteFunc(s.queue.pending, func(u queuedUpdate) bool { return u.id == job.id })
		if job.gen == s.hook.gen {
			s.hook.backoff, s.hook.retryAt = 0, time.Time{}
		}
	} else if job.gen == s.hook.gen {
		s.webhook.LastErrorDate = d.Time.Unix()
		s.webhook.LastErrorMessage = d.Error
		s.hook.backoff = min(max(2*s.hook.backoff, webhookRetryMin), webhookRetryMax)
		s.hook.retryAt = time.Now().Add(s.hook.backoff)
	}
	observer := s.hook.observer
	s.notifyLocked()
	s.mu.Unlock()
	if observer != nil {
		observer(d)
	}
}

// webhookTargetLocked returns where a delivery for hook goes: hook itself
// for plain HTTP on loopback, the ProxyWebhook route of its origin for
// https, "" when unreachable.
func (s *Server) webhookTargetLocked(hook string) string {
	u, err := url.Parse(hook)
	if err != nil {
		return ""
	}
	if loopbackHTTP(u) {
		return hook
	}
	key, err := originOf(hook)
	if err != nil {
		return ""
	}
	base, ok := s.hook.routes[key]
	if !ok {
		return ""
	}
	return base + u.RequestURI()
}
