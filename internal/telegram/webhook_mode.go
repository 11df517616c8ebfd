package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/go-telegram/bot"
)

// WebhookOptions configure Client.Webhook.
type WebhookOptions struct {
	// URL is the public address Telegram posts updates to
	// (TIPRELAY_WEBHOOK_URL); the server answers at its path.
	URL string
	// Listen is the address the server listens on
	// (TIPRELAY_WEBHOOK_LISTEN), unless Listener is set.
	Listen string
	// Listener, if not nil, is used instead of listening on Listen.
	Listener net.Listener
	// Secret is the secret_token Telegram sends with every update.
	Secret string
	// ShutdownTimeout bounds how long requests in flight may finish
	// once ctx is done (default 10 s).
	ShutdownTimeout time.Duration
	Log             *slog.Logger
}

// Webhook owns the update stream in webhook mode until ctx is done. It
// listens first, so that the first delivery finds the server up, then
// calls setWebhook (see SetWebhook), retrying with backoff (1 s doubling up
// to a minute) while Telegram refuses or cannot be reached, and serves
// Telegram's requests with NewWebhookHandler, handing each update to
// sink. It never calls getUpdates.
//
// When ctx is done it stops accepting connections and lets the requests
// in flight finish (http.Server.Shutdown) within ShutdownTimeout, so that
// an update being committed is answered. The webhook stays set: Telegram
// keeps the updates that arrive meanwhile and delivers them to the next
// start. Webhook returns nil on cancellation, ErrUnauthorized when
// Telegram rejects the token, and an error when the address cannot be
// listened on or the server fails.
func (c *Client) Webhook(ctx context.Context, sink WebhookSink, opt WebhookOptions) error {
	log := opt.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if opt.ShutdownTimeout <= 0 {
		opt.ShutdownTimeout = 10 * time.Second
	}
	u, err := url.Parse(opt.URL)
	if err != nil || u.Host == "" {
		return fmt.Errorf("webhook URL %q is not a URL", c.files.redact(opt.URL))
	}
	ln := opt.Listener
	if ln == nil {
		if ln, err = net.Listen("tcp", opt.Listen); err != nil {
			return fmt.Errorf("webhook: %w", err)
		}
	}
	srv := &http.Server{
		Handler:           NewWebhookHandler(u.Path, opt.Secret, sink, log),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	log.Info("webhook server listening", "listen", ln.Addr().String(), "path", u.Path)

	var result error
	if err := c.registerWebhook(ctx, opt.URL, opt.Secret, log); err != nil && ctx.Err() == nil {
		result = err
	} else {
		select {
		case <-ctx.Done():
		case err := <-served:
			return fmt.Errorf("webhook server: %w", err)
		}
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), opt.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("webhook requests still in flight after the shutdown timeout; closing them", "err", err)
		srv.Close()
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) && result == nil {
		result = fmt.Errorf("webhook server: %w", err)
	}
	return result
}

// registerWebhook calls SetWebhook until it succeeds, ctx is done (nil) or
// the token is rejected (ErrUnauthorized).
func (c *Client) registerWebhook(ctx context.Context, hook, secret string, log *slog.Logger) error {
	delay := time.Second
	for {
		replaced, err := c.SetWebhook(ctx, hook, secret)
		if err == nil {
			if replaced != "" {
				log.Warn("replaced a webhook set for another URL; that deployment no longer receives updates",
					"replaced_webhook_url", c.files.redact(replaced))
			}
			log.Info("webhook set; updates come from Telegram to the webhook", "webhook_url", c.files.redact(hook))
			return nil
		}
		if errors.Is(err, ErrUnauthorized) || ctx.Err() != nil {
			return err
		}
		log.Error("setWebhook failed; retrying", "err", err, "retry_in", delay)
		if !sleep(ctx, delay) {
			return nil
		}
		delay = min(delay*2, time.Minute)
	}
}

// SetWebhook asks Telegram to post updates to hook, with secret as
// secret_token and the update kinds the poller asks for (allowed_updates);
// updates already waiting are kept. It returns the URL of the webhook it
// replaced when that was another one (getWebhookInfo), "" otherwise. A
// rejected token is ErrUnauthorized, any other refusal an *APIError with
// Telegram's description (such as "bad webhook: Failed to resolve host").
//
// The secret never appears in an error or a log line: the call goes
// through the poller's own JSON client, not the bot library, which prints
// request bodies when its debug mode (bot.WithDebug) is on.
func (c *Client) SetWebhook(ctx context.Context, hook, secret string) (replaced string, err error) {
	info, err := c.bot.GetWebhookInfo(ctx)
	if errors.Is(err, bot.ErrorUnauthorized) || errors.Is(err, bot.ErrorNotFound) {
		return "", ErrUnauthorized
	}
	if err != nil {
		return "", fmt.Errorf("get webhook info: %w", err)
	}
	body, err := json.Marshal(map[string]any{
		"url":                  hook,
		"secret_token":         secret,
		"allowed_updates":      allowedUpdates,
		"drop_pending_updates": false,
	})
	if err != nil {
		return "", fmt.Errorf("encode setWebhook: %w", err)
	}
	var env envelope
	if err := c.poll.call(ctx, "setWebhook", body, &env); err != nil {
		var apiErr *APIError
		if errors.As(err, &apiErr) && (apiErr.Code == http.StatusUnauthorized || apiErr.Code == http.StatusNotFound) {
			return "", ErrUnauthorized
		}
		return "", err
	}
	if info.URL != "" && info.URL != hook {
		return info.URL, nil
	}
	return "", nil
}
