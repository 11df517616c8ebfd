// Command tiprelay relays cyber-patrol tips from staff in private Telegram
// chats to a police group, storing every tip in SQLite first.
//
// Usage:
//
//	tiprelay [run] [flags]                     start the bot (the default)
//	tiprelay digest [--since 24h] [--send]     print or send a digest
//	tiprelay version                           print the version
//	tiprelay help                              print the usage
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/tiprelay/tiprelay/internal/cli"
	"github.com/tiprelay/tiprelay/internal/config"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal a second one ends the process at once,
	// instead of waiting out the graceful shutdown.
	context.AfterFunc(ctx, stop)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// exitCode reports err on stderr and maps it to the process exit code:
// 0 for success and --help, 2 for bad configuration or usage, 1 otherwise.
func exitCode(err error, stderr io.Writer) int {
	return cli.ExitCode("tiprelay", err, stderr, func(err error) (int, string, bool) {
		var cfgErr config.Errors
		if errors.As(err, &cfgErr) {
			return 2, fmt.Sprintf("invalid configuration:\n%v", cfgErr), true
		}
		return 0, "", false
	})
}

// usageError is a wrong command line.
type usageError = cli.UsageError
