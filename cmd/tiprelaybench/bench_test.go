package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary act as the echo bot, since the ceiling
// re-executes the running binary with echoFlag.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == echoFlag {
		os.Exit(echoMain())
	}
	os.Exit(m.Run())
}

// TestTinyRun runs every scenario on a tiny load: the bot is built and
// started, every tip is acknowledged and stored, the echo bot echoes, the
// relay and the mix drain with coalescing off and on, and both processes
// exit 0 on SIGTERM. It takes about 8 s once the build cache is warm, so it
// runs under -short too. Timing targets are not checked, as figures on a
// shared CI machine say little; message counts are.
func TestTinyRun(t *testing.T) {
	jsonPath := filepath.Join(t.TempDir(), "bench.json")
	var stdout, stderr bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	args := []string{"-tips", "50", "-users", "5", "-relay-tips", "50", "-relay-users", "3", "-mix-tips", "20",
		"-repeats-tips", "40", "-repeats-users", "3",
		"-window", "200ms", "-timeout", "1m", "-json", jsonPath}
	err := run(ctx, args, &stdout, &stderr)
	if err != nil && !errors.Is(err, errTargetsMissed) {
		t.Fatalf("run: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}
	t.Logf("\n%s", stdout.String())

	var rep report
	data, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatalf("decode %s: %v", jsonPath, err)
	}
	if rep.Ingest == nil || !rep.Ingest.OK || rep.Ingest.Acked <= 0 || rep.Ingest.PeakRSS <= 0 {
		t.Errorf("got ingest %+v, want a completed run", rep.Ingest)
	}
	if rep.Ceiling == nil || !rep.Ceiling.OK || rep.Ceiling.Echoed <= 0 {
		t.Errorf("got ceiling %+v, want a completed run", rep.Ceiling)
	}
	if len(rep.Relay) != 2 {
		t.Fatalf("got %d relay runs, want coalescing off and on", len(rep.Relay))
	}
	for _, r := range rep.Relay {
		if !r.OK || r.Makespan <= 0 || r.Info <= 0 || r.Info > r.Makespan {
			t.Errorf("got relay %+v, want a completed run with info no later than the makespan", r)
		}
	}
	if off := rep.Relay[0]; off.GroupMessages != off.Tips || off.Kinds[kindTextTip] != off.Tips {
		t.Errorf("got %d group messages (%v) with coalescing off, want %d text tips: one message per tip",
			off.GroupMessages, off.Kinds, off.Tips)
	}
	checkMix(t, rep.Mix)
	checkRepeats(t, rep.Repeats)
	if !strings.Contains(stdout.String(), "| scenario | figure | value | target | result |") {
		t.Errorf("got no results table in\n%s", stdout.String())
	}
}

// checkMix checks the two runs of the mix scenario: every tip found in the
// group, no tip made of part of another and no 429, and with coalescing off
// exactly the messages the new rule gives each kind of tip. That makes
// 1.15 messages per tip (an album is a header and three photos), so the
// issue's ≤ 1.1 holds for posts, an album counted once, not for messages.
func checkMix(t *testing.T, runs []mixResult) {
	t.Helper()
	if len(runs) != 2 {
		t.Fatalf("got %d mix runs, want coalescing off and on", len(runs))
	}
	for _, r := range runs {
		if !r.OK || r.Found != r.Tips || r.Stray != 0 || r.Violations != 0 || r.Info > r.Makespan {
			t.Errorf("got mix %+v, want a completed run with every tip found, none stray, no 429", r.groupResult)
		}
	}
	off := runs[0]
	if want := off.Counts.wantKinds(); off.GroupMessages != off.Expected || !maps.Equal(off.Kinds, want) {
		t.Errorf("got %d group messages (%v) with coalescing off, want %d (%v)", off.GroupMessages, off.Kinds, off.Expected, want)
	}
	if got := float64(off.PostsAfter) / float64(off.Tips); got > targetPerTip {
		t.Errorf("got %.2f posts per tip, want ≤ %.1f", got, targetPerTip)
	}
	if off.Before <= off.GroupMessages {
		t.Errorf("got %d messages before and %d after, want fewer after", off.Before, off.GroupMessages)
	}
}

// checkRepeats checks the two runs of the repeats scenario: without
// folding every tip's content reaches the group and nothing is folded;
// with it, every original arrives once, each repeat is folded into its
// original, and no repeat's content arrives. The headers' report counts
// are left to the benchmark's figure: a header rewritten between the
// relay worker reading its row and leasing it can lose a count, now and
// then (README, Benchmarks, "Repeats folded").
func checkRepeats(t *testing.T, runs []repeatsResult) {
	t.Helper()
	if len(runs) != 2 || runs[0].Fold || !runs[1].Fold {
		t.Fatalf("got %d repeats runs, want folding off and on", len(runs))
	}
	off, on := runs[0], runs[1]
	c := on.Counts
	if !off.OK || off.Sends != off.Tips || off.Edits != 0 || off.OriginalsFound != c.originals() ||
		off.RepeatContent != c.Own || off.WrongFolds != 0 || off.Violations != 0 {
		t.Errorf("got repeats without folding %+v, want every tip in the group, none folded, no 429", off)
	}
	if !on.OK || on.Sends != c.originals() || on.OriginalsOnce != c.originals() || on.RepeatContent != 0 ||
		on.Folded != c.repeats() || on.WrongFolds != 0 || on.Violations != 0 {
		t.Errorf("got repeats with folding %+v, want each original once, every repeat folded, no 429", on)
	}
	if off.messages() <= on.messages() {
		t.Errorf("got %d group messages without folding and %d with it, want fewer with it", off.messages(), on.messages())
	}
}

func TestOptionsRejectBadValues(t *testing.T) {
	for _, args := range [][]string{
		{"-scenario", "speed"},
		{"-tips", "0"},
		{"-mix-tips", "0"},
		{"-window", "10ms"},
		{"-repeats-tips", "1"},
		{"-repeats-tips", "10000"},
		{"-repeats-users", "0"},
		{"extra"},
		{"-tips", "abc"},
		{"-no-such-flag"},
	} {
		_, err := parseOptions(args, &bytes.Buffer{})
		var usage usageError
		if !errors.As(err, &usage) {
			t.Errorf("parseOptions(%q) = %v, want a usage error", args, err)
		}
	}
}

func TestCommandLineRepeatsTheRun(t *testing.T) {
	o, err := parseOptions([]string{"-scenario", "relay", "-window", "500ms", "-json", "out dir/r.json"}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	got := o.commandLine()
	want := "go run -tags sqlite_fts5 ./cmd/tiprelaybench -scenario relay -tips 5000 -users 50 -injectors 4 -relay-tips 200 -relay-users 4 -mix-tips 200 -repeats-tips 500 -repeats-users 8 -window 500ms -ingest-rates off -timeout 3m0s -json 'out dir/r.json'"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	again, err := parseOptions(strings.Fields(strings.TrimPrefix(got, "go run -tags sqlite_fts5 ./cmd/tiprelaybench "))[:26], &bytes.Buffer{})
	if err != nil || again.window != o.window || again.scenario != o.scenario {
		t.Errorf("got %+v, %v reading the command line back", again, err)
	}
}
