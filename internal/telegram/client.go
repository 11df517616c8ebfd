package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// ErrUnauthorized means Telegram rejected the bot token: it is wrong or was
// revoked with BotFather. Retrying cannot help.
var ErrUnauthorized = errors.New("telegram rejected the bot token (401 Unauthorized): check TIPRELAY_BOT_TOKEN")

// Client is a connection to a Bot API server: the library bot used for
// calls, and the poller that owns getUpdates.
type Client struct {
	bot    *bot.Bot
	poll   *poller
	token  string
	sender *Sender
}

// ClientConfig configures NewClient.
type ClientConfig struct {
	Token string
	// APIURL is the Bot API base URL, e.g. https://api.telegram.org.
	APIURL string
	// PollTimeout is the getUpdates long-poll timeout.
	PollTimeout time.Duration
	// RequestTimeout bounds every other call (default 30s).
	RequestTimeout time.Duration
	Log            *slog.Logger
}

// NewClient prepares a client; it makes no network call.
func NewClient(cfg ClientConfig) (*Client, error) {
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 30 * time.Second
	}
	if cfg.PollTimeout <= 0 {
		cfg.PollTimeout = 50 * time.Second
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	c := &Client{token: cfg.Token}
	b, err := bot.New(cfg.Token,
		bot.WithServerURL(strings.TrimRight(cfg.APIURL, "/")),
		bot.WithSkipGetMe(),
		bot.WithHTTPClient(cfg.RequestTimeout, &http.Client{Timeout: cfg.RequestTimeout}),
		bot.WithErrorsHandler(func(err error) { log.Error("bot library error", "err", c.redact(err)) }),
		bot.WithDebugHandler(func(format string, args ...any) {
			log.Debug(c.redactString(fmt.Sprintf(format, args...)))
		}),
	)
	if err != nil {
		return nil, fmt.Errorf("create bot client: %w", c.redact(err))
	}
	c.bot = b
	c.poll = newPoller(cfg.APIURL, cfg.Token, cfg.PollTimeout)
	c.sender = &Sender{bot: b}
	return c, nil
}

// Sender returns the outbox sender of this client.
func (c *Client) Sender() *Sender { return c.sender }

// redactString replaces the token in s.
func (c *Client) redactString(s string) string { return redactToken(c.token, s) }

// redact returns err without the token (see redactErr). The library
// already strips the token from URLs in transport errors; this is the belt
// to those braces.
func (c *Client) redact(err error) error { return redactErr(c.token, err) }

// redactToken replaces token in s.
func redactToken(token, s string) string {
	if token == "" {
		return s
	}
	return strings.ReplaceAll(s, token, "<redacted>")
}

// redactErr returns err, or, when its text contains token, an error with
// the same text minus the token that still unwraps to err, so that
// errors.Is and errors.As keep working (context.Canceled, timeouts).
func redactErr(token string, err error) error {
	if err == nil || token == "" || !strings.Contains(err.Error(), token) {
		return err
	}
	return redactedError{msg: redactToken(token, err.Error()), err: err}
}

type redactedError struct {
	msg string
	err error
}

func (e redactedError) Error() string { return e.msg }

// Unwrap keeps errors.Is/As working on the original chain.
func (e redactedError) Unwrap() error { return e.err }

// Me calls getMe. A rejected token is ErrUnauthorized.
func (c *Client) Me(ctx context.Context) (*models.User, error) {
	u, err := c.bot.GetMe(ctx)
	if err != nil {
		if errors.Is(err, bot.ErrorUnauthorized) || errors.Is(err, bot.ErrorNotFound) {
			return nil, ErrUnauthorized
		}
		return nil, fmt.Errorf("get bot identity: %w", c.redact(err))
	}
	return u, nil
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
