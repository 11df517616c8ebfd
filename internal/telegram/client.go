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
var ErrUnauthorized = errors.New("telegram rejected the bot token (401 Unauthorized)")

// Client is a connection to a Bot API server: the library bot used for
// calls, and the poller that owns getUpdates.
type Client struct {
	bot    *bot.Bot
	poll   *poller
	sender *Sender
	// files, apiURL and token make file download URLs (see OpenFile).
	files  *guardedClient
	apiURL string
	token  string
	// health is what every exchange left (see APIStatus).
	health *apiHealth
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
	c := &Client{health: newAPIHealth(nil)}
	// Every request goes through a guardedClient (see transport.go): it is
	// the one place where the token is kept out of answers and errors, and
	// where the outcome of every exchange is recorded (APIStatus).
	calls := newGuardedClient(cfg.Token, &http.Client{Timeout: cfg.RequestTimeout})
	calls.health = c.health
	b, err := bot.New(cfg.Token,
		bot.WithServerURL(strings.TrimRight(cfg.APIURL, "/")),
		bot.WithSkipGetMe(),
		bot.WithHTTPClient(cfg.RequestTimeout, calls),
		bot.WithErrorsHandler(func(err error) { log.Error("bot library error", "err", err) }),
		bot.WithDebugHandler(func(format string, args ...any) { log.Debug(fmt.Sprintf(format, args...)) }),
	)
	if err != nil {
		// bot.New fails only on an empty token, which config refuses.
		return nil, fmt.Errorf("create bot client: %w", calls.redactErr(err))
	}
	c.bot = b
	c.files = calls
	c.apiURL = strings.TrimRight(cfg.APIURL, "/")
	c.token = cfg.Token
	// The HTTP deadline leaves room for Telegram to answer after the
	// long-poll timeout.
	polls := newGuardedClient(cfg.Token, &http.Client{Timeout: cfg.PollTimeout + 15*time.Second})
	polls.health = c.health
	c.poll = newPoller(cfg.APIURL, cfg.Token, cfg.PollTimeout, polls)
	c.sender = &Sender{bot: b}
	return c, nil
}

// Sender returns the outbox sender of this client.
func (c *Client) Sender() *Sender { return c.sender }

// Connect identifies the bot with getMe, retrying (1 s doubling up to a
// minute) until Telegram answers, and returns the bot's user. It returns
// ErrUnauthorized at once when the token is rejected, and ctx's error when
// ctx ends first.
func (c *Client) Connect(ctx context.Context, log *slog.Logger) (*models.User, error) {
	delay := time.Second
	for {
		me, err := c.Me(ctx)
		if err == nil {
			log.Info("connected to telegram", "bot_id", me.ID, "bot_username", me.Username)
			return me, nil
		}
		if errors.Is(err, ErrUnauthorized) {
			return nil, err
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		log.Warn("telegram not reachable; retrying", "err", err, "retry_in", delay)
		if !sleep(ctx, delay) {
			return nil, ctx.Err()
		}
		delay = min(delay*2, time.Minute)
	}
}

// Me calls getMe. A rejected token is ErrUnauthorized.
func (c *Client) Me(ctx context.Context) (*models.User, error) {
	u, err := c.bot.GetMe(ctx)
	if err != nil {
		if errors.Is(err, bot.ErrorUnauthorized) || errors.Is(err, bot.ErrorNotFound) {
			return nil, ErrUnauthorized
		}
		return nil, fmt.Errorf("get bot identity: %w", err)
	}
	return u, nil
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
