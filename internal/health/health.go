// Package health is tiprelay's health check: whether the bot works, as
// GET /healthz reports it to a monitor or Docker's HEALTHCHECK. The bot is
// healthy while its database takes writes and the Bot API answers; the
// relay chats that currently refuse the bot are reported too, but they do
// not make the bot unhealthy (a police group that removed the bot is a
// problem of that group, which the admins are told of, not of the bot:
// restarting it cannot help, and the other chats are still served).
//
// The package knows neither SQLite nor Telegram: it takes small
// interfaces and a function, which cmd wires to sqlite and telegram.
package health

import (
	"context"
	"fmt"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Database is the database whose writes the check proves (sqlite.DB
// implements it).
type Database interface {
	// ProbeWrite commits a tiny write and returns its error.
	ProbeWrite(ctx context.Context) error
}

// Chats lists the relay chats that refuse the bot (sqlite.OutboxStore
// implements it).
type Chats interface {
	FailingTargets(ctx context.Context) ([]tip.FailingTarget, error)
}

// API is what the Telegram client has seen of the Bot API (see
// telegram.APIStatus).
type API struct {
	// LastOK is when Telegram last answered a call; zero if never.
	LastOK time.Time
	// LastFailure is when a call last failed, LastError its error
	// (without the token); zero and empty if none.
	LastFailure time.Time
	LastError   string
	// FailingSince is the first failure after LastOK; zero when the last
	// call was answered.
	FailingSince time.Time
}

// Defaults of Options.
const (
	DefaultAPIFailingAfter = 2 * time.Minute
	DefaultDBTimeout       = 2 * time.Second
	DefaultDBEvery         = time.Second
)

// Options configure a Checker. DB is required.
type Options struct {
	DB Database
	// Chats, when set, are listed in the report.
	Chats Chats
	// API, when set, is called at every check; nil leaves the Bot API out.
	API func() API
	// Version is reported as it is.
	Version string
	// Now is the clock (default time.Now).
	Now func() time.Time
	// APIFailingAfter is how long calls to the Bot API must have failed,
	// with no answer in between, before the bot counts as unhealthy
	// (default 2m): a blip of Telegram's is not an alarm. In polling mode
	// the bot calls getUpdates at least every TIPRELAY_POLL_TIMEOUT, so an
	// outage is seen within that time.
	APIFailingAfter time.Duration
	// DBTimeout bounds the wait for the database's write (default 2s).
	DBTimeout time.Duration
	// DBEvery is how long a probe's result is reused (default 1s), so that
	// a flood of requests is not a flood of writes.
	DBEvery time.Duration
}

// Checker checks the bot's health. It is safe for concurrent use.
type Checker struct {
	opt   Options
	probe *prober
}

// New returns a Checker.
func New(opt Options) *Checker {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.APIFailingAfter <= 0 {
		opt.APIFailingAfter = DefaultAPIFailingAfter
	}
	if opt.DBTimeout <= 0 {
		opt.DBTimeout = DefaultDBTimeout
	}
	if opt.DBEvery <= 0 {
		opt.DBEvery = DefaultDBEvery
	}
	return &Checker{opt: opt, probe: &prober{db: opt.DB, now: opt.Now, every: opt.DBEvery}}
}

// Check returns the bot's health now. Report.Healthy is false when the
// database does not take a write within Options.DBTimeout, or when the
// Bot API has failed for Options.APIFailingAfter with no answer.
func (c *Checker) Check(ctx context.Context) Report {
	now := c.opt.Now()
	r := Report{Version: c.opt.Version, Time: now.UTC(), FailingChats: []FailingChat{}}

	dbErr := c.probe.check(ctx, c.opt.DBTimeout)
	r.Database = DatabaseReport{OK: dbErr == nil}
	if dbErr != nil {
		r.Database.Error = dbErr.Error()
		r.Problems = append(r.Problems, "database: "+dbErr.Error())
	}

	if c.opt.API != nil {
		a := c.opt.API()
		r.Telegram = &TelegramReport{OK: true, LastOK: a.LastOK.UTC(), LastFailure: a.LastFailure.UTC(),
			LastError: a.LastError, FailingSince: a.FailingSince.UTC()}
		if !a.FailingSince.IsZero() && now.Sub(a.FailingSince) >= c.opt.APIFailingAfter {
			r.Telegram.OK = false
			r.Problems = append(r.Problems, fmt.Sprintf("telegram: Bot API calls failing for %s: %s",
				now.Sub(a.FailingSince).Round(time.Second), a.LastError))
		}
	}

	if c.opt.Chats != nil {
		rctx, cancel := context.WithTimeout(ctx, c.opt.DBTimeout)
		failing, err := c.opt.Chats.FailingTargets(rctx)
		cancel()
		if err != nil {
			r.Problems = append(r.Problems, "database: read the failing chats: "+err.Error())
		}
		for _, f := range failing {
			r.FailingChats = append(r.FailingChats, FailingChat{ChatID: f.ChatID, Since: f.Since.UTC(), Error: f.LastError})
		}
	}

	r.Healthy = len(r.Problems) == 0
	r.Status = StatusOK
	if !r.Healthy {
		r.Status = StatusUnhealthy
	}
	return r
}
