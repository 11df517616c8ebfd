package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Targets of the figures.
const (
	targetTipsPerSecond = 1000
	targetRatio         = 0.8
	targetPeakRSS       = 80 << 20
	targetMakespan      = 1.05
)

// row is one line of the results table.
type row struct {
	Scenario string `json:"scenario"`
	Figure   string `json:"figure"`
	Value    string `json:"value"`
	Target   string `json:"target"`
	// Result is "pass", "FAIL", or "" for a figure without a target.
	Result string `json:"result"`
}

// report collects the figures of one run.
type report struct {
	Command   string          `json:"command"`
	GoVersion string          `json:"go_version"`
	CPUs      int             `json:"cpus"`
	Started   time.Time       `json:"started"`
	Rows      []row           `json:"rows"`
	Details   []string        `json:"details"`
	Errors    []string        `json:"errors,omitempty"`
	Ingest    *ingestResult   `json:"ingest,omitempty"`
	Ceiling   *echoResult     `json:"ceiling,omitempty"`
	Relay     []groupResult   `json:"relay,omitempty"`
	Mix       []mixResult     `json:"mix,omitempty"`
	Repeats   []repeatsResult `json:"repeats,omitempty"`
}

func newReport(o options) *report {
	return &report{Command: o.commandLine(), GoVersion: runtime.Version(), CPUs: runtime.NumCPU(), Started: time.Now()}
}

// scenarioError records that a scenario could not run to its end.
func (r *report) scenarioError(scenario string, err error) {
	if err == nil {
		return
	}
	first, _, _ := strings.Cut(err.Error(), "\n")
	r.Rows = append(r.Rows, row{scenario, "runs to the end", first, "no error", "FAIL"})
	r.Errors = append(r.Errors, scenario+": "+err.Error())
}

func (r *report) figure(scenario, figure, value, target string, pass bool) {
	r.Rows = append(r.Rows, row{scenario, figure, value, target, map[bool]string{true: "pass", false: "FAIL"}[pass]})
}

func (r *report) info(scenario, figure, value string) {
	r.Rows = append(r.Rows, row{scenario, figure, value, "—", ""})
}

func (r *report) detail(format string, args ...any) {
	r.Details = append(r.Details, fmt.Sprintf(format, args...))
}

// addIngest adds the figures of the ingest scenario and its ceiling.
func (r *report) addIngest(ing ingestResult, ceil echoResult) {
	const s = "ingest"
	if ing.OK {
		r.Ingest = &ing
		tps := ing.tipsPerSecond()
		r.figure(s, "tips committed and acknowledged per second",
			fmt.Sprintf("%s tips/s (%d tips, %d users, %s)", thousands(tps), ing.Tips, ing.Users, secs(ing.Acked)),
			"≥ "+thousands(targetTipsPerSecond)+" tips/s", tps >= targetTipsPerSecond)
		r.figure(s, "peak RSS of tiprelay (VmHWM)", mib(ing.PeakRSS), "≤ "+mib(targetPeakRSS), ing.PeakRSS <= targetPeakRSS)
		r.detail("ingest: injection took %s; every update stored (offset confirmed) after %s (%s updates/s); "+
			"tip #%d committed after %s (%s tips/s); all acknowledged after %s, in %d ack messages (%d of them after the last commit); "+
			"tiprelay used %s CPU; %d warning and %d error log lines",
			secs(ing.Injected), secs(ing.Stored), thousands(perSecond(ing.Tips, ing.Stored)),
			ing.Tips, secs(ing.Committed), thousands(perSecond(ing.Tips, ing.Committed)), secs(ing.Acked),
			ing.AckMessages, ing.AcksAfterCommit, secs(ing.CPU), ing.Warnings, ing.Errors)
		r.logLines("ingest", ing.LogLines)
		r.detail("ingest: %v", ing.Load)
	}
	if ceil.OK {
		r.Ceiling = &ceil
		r.info(s, "ceiling: bare go-telegram/bot echo bot, messages echoed per second",
			fmt.Sprintf("%s msgs/s (%d msgs, %s)", thousands(ceil.perSecond()), ceil.Messages, secs(ceil.Echoed)))
		r.detail("ceiling: the echo bot used %s CPU, peak RSS %s; %v", secs(ceil.CPU), mib(ceil.PeakRSS), ceil.Load)
	}
	if ing.OK && ceil.OK {
		ratio := ing.tipsPerSecond() / ceil.perSecond()
		r.figure(s, "ratio tiprelay tips/s ÷ echo msgs/s", fmt.Sprintf("%.2f", ratio),
			fmt.Sprintf("≥ %.1f", targetRatio), ratio >= targetRatio)
	}
}

// addRelay adds the figures of one run of the relay scenario.
func (r *report) addRelay(res groupResult) {
	if !res.OK {
		return
	}
	r.Relay = append(r.Relay, res)
	s := relayName(res.Coalesce)
	what := fmt.Sprintf("makespan ÷ minimum (%d tips, %d per %v, minimum %s)", res.Tips, groupPerWindow, res.Window, secs(res.Minimum))
	ratio := res.ratio(res.Makespan)
	r.figure(s, what, fmt.Sprintf("%.3f (%s)", ratio, secs(res.Makespan)), fmt.Sprintf("≤ %.2f", targetMakespan), ratio <= targetMakespan)
	if res.Coalesce {
		r.info(s, "every tip number in the group after", fmt.Sprintf("%s (%.3f × minimum)", secs(res.Info), res.ratio(res.Info)))
	}
	r.figure(s, "429s provoked", strconv.Itoa(res.Violations), "0", res.Violations == 0)
	note := ""
	if want := map[string]int{kindTextTip: res.Tips}; !res.Coalesce && !maps.Equal(res.Kinds, want) {
		note = fmt.Sprintf(" (want %s: one message per text tip, its header quoting the text)", kinds(want))
	}
	r.groupDetails(s, res, note)
}

// groupDetails adds the details of one run against the group; note
// follows the message count.
func (r *report) groupDetails(s string, res groupResult, note string) {
	r.detail("%s: %d group messages%s (%s); first after %s, every tip named after %s, last after %s; "+
		"tiprelay used %s CPU; %d warning and %d error log lines",
		s, res.GroupMessages, note, kinds(res.Kinds), secs(res.FirstGroup), secs(res.Info), secs(res.Makespan),
		secs(res.CPU), res.Warnings, res.Errors)
	if res.Stray > 0 {
		r.detail("%s: %d group messages named a tip outside 1..%d: the bot made more tips than were sent", s, res.Stray, res.Tips)
	}
	if sp := res.Spacing; sp.Max > 0 {
		r.detail("%s: message k and message k+%d in the group were %s apart at least, %s on average, %s at most (window %v)",
			s, groupPerWindow, ms(sp.Min), ms(sp.Mean), ms(sp.Max), res.Window)
	}
	for _, t := range res.Others {
		r.detail("%s: unexpected group message %q", s, clip(t, 200))
	}
	r.logLines(s, res.LogLines)
	r.detail("%s: %v", s, res.Load)
}

// logLines adds the first warning and error lines of a bot as details.
func (r *report) logLines(scenario string, lines []string) {
	for _, l := range lines {
		r.detail("%s: bot log `%s`", scenario, clip(l, 300))
	}
}

// kinds formats counts by kind, sorted by kind ("copy 200, header 200").
func kinds(m map[string]int) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

// clip shortens s to at most n bytes, on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// failed reports whether a figure missed its target or a scenario failed.
func (r *report) failed() bool {
	for _, x := range r.Rows {
		if x.Result == "FAIL" {
			return true
		}
	}
	return false
}

// err returns the scenario errors, or nil.
func (r *report) err() error {
	if len(r.Errors) == 0 {
		return nil
	}
	return errors.New(strconv.Itoa(len(r.Errors)) + " scenario(s) failed; see the errors above")
}

// writeMarkdown prints the report so that it can be pasted into the README.
func (r *report) writeMarkdown(w io.Writer) {
	fmt.Fprintf(w, "```sh\n%s\n```\n\n", r.Command)
	fmt.Fprintf(w, "%s, %s/%s, %d CPUs, %s\n\n", r.GoVersion, runtime.GOOS, runtime.GOARCH, r.CPUs, r.Started.Format("2006-01-02 15:04 MST"))
	fmt.Fprintln(w, "Times count from the first injected message. The machine may be shared: "+
		"the details say how much CPU other processes took meanwhile.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| scenario | figure | value | target | result |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, x := range r.Rows {
		res := x.Result
		if res == "" {
			res = "—"
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", x.Scenario, x.Figure, cell(x.Value), x.Target, res)
	}
	if len(r.Details) > 0 {
		fmt.Fprintln(w)
		for _, d := range r.Details {
			fmt.Fprintf(w, "* %s\n", d)
		}
	}
	for _, e := range r.Errors {
		fmt.Fprintf(w, "\n```\n%s\n```\n", strings.TrimSpace(e))
	}
}

// writeJSON writes the report to path.
func (r *report) writeJSON(path string) error {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("encode report: %w", err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// cell makes s safe inside a Markdown table cell.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// secs formats d in seconds with two decimals ("4.06 s").
func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

// ms formats d in milliseconds ("1003 ms").
func ms(d time.Duration) string { return fmt.Sprintf("%d ms", d.Milliseconds()) }

// mib formats a byte count in MiB.
func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

// thousands formats x rounded to a whole number with comma separators.
func thousands(x float64) string {
	s := strconv.FormatInt(int64(x+0.5), 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
