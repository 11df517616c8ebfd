package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// The ceiling of the ingest scenario is a bare go-telegram/bot bot that
// echoes every message back: the most a bot built on the library can do
// against the same emulator on the same machine. It runs as a separate
// process, like tiprelay, by re-executing this command with echoFlag. This
// file is the one place outside internal/telegram that imports the library,
// because the ceiling must be the library itself and nothing of tiprelay.

// echoFlag is the hidden first argument that runs the echo bot.
const echoFlag = "-echo"

// Environment of the echo bot.
const (
	envEchoURL   = "TIPRELAYBENCH_API_URL"
	envEchoToken = "TIPRELAYBENCH_BOT_TOKEN"
)

// runEcho runs the echo bot until ctx ends (SIGTERM).
func runEcho(ctx context.Context, getenv func(string) string, stderr io.Writer) error {
	url, token := getenv(envEchoURL), getenv(envEchoToken)
	if url == "" || token == "" {
		return usageError(echoFlag + " needs " + envEchoURL + " and " + envEchoToken)
	}
	b, err := bot.New(token,
		bot.WithServerURL(url),
		bot.WithErrorsHandler(func(err error) { fmt.Fprintf(stderr, "echo: %v\n", err) }),
		bot.WithDefaultHandler(func(ctx context.Context, b *bot.Bot, u *models.Update) {
			if u.Message == nil {
				return
			}
			_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: u.Message.Chat.ID, Text: u.Message.Text})
			if err != nil && ctx.Err() == nil {
				fmt.Fprintf(stderr, "echo: send: %v\n", err)
			}
		}))
	if err != nil {
		return fmt.Errorf("echo bot: %w", err)
	}
	b.Start(ctx)
	return nil
}

// echoResult is what the ceiling measured; Echoed counts from the first
// injection.
type echoResult struct {
	Messages int           `json:"messages"`
	Echoed   time.Duration `json:"echoed_ns"`
	PeakRSS  int64         `json:"peak_rss_bytes"`
	CPU      time.Duration `json:"cpu_ns"`
	// Load is what other processes on the machine used meanwhile.
	Load otherLoad `json:"other_load"`
	OK   bool      `json:"ok"`
}

// perSecond is echoes per second.
func (r echoResult) perSecond() float64 { return perSecond(r.Messages, r.Echoed) }

// ceiling sends the ingest load to the echo bot on a fresh emulator and
// measures how fast every message is echoed into its user's chat.
func (b *bench) ceiling(ctx context.Context) (echoResult, error) {
	n := b.opts.tips
	res := echoResult{Messages: n}
	self, err := os.Executable()
	if err != nil {
		return res, fmt.Errorf("ceiling: find own binary: %w", err)
	}
	r := newRig()
	defer r.close()
	echoes := newCounter(n, func(a answer) bool {
		return a.Method == "sendMessage" && a.Status == http.StatusOK && a.Sent.Chat.ID > 0
	})
	url := r.listen(echoes.observe)
	dir, err := b.scratch("echo")
	if err != nil {
		return res, err
	}
	env := []string{envEchoURL + "=" + url, envEchoToken + "=" + benchToken}
	if err := r.start(ctx, "echo bot", self, []string{echoFlag}, env, dir); err != nil {
		return res, fmt.Errorf("ceiling: %w", err)
	}
	users := staffUsers(b.opts.users)
	b.progress("ceiling: injecting %d messages into the echo bot", n)
	inj := injectAll(r.srv, users, tipMessages(n), b.opts.injectors)
	if err := await(ctx, r.child, echoes.done, b.opts.timeout, echoes.status); err != nil {
		return res, fmt.Errorf("ceiling: %w", err)
	}
	res.Echoed = echoes.doneAt.Sub(inj.Start)
	b.progress("ceiling: %d messages echoed after %v", n, res.Echoed.Round(time.Millisecond))
	if res.PeakRSS, err = r.child.peakRSS(); err != nil {
		return res, err
	}
	if res.CPU, err = r.child.stop(stopTimeout); err != nil {
		return res, fmt.Errorf("ceiling: %w", err)
	}
	res.OK = true
	return res, nil
}
