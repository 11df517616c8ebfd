package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// options are the command-line settings of one benchmark run.
type options struct {
	scenario   string
	tips       int
	users      int
	injectors  int
	relayTips  int
	relayUsers int
	mixTips    int
	// repeatsTips and repeatsUsers are the burst of the repeats scenario.
	repeatsTips  int
	repeatsUsers int
	window       time.Duration
	botPath      string
	timeout      time.Duration
	jsonPath     string
	// ingestRates is "off" (acks unthrottled, like the echo bot they are
	// compared with) or "telegram" (the default limits of a production bot).
	ingestRates string
}

// parseOptions reads the command line; the hidden -echo mode is handled
// before it by main.
func parseOptions(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("tiprelaybench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.scenario, "scenario", "all", "scenario to run: all, ingest, relay, mix or repeats")
	fs.IntVar(&o.tips, "tips", 5000, "ingest: tips to inject (and messages for the echo ceiling)")
	fs.IntVar(&o.users, "users", 50, "ingest: staff users sending them")
	fs.IntVar(&o.injectors, "injectors", 4, "ingest: goroutines injecting concurrently")
	fs.IntVar(&o.relayTips, "relay-tips", 200, "relay: text tips in the backlog")
	fs.IntVar(&o.relayUsers, "relay-users", 4, "relay and mix: staff users sending them")
	fs.IntVar(&o.mixTips, "mix-tips", 200, "mix: tips in the backlog (60% text, 30% screenshot, 5% album of 3, 5% forward)")
	fs.IntVar(&o.repeatsTips, "repeats-tips", 500, fmt.Sprintf("repeats: tips in the burst, %d%% of them repeats of earlier ones", repeatPercent))
	fs.IntVar(&o.repeatsUsers, "repeats-users", 8, "repeats: staff users sending them")
	fs.DurationVar(&o.window, "window", time.Second, "relay: the group's 20-message window, scaled down from Telegram's minute")
	fs.StringVar(&o.botPath, "bot", "", "a tiprelay binary to use instead of building ./cmd/tiprelay")
	fs.DurationVar(&o.timeout, "timeout", 3*time.Minute, "longest wait of any one phase before the run is aborted")
	fs.StringVar(&o.jsonPath, "json", "", "also write the results as JSON to this file")
	fs.StringVar(&o.ingestRates, "ingest-rates", "off", "ingest: off (private-chat and global limits off, like the unthrottled echo bot) or telegram (the default 1/1s and 30/1s)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: go run -tags sqlite_fts5 ./cmd/tiprelaybench [flags]\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return o, err
		}
		// The flag set printed the problem and the usage already.
		return o, usageError(err.Error())
	}
	switch {
	case fs.NArg() > 0:
		return o, usageError(fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	case !slices.Contains([]string{"all", "ingest", "relay", "mix", "repeats"}, o.scenario):
		return o, usageError(fmt.Sprintf("-scenario %q: want all, ingest, relay, mix or repeats", o.scenario))
	case o.tips < 1 || o.users < 1 || o.injectors < 1 || o.relayTips < 1 || o.relayUsers < 1 || o.mixTips < 1 || o.repeatsUsers < 1:
		return o, usageError("-tips, -users, -injectors, -relay-tips, -relay-users, -mix-tips and -repeats-users must be positive")
	case o.repeatsTips < 2 || o.repeatsTips > maxBurst:
		return o, usageError(fmt.Sprintf("-repeats-tips must be 2 to %d", maxBurst))
	case o.window < 60*time.Millisecond:
		return o, usageError("-window must be at least 60ms (the private-chat window is 1/60 of it)")
	case o.ingestRates != "off" && o.ingestRates != "telegram":
		return o, usageError(fmt.Sprintf("-ingest-rates %q: want off or telegram", o.ingestRates))
	case o.timeout <= 0:
		return o, usageError("-timeout must be positive")
	}
	return o, nil
}

// runs reports whether scenario name is selected.
func (o options) runs(name string) bool { return o.scenario == "all" || o.scenario == name }

// commandLine returns the command that repeats this run, with every
// setting spelled out.
func (o options) commandLine() string {
	args := []string{"go", "run", "-tags", "sqlite_fts5", "./cmd/tiprelaybench",
		"-scenario", o.scenario,
		"-tips", strconv.Itoa(o.tips), "-users", strconv.Itoa(o.users), "-injectors", strconv.Itoa(o.injectors),
		"-relay-tips", strconv.Itoa(o.relayTips), "-relay-users", strconv.Itoa(o.relayUsers),
		"-mix-tips", strconv.Itoa(o.mixTips),
		"-repeats-tips", strconv.Itoa(o.repeatsTips), "-repeats-users", strconv.Itoa(o.repeatsUsers),
		"-window", o.window.String(), "-ingest-rates", o.ingestRates, "-timeout", o.timeout.String()}
	if o.botPath != "" {
		args = append(args, "-bot", quote(o.botPath))
	}
	if o.jsonPath != "" {
		args = append(args, "-json", quote(o.jsonPath))
	}
	return strings.Join(args, " ")
}

// quote quotes s for a POSIX shell when it needs it.
func quote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$`*?[]{}()<>|&;#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
