package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// Time limits of the steps that do not scale with the load.
const (
	buildTimeout   = 10 * time.Minute
	startupTimeout = 30 * time.Second
	stopTimeout    = 30 * time.Second
)

// bench runs the selected scenarios; one bench is one run of the command.
type bench struct {
	opts options
	log  io.Writer // progress lines
	dir  string    // temporary directory of this run
	bin  string    // the tiprelay binary
}

// run runs the scenarios and returns their report. A scenario that fails
// is recorded in the report as an error and the next one still runs.
func (b *bench) run(ctx context.Context) (*report, error) {
	rep := newReport(b.opts)
	dir, err := os.MkdirTemp("", "tiprelaybench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	b.dir = dir
	b.bin = b.opts.botPath
	if b.bin == "" {
		b.progress("building %s", botPackage)
		if b.bin, err = buildBot(ctx, dir, buildTimeout); err != nil {
			return nil, err
		}
	}
	if b.opts.runs("ingest") {
		load := sampleLoad()
		ing, err := b.ingest(ctx)
		rep.scenarioError("ingest", err)
		ing.Load = load.since()
		var ceil echoResult
		if ctx.Err() == nil {
			load = sampleLoad()
			ceil, err = b.ceiling(ctx)
			rep.scenarioError("ingest ceiling", err)
			ceil.Load = load.since()
		}
		rep.addIngest(ing, ceil)
	}
	if b.opts.runs("relay") {
		for _, coalesce := range []bool{false, true} {
			if ctx.Err() != nil {
				break
			}
			load := sampleLoad()
			res, err := b.relay(ctx, coalesce)
			rep.scenarioError(relayName(coalesce), err)
			res.Load = load.since()
			rep.addRelay(res)
		}
	}
	if b.opts.runs("mix") {
		for _, coalesce := range []bool{false, true} {
			if ctx.Err() != nil {
				break
			}
			load := sampleLoad()
			res, err := b.mix(ctx, coalesce)
			rep.scenarioError(mixName(coalesce), err)
			res.Load = load.since()
			rep.addMix(res)
		}
	}
	if b.opts.runs("repeats") {
		for _, fold := range []bool{false, true} {
			if ctx.Err() != nil {
				break
			}
			load := sampleLoad()
			res, err := b.repeats(ctx, fold)
			rep.scenarioError(repeatsName(fold), err)
			res.Load = load.since()
			rep.addRepeats(res)
		}
	}
	return rep, ctx.Err()
}

// progress writes one line about what the benchmark is doing.
func (b *bench) progress(format string, args ...any) {
	fmt.Fprintf(b.log, "tiprelaybench: "+format+"\n", args...)
}

// botEnv returns the environment of a tiprelay process: only TIPRELAY_*
// variables, with the given settings on top of the benchmark's base.
func (b *bench) botEnv(apiURL, dbPath string, users []telegramtest.User, extra ...string) []string {
	return append([]string{
		"TIPRELAY_BOT_TOKEN=" + benchToken,
		"TIPRELAY_API_URL=" + apiURL,
		"TIPRELAY_DB_PATH=" + dbPath,
		"TIPRELAY_RELAY_CHAT_ID=" + strconv.FormatInt(groupID, 10),
		"TIPRELAY_STAFF_IDS=" + staffIDs(users),
		"TIPRELAY_POLL_TIMEOUT=1s",
		"TIPRELAY_LOG_LEVEL=warn",
	}, extra...)
}

// scratch returns a fresh directory for one bot process.
func (b *bench) scratch(name string) (string, error) {
	d, err := os.MkdirTemp(b.dir, name+"-")
	if err != nil {
		return "", err
	}
	return filepath.Abs(d)
}

// await waits until done is closed. It fails when the child exits first,
// when d passes (with what() describing the progress so far) or when ctx
// ends.
func await(ctx context.Context, c *child, done <-chan struct{}, d time.Duration, what func() string) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-done:
		return nil
	case <-c.exited:
		return fmt.Errorf("%s exited (%v) while %s%s", c.name, c.err, what(), c.logs())
	case <-t.C:
		return fmt.Errorf("gave up after %v: %s: %w%s", d, what(), errDeadline, c.logs())
	case <-ctx.Done():
		return errors.Join(ctx.Err(), errors.New(what()))
	}
}
