package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath finds Debian's chromium. CI installs it (.ci/run); without
// it the browser test fails, unless -short skips it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	t.Fatal("chromium not found: the sandbox page's test needs it (Debian: apt-get install chromium); go test -short skips the test")
	return ""
}

// artifactsDir is where the browser test saves its screenshots:
// $TIPRELAY_TEST_ARTIFACTS, or artifacts/ at the repository's root.
func artifactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("TIPRELAY_TEST_ARTIFACTS")
	if dir == "" {
		root, err := filepath.Abs(".")
		if err != nil {
			t.Fatal(err)
		}
		for {
			if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
				break
			}
			parent := filepath.Dir(root)
			if parent == root {
				t.Fatal("no go.mod above the test's directory")
			}
			root = parent
		}
		dir = filepath.Join(root, "artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browser starts headless chromium with flags that keep it off the
// network, and returns a tab's context. Messages the page writes to the
// console as errors, and uncaught exceptions, are collected in problems.
func browser(t *testing.T, ctx context.Context) (tab context.Context, problems func() []string) {
	t.Helper()
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 900),
	)
	t.Cleanup(cancelAlloc)
	tab, cancelTab := chromedp.NewContext(alloc)
	t.Cleanup(cancelTab)
	var mu sync.Mutex
	var seen []string
	console := chromedp.Console(tab)
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == chromedp.ConsoleError {
				mu.Lock()
				seen = append(seen, m.String())
				mu.Unlock()
			}
		}
	}()
	return tab, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}

// TestSandboxPageInChromium plays the sandbox page in headless chromium
// as a person would: a tip typed on the staff phone appears in the Polda
// chat and in its region's Polres chat; the officer presses
// «Ditindaklanjuti»; the bot's answer shows, the relayed tip shows the
// status, and the status notice reaches the phone. Screenshots of the
// steps, on a wide screen and on a phone-sized one, are saved as
// artifacts.
func TestSandboxPageInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("runs chromium")
	}
	start := time.Now()
	sb := startSandbox(t, map[string]string{"TIPRELAY_DB_PATH": filepath.Join(t.TempDir(), "sandbox.db")})
	var world sbWorld
	sb.api(t, "api/world", nil, &world)
	var badung int64
	for _, p := range world.Police {
		if p.Region == "badung" {
			badung = p.ID
		}
	}
	polda := world.Police[0].ID

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	tab, problems := browser(t, ctx)
	dir := artifactsDir(t)
	shot := func(name string) error {
		t.Helper()
		png, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
		if err != nil {
			return fmt.Errorf("screenshot %s: %w", name, err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, png, 0o644); err != nil {
			return err
		}
		t.Logf("screenshot: %s", path)
		return nil
	}
	failed := func(what string, err error) {
		t.Helper()
		if serr := shot("sandbox-failed.png"); serr != nil {
			t.Log(serr)
		}
		t.Fatalf("%s: %v\nbrowser console: %q\nlog:\n%s", what, err, problems(), sb.stderr.String())
	}
	// step runs actions, each step within 15 seconds.
	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(tab, 15*time.Second)
		defer cancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
			failed(what, err)
		}
	}
	// until waits for a JavaScript condition on the page's state.
	until := func(what, expr string) {
		t.Helper()
		if _, err := chromedp.Run(tab, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
			failed(what, err)
		}
	}
	botText := func(pane, parts string) string {
		return fmt.Sprintf(`[...document.querySelectorAll('#%s-msgs .msg.bot .text')].some(e => %s)`, pane, parts)
	}

	step("open the page",
		chromedp.Navigate(sb.url),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#police-chats .chip[data-chat="%d"]`, badung))),
		chromedp.WaitVisible(chromedp.CSS(`#phone-msgs .empty`)),
	)
	step("send a tip from the phone",
		chromedp.SendKeys(chromedp.CSS("#phone-text"), "Ajakan boikot TPS di Kuta Selatan besok #provokasi"),
		chromedp.Click(chromedp.CSS("#phone-send")),
	)
	until("the tip in the Polda chat", botText("police", `e.textContent.includes('Laporan #1') && e.textContent.includes('boikot TPS')`))
	until("the acknowledgement with the triage buttons on the phone",
		`[...document.querySelectorAll('#phone-msgs .msg.bot')].some(m => m.textContent.includes('#1') && m.querySelector('.kb-btn'))`)
	if err := shot("sandbox-1-relayed.png"); err != nil {
		t.Fatal(err)
	}

	notices := `[...document.querySelectorAll('#phone-msgs .msg.bot .text')].filter(e => e.textContent.includes('#1') && e.textContent.includes('Ditindaklanjuti')).length`
	before, err := chromedp.Run(tab, chromedp.Evaluate[int](notices))
	if err != nil || before != 0 {
		t.Fatalf("status notices on the phone before the press: %d (%v), want 0", before, err)
	}
	step("press «Ditindaklanjuti» as the Polda officer",
		chromedp.Click(chromedp.CSS(`#police-msgs .msg.bot button[data-data="s1:ditindaklanjuti"]`)),
	)
	until("the bot's answer to the press", `!document.querySelector('#toast').hidden && document.querySelector('#toast').textContent.includes('Ditindaklanjuti')`)
	until("the status in the relayed tip", botText("police", `e.textContent.includes('Laporan #1') && e.textContent.includes('Ditindaklanjuti')`))
	until("the status notice on the phone", notices+` > 0`)
	if err := shot("sandbox-2-status.png"); err != nil {
		t.Fatal(err)
	}

	step("open the Polres Badung chat", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#police-chats .chip[data-chat="%d"]`, badung))))
	until("the tip in the Polres Badung chat", botText("police", `e.textContent.includes('Laporan #1') && e.textContent.includes('Ditindaklanjuti')`))
	step("switch to English", chromedp.Click(chromedp.CSS("#lang-toggle")))
	until("the page in English", `document.querySelector('#phone-send').textContent === 'Send' && document.documentElement.lang === 'en'`)
	step("a phone-sized screen", chromedp.EmulateViewport(390, 844), chromedp.Click(chromedp.CSS(`#tabs button[data-pane="phone"]`)))
	until("one pane at a time", `getComputedStyle(document.querySelector('#pane-police')).display === 'none' && document.querySelector('#pane-phone').getBoundingClientRect().width <= 390`)
	if err := shot("sandbox-3-phone.png"); err != nil {
		t.Fatal(err)
	}

	if p := problems(); len(p) > 0 {
		t.Errorf("the page logged errors: %q", p)
	}
	if polda == badung {
		t.Fatal("the world has one police chat")
	}
	t.Logf("browser test took %v", time.Since(start).Round(time.Millisecond))
}
