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

// pageTest is the sandbox page open in headless chromium, with the
// helpers a browser test drives it with.
type pageTest struct {
	t        *testing.T
	sb       *sandboxRun
	tab      context.Context
	problems func() []string
	dir      string
}

// openPage starts chromium (for at most d) on the page of sb.
func openPage(t *testing.T, sb *sandboxRun, d time.Duration) *pageTest {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	tab, problems := browser(t, ctx)
	return &pageTest{t: t, sb: sb, tab: tab, problems: problems, dir: artifactsDir(t)}
}

// shot saves a screenshot of the page as artifacts/name.
func (p *pageTest) shot(name string) {
	p.t.Helper()
	if err := p.capture(name); err != nil {
		p.t.Fatal(err)
	}
}

func (p *pageTest) capture(name string) error {
	png, err := chromedp.Run(p.tab, chromedp.CaptureScreenshot())
	if err != nil {
		return fmt.Errorf("screenshot %s: %w", name, err)
	}
	path := filepath.Join(p.dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		return err
	}
	p.t.Logf("screenshot: %s", path)
	return nil
}

// failed ends the test with what failed, the page's console errors and
// the bot's log, after a screenshot of the page as it is.
func (p *pageTest) failed(what string, err error) {
	p.t.Helper()
	if serr := p.capture("sandbox-failed.png"); serr != nil {
		p.t.Log(serr)
	}
	p.t.Fatalf("%s: %v\nbrowser console: %q\nlog:\n%s", what, err, p.problems(), p.sb.stderr.String())
}

// step runs actions, each step within 15 seconds.
func (p *pageTest) step(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	sctx, cancel := context.WithTimeout(p.tab, 15*time.Second)
	defer cancel()
	if err := chromedp.Do(sctx, actions...); err != nil {
		p.failed(what, err)
	}
}

// until waits for a JavaScript condition on the page's state.
func (p *pageTest) until(what, expr string) {
	p.t.Helper()
	if _, err := chromedp.Run(p.tab, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		p.failed(what, err)
	}
}

// noProblems fails the test if the page logged errors.
func (p *pageTest) noProblems() {
	p.t.Helper()
	if pr := p.problems(); len(pr) > 0 {
		p.t.Errorf("the page logged errors: %q", pr)
	}
}

// botText is a JavaScript condition: some bot message of a pane's chat
// (phone or police) has a text element for which parts holds (e is the
// element).
func botText(pane, parts string) string {
	return fmt.Sprintf(`[...document.querySelectorAll('#%s-msgs .msg.bot .text')].some(e => %s)`, pane, parts)
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
	p := openPage(t, sb, 90*time.Second)

	p.step("open the page",
		chromedp.Navigate(sb.url),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#police-chats .chip[data-chat="%d"]`, badung))),
		chromedp.WaitVisible(chromedp.CSS(`#phone-msgs .empty`)),
	)
	p.step("send a tip from the phone",
		chromedp.SendKeys(chromedp.CSS("#phone-text"), "Ajakan boikot TPS di Kuta Selatan besok #provokasi"),
		chromedp.Click(chromedp.CSS("#phone-send")),
	)
	p.until("the tip in the Polda chat", botText("police", `e.textContent.includes('Laporan #1') && e.textContent.includes('boikot TPS')`))
	p.until("the acknowledgement with the triage buttons on the phone",
		`[...document.querySelectorAll('#phone-msgs .msg.bot')].some(m => m.textContent.includes('#1') && m.querySelector('.kb-btn'))`)
	p.shot("sandbox-1-relayed.png")

	notices := `[...document.querySelectorAll('#phone-msgs .msg.bot .text')].filter(e => e.textContent.includes('#1') && e.textContent.includes('Ditindaklanjuti')).length`
	before, err := chromedp.Run(p.tab, chromedp.Evaluate[int](notices))
	if err != nil || before != 0 {
		t.Fatalf("status notices on the phone before the press: %d (%v), want 0", before, err)
	}
	p.step("press «Ditindaklanjuti» as the Polda officer",
		chromedp.Click(chromedp.CSS(`#police-msgs .msg.bot button[data-data="s1:ditindaklanjuti"]`)),
	)
	p.until("the bot's answer to the press", `!document.querySelector('#toast').hidden && document.querySelector('#toast').textContent.includes('Ditindaklanjuti')`)
	p.until("the status in the relayed tip", botText("police", `e.textContent.includes('Laporan #1') && e.textContent.includes('Ditindaklanjuti')`))
	p.until("the status notice on the phone", notices+` > 0`)
	p.shot("sandbox-2-status.png")

	p.step("open the Polres Badung chat", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#police-chats .chip[data-chat="%d"]`, badung))))
	p.until("the tip in the Polres Badung chat", botText("police", `e.textContent.includes('Laporan #1') && e.textContent.includes('Ditindaklanjuti')`))
	p.step("switch to English", chromedp.Click(chromedp.CSS("#lang-toggle")))
	p.until("the page in English", `document.querySelector('#phone-send').textContent === 'Send' && document.documentElement.lang === 'en'`)
	p.step("a phone-sized screen", chromedp.EmulateViewport(390, 844), chromedp.Click(chromedp.CSS(`#tabs button[data-pane="phone"]`)))
	p.until("one pane at a time", `getComputedStyle(document.querySelector('#pane-police')).display === 'none' && document.querySelector('#pane-phone').getBoundingClientRect().width <= 390`)
	p.shot("sandbox-3-phone.png")

	p.noProblems()
	if polda == badung {
		t.Fatal("the world has one police chat")
	}
	t.Logf("browser test took %v", time.Since(start).Round(time.Millisecond))
}

// TestSandboxFoldInChromium plays the repeats demo in headless chromium:
// the first staff member forwards a channel post from the demo panel,
// the second forwards the same post; the page then shows the second
// staff member's phone, told «sama dengan laporan #1», and the Polda
// chat holds one tip, whose header, edited, says «Dilaporkan 2×». A
// screenshot is saved as an artifact.
func TestSandboxFoldInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("runs chromium")
	}
	start := time.Now()
	sb := startSandbox(t, map[string]string{"TIPRELAY_DB_PATH": filepath.Join(t.TempDir(), "sandbox.db")})
	var world sbWorld
	sb.api(t, "api/world", nil, &world)
	second := world.demo(t, "post_again").From
	p := openPage(t, sb, 60*time.Second)

	p.step("open the repeats demo",
		chromedp.Navigate(sb.url),
		chromedp.WaitVisible(chromedp.CSS(`#phone-msgs .empty`)),
		chromedp.Click(chromedp.CSS(`#attach-demo`)),
		chromedp.WaitVisible(chromedp.CSS(`#picker .demo[data-demo="post"]`)),
	)
	p.step("the first staff member forwards the post", chromedp.Click(chromedp.CSS(`#picker .demo[data-demo="post"]`)))
	p.until("the tip in the Polda chat", botText("police", `e.textContent.includes('Laporan #1')`))
	p.step("the second staff member forwards the same post", chromedp.Click(chromedp.CSS(`#picker .demo[data-demo="post_again"]`)))
	p.until("the second staff member's phone is shown and told the first number",
		fmt.Sprintf(`document.querySelector('#phone-who').value === '%d' && `, second)+
			botText("phone", `e.textContent.includes('sama dengan laporan #1')`))
	p.until("the answer's button", `[...document.querySelectorAll('#phone-msgs .msg.bot .kb-btn')].some(b => b.textContent.includes('Bukan sama'))`)
	tips := `[...document.querySelectorAll('#police-msgs .msg.bot')].filter(m => /Laporan #\d/.test(m.textContent))`
	p.until("one tip in the Polda chat, its header edited to «Dilaporkan 2×»",
		tips+`.length === 1 && `+tips+`.every(m => m.textContent.includes('Dilaporkan 2×') && m.querySelector('.edited'))`)
	p.step("show the tip's header and the answer's first line",
		chromedp.Evaluate[chromedp.Void](tips+`[0].scrollIntoView({block: 'start'})`),
		chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll('#phone-msgs .msg.bot')].filter(m => m.textContent.includes('sama dengan laporan #1'))[0].scrollIntoView({block: 'start'})`))
	p.shot("sandbox-4-fold.png")
	p.noProblems()
	t.Logf("browser fold test took %v", time.Since(start).Round(time.Millisecond))
}
