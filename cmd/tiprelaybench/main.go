// Command tiprelaybench measures tiprelay against the in-process Bot API
// emulator and prints a Markdown table of the figures, their targets and
// whether each was met.
//
// It builds ./cmd/tiprelay (CGO_ENABLED=1) into a temporary directory,
// runs it as a separate process configured only by TIPRELAY_* variables
// against telegramtest on loopback, and stops it with SIGTERM, requiring
// exit code 0. Scenarios:
//
//   - ingest: many tips from many staff users as fast as the emulator takes
//     them; tips committed and acknowledged per second, the peak RSS of the
//     bot, and the same load echoed by a bare go-telegram/bot bot (this
//     command re-executed with the hidden -echo flag) as the ceiling.
//   - relay: a backlog of text tips under Telegram's 20-per-window group
//     limit with the window scaled down; the makespan against the
//     theoretical minimum and the 429s provoked, with coalescing off and on.
//   - mix: a realistic mix of tips (60% text or link, 30% screenshot, 5%
//     album of 3, 5% forwarded channel post) under the same limit; the
//     group messages per tip against what the same mix cost before a tip
//     became one message, and the time until every tip is in the group,
//     with coalescing off and on.
//   - repeats: a burst of 500 tips, 30% of them repeats of earlier ones
//     (the same channel post, link in another form, or photo), with
//     folding off and at its default window; the sends and edits in the
//     group, the messages folding saves, the time until the last
//     original is in the group, and whether every original arrived
//     exactly once and no repeat's content did.
//
// Usage:
//
//	go run -tags sqlite_fts5 ./cmd/tiprelaybench [-scenario all|ingest|relay|mix|repeats] [-tips N] [-window 1s] [-json FILE] ...
//
// The exit code is 0 when every target was met, 3 when a figure missed its
// target, 2 for a bad command line and 1 when a scenario could not run.
package main

import (
	"context"
	"errors"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/tiprelay/tiprelay/internal/cli"
)

// errTargetsMissed is returned by run when the benchmark ran but a figure
// missed its target.
var errTargetsMissed = errors.New("some targets were missed")

func main() {
	if len(os.Args) > 1 && os.Args[1] == echoFlag {
		os.Exit(echoMain())
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal a second one ends the process at once,
	// instead of waiting out the graceful shutdown.
	context.AfterFunc(ctx, stop)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// echoMain runs the echo bot of the ceiling until SIGTERM and returns the
// exit code; the test binary calls it too, as it is re-executed in tests.
func echoMain() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return exitCode(runEcho(ctx, os.Getenv, os.Stderr), os.Stderr)
}

// exitCode reports err on stderr and maps it to the exit code: 3 when a
// benchmark target was missed, 2 for usage, 1 otherwise.
func exitCode(err error, stderr io.Writer) int {
	return cli.ExitCode("tiprelaybench", err, stderr, func(err error) (int, string, bool) {
		return 3, err.Error(), errors.Is(err, errTargetsMissed)
	})
}

// usageError is a wrong command line.
type usageError = cli.UsageError

// run parses args, runs the chosen scenarios and prints the report to
// stdout; progress goes to stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	opts, err := parseOptions(args, stderr)
	if err != nil {
		return err
	}
	b := &bench{opts: opts, log: stderr}
	rep, err := b.run(ctx)
	if rep == nil {
		return err
	}
	rep.writeMarkdown(stdout)
	if opts.jsonPath != "" {
		if jerr := rep.writeJSON(opts.jsonPath); jerr != nil && err == nil {
			err = jerr
		}
	}
	if err != nil {
		return err
	}
	if err := rep.err(); err != nil {
		return err
	}
	if rep.failed() {
		return errTargetsMissed
	}
	return nil
}
