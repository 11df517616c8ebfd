package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// sandboxRun is a sandbox started in-process through run.
type sandboxRun struct {
	url    string // the page, http://127.0.0.1:port/
	stderr *syncBuffer
	cancel context.CancelFunc
	done   chan error
}

var pageURL = regexp.MustCompile(`http://\S+/`)

// startSandbox runs `tiprelay sandbox --listen 127.0.0.1:0` in-process with
// env and returns once it printed the page's address. On cleanup it is
// stopped if the test did not stop it.
func startSandbox(t *testing.T, env map[string]string) *sandboxRun {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	s := &sandboxRun{stderr: &syncBuffer{}, cancel: cancel, done: make(chan error, 1)}
	go func() {
		err := run(ctx, []string{"sandbox", "--listen", "127.0.0.1:0"}, envOf(env), pw, s.stderr)
		pw.Close()
		s.done <- err
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(20 * time.Second):
			t.Error("the sandbox did not stop")
		}
	})
	line := make(chan string, 1)
	go func() {
		r := bufio.NewReader(pr)
		l, _ := r.ReadString('\n')
		line <- l
		io.Copy(io.Discard, r)
	}()
	select {
	case l := <-line:
		if s.url = pageURL.FindString(l); s.url == "" {
			err := <-s.done
			t.Fatalf("got stdout %q (run: %v), want the page's address\nlog:\n%s", l, err, s.stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("the sandbox printed no address within 30s\nlog:\n%s", s.stderr.String())
	}
	return s
}

// stop cancels the sandbox (SIGTERM in main) and returns run's error.
func (s *sandboxRun) stop(t *testing.T) error {
	t.Helper()
	s.cancel()
	select {
	case err := <-s.done:
		s.done <- err // for the cleanup
		return err
	case <-time.After(20 * time.Second):
		t.Fatal("the sandbox did not stop within 20s of cancellation")
		return nil
	}
}

// api calls the sandbox's JSON API: a GET without body, a POST with one.
func (s *sandboxRun) api(t *testing.T, path string, body, out any) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.url+strings.TrimPrefix(path, "/"), nil)
	if body != nil {
		b, _ := json.Marshal(body)
		req, err = http.NewRequest(http.MethodPost, s.url+strings.TrimPrefix(path, "/"), bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
	}
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s: got %s %q: %v", path, resp.Status, data, err)
		}
	}
	return resp.StatusCode
}

// sbMessage and sbState are the page's view of messages and chats.
type sbMessage struct {
	ID      int64  `json:"id"`
	Bot     bool   `json:"bot"`
	HTML    string `json:"html"`
	Photo   string `json:"photo"`
	Edited  bool   `json:"edited"`
	Buttons [][]struct {
		Text string `json:"text"`
		Data string `json:"data"`
	} `json:"buttons"`
}

type sbChat struct {
	ID       int64       `json:"id"`
	Messages []sbMessage `json:"messages"`
}

type sbState struct {
	Phone  *sbChat `json:"phone"`
	Police *sbChat `json:"police"`
}

type sbWorld struct {
	Phones []struct {
		ID   int64  `json:"id"`
		Role string `json:"role"`
	} `json:"phones"`
	Police []struct {
		ID     int64  `json:"id"`
		Region string `json:"region"`
	} `json:"police"`
	Posts []struct {
		Username string `json:"username"`
	} `json:"posts"`
	Demos []sbDemo `json:"demos"`
	OCR   struct {
		On   bool   `json:"on"`
		Note string `json:"note"`
	} `json:"ocr"`
}

// sbDemo is a message of the page's repeats demo.
type sbDemo struct {
	Key  string `json:"key"`
	From int64  `json:"from"`
	Kind string `json:"kind"`
	Item int    `json:"item"`
	Text string `json:"text"`
}

// botMessage returns the first bot message of the chat whose HTML holds
// every part.
func (c *sbChat) botMessage(parts ...string) (sbMessage, bool) {
	if c == nil {
		return sbMessage{}, false
	}
next:
	for _, m := range c.Messages {
		if !m.Bot {
			continue
		}
		for _, p := range parts {
			if !strings.Contains(m.HTML, p) {
				continue next
			}
		}
		return m, true
	}
	return sbMessage{}, false
}

// events opens the page's event stream, read line by line until ctx ends;
// it is closed when the test ends.
func (s *sandboxRun) events(t *testing.T, ctx context.Context) *bufio.Scanner {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.url+"api/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("event stream: %v", err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return bufio.NewScanner(resp.Body)
}

// waitState reloads /api/state?query after every event of the page's
// event stream until cond holds, or fails the test after d.
func (s *sandboxRun) waitState(t *testing.T, query string, d time.Duration, what string, cond func(sbState) bool) sbState {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	events := s.events(t, ctx)
	var st sbState
	for {
		st = sbState{}
		s.api(t, "api/state?"+query, nil, &st)
		if cond(st) {
			return st
		}
		// The next blank line ends the next event.
		for events.Scan() && events.Text() != "" {
		}
		if ctx.Err() != nil || events.Err() != nil {
			js, _ := json.MarshalIndent(st, "", " ")
			t.Fatalf("%s: not within %v; last state:\n%s\nlog:\n%s", what, d, js, s.stderr.String())
		}
	}
}

// TestSandboxWithoutTokenOrNetwork starts the sandbox with no token and
// an API URL that leads nowhere, then plays it through its JSON API: a
// staff member's tip reaches the Polda chat and its region's chat, a
// stranger's press on a status button is refused, an officer's is
// accepted and the reporter hears of it; a screenshot is relayed with its
// image. Cancellation (SIGTERM in main) stops it cleanly.
func TestSandboxWithoutTokenOrNetwork(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "data", "sandbox.db")
	sb := startSandbox(t, map[string]string{
		"TIPRELAY_DB_PATH":     db,
		"TIPRELAY_API_URL":     "http://127.0.0.1:1",
		"TIPRELAY_WEBHOOK_URL": "https://tiprelay.example/hook",
		"TIPRELAY_LOG_FORMAT":  "json",
	})

	var world sbWorld
	if code := sb.api(t, "api/world", nil, &world); code != 200 {
		t.Fatalf("GET /api/world: %d", code)
	}
	roles := map[string]int{}
	for _, p := range world.Phones {
		roles[p.Role]++
	}
	if roles["staff"] != 3 || roles["admin"] != 1 || len(world.Police) != 10 || len(world.Posts) < 2 {
		t.Fatalf("got phones %v, %d police chats, %d posts; want 3 staff, an admin, the Polda chat and 9 Polres chats, posts", roles, len(world.Police), len(world.Posts))
	}
	staff, polda := world.Phones[0].ID, world.Police[0].ID
	var badung int64
	for _, p := range world.Police {
		if p.Region == "badung" {
			badung = p.ID
		}
	}

	var sent struct {
		MessageIDs []int64 `json:"message_ids"`
	}
	if code := sb.api(t, "api/send", map[string]any{"from": staff, "kind": "text", "text": "Ajakan boikot TPS di Kuta Selatan besok #provokasi"}, &sent); code != 200 || len(sent.MessageIDs) != 1 {
		t.Fatalf("POST /api/send: %d %v", code, sent)
	}
	st := sb.waitState(t, fmt.Sprintf("phone=%d&police=%d", staff, polda), 20*time.Second, "tip #1 relayed to Polda and acknowledged", func(st sbState) bool {
		_, relayed := st.Police.botMessage("Laporan #1", "boikot TPS")
		_, acked := st.Phone.botMessage("#1")
		return relayed && acked
	})
	sb.waitState(t, fmt.Sprintf("police=%d", badung), 20*time.Second, "tip #1 relayed to Polres Badung", func(st sbState) bool {
		_, ok := st.Police.botMessage("Laporan #1", "boikot TPS")
		return ok
	})
	relayed, _ := st.Police.botMessage("Laporan #1")
	if strings.Contains(relayed.HTML, "<script") || !strings.Contains(relayed.HTML, "<b>") {
		t.Errorf("got the relayed header as %q, want the bot's formatting as safe HTML", relayed.HTML)
	}

	var answer struct {
		Answered bool   `json:"answered"`
		Text     string `json:"text"`
	}
	press := map[string]any{"chat": polda, "message": relayed.ID, "data": "s1:ditindaklanjuti", "as": "stranger"}
	if code := sb.api(t, "api/press", press, &answer); code != 200 || !answer.Answered {
		t.Fatalf("stranger's press: %d %+v, want an answer", code, answer)
	}
	press["as"] = "officer"
	if code := sb.api(t, "api/press", press, &answer); code != 200 || !answer.Answered || !strings.Contains(answer.Text, "Ditindaklanjuti") {
		t.Fatalf("officer's press: %d %+v, want the status in the answer", code, answer)
	}
	st = sb.waitState(t, fmt.Sprintf("phone=%d&police=%d", staff, polda), 20*time.Second, "the status notice reaches the reporter", func(st sbState) bool {
		_, told := st.Phone.botMessage("#1", "Ditindaklanjuti")
		_, shown := st.Police.botMessage("Laporan #1", "Ditindaklanjuti")
		return told && shown
	})
	if n := strings.Count(sb.stderr.String(), `"msg":"tip status set"`); n != 1 {
		t.Errorf("got %d status changes in the log, want 1 (the stranger's press changes nothing)", n)
	}

	// A screenshot goes through with its image, which the page can show.
	if code := sb.api(t, "api/send", map[string]any{"from": staff, "kind": "photo", "item": 0, "text": "Tangkapan grup #denpasar"}, nil); code != 200 {
		t.Fatalf("POST /api/send photo: %d", code)
	}
	st = sb.waitState(t, fmt.Sprintf("police=%d", polda), 20*time.Second, "the screenshot relayed", func(st sbState) bool {
		m, ok := st.Police.botMessage("Laporan #2")
		return ok && m.Photo != ""
	})
	photo, _ := st.Police.botMessage("Laporan #2")
	resp, err := http.Get(sb.url + strings.TrimPrefix(photo.Photo, "/"))
	if err != nil {
		t.Fatal(err)
	}
	img, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || !bytes.HasPrefix(img, []byte("\x89PNG")) {
		t.Errorf("GET %s: %s %s, %d bytes; want the PNG", photo.Photo, resp.Status, resp.Header.Get("Content-Type"), len(img))
	}

	// A page of another host name (DNS rebinding) is refused.
	req, _ := http.NewRequest(http.MethodGet, sb.url+"api/world", nil)
	req.Host = "sandbox.attacker.example"
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("request for another host: %v %v, want 421", resp.Status, err)
	}

	if err := sb.stop(t); err != nil {
		t.Fatalf("got %v, want a clean stop", err)
	}
	log := sb.stderr.String()
	for _, bad := range []string{"127.0.0.1:1", "setWebhook", "tiprelay.example"} {
		if strings.Contains(log, bad) {
			t.Errorf("got %q in the log: the sandbox left its emulator", bad)
		}
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("database at TIPRELAY_DB_PATH: %v", err)
	}
}

// TestSandboxStartsEmptyAndSparesOtherDatabases: a second start empties
// the database the first one made; a file the sandbox did not make is
// refused with exit code 2 and left alone.
func TestSandboxStartsEmptyAndSparesOtherDatabases(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "sandbox.db")
	env := map[string]string{"TIPRELAY_DB_PATH": db}
	first := startSandbox(t, env)
	var world sbWorld
	first.api(t, "api/world", nil, &world)
	first.api(t, "api/send", map[string]any{"from": world.Phones[0].ID, "kind": "text", "text": "Hoaks pertama"}, nil)
	first.waitState(t, fmt.Sprintf("police=%d", world.Police[0].ID), 20*time.Second, "tip #1 relayed", func(st sbState) bool {
		_, ok := st.Police.botMessage("Laporan #1")
		return ok
	})
	if err := first.stop(t); err != nil {
		t.Fatal(err)
	}

	second := startSandbox(t, env)
	second.api(t, "api/send", map[string]any{"from": world.Phones[0].ID, "kind": "text", "text": "Hoaks kedua"}, nil)
	second.waitState(t, fmt.Sprintf("police=%d", world.Police[0].ID), 20*time.Second, "the second run's tip is #1 again", func(st sbState) bool {
		_, ok := st.Police.botMessage("Laporan #1", "Hoaks kedua")
		return ok
	})
	if err := second.stop(t); err != nil {
		t.Fatal(err)
	}

	other := filepath.Join(dir, "tiprelay.db")
	if err := os.WriteFile(other, []byte("a bot's database"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	err := run(context.Background(), []string{"sandbox", "--listen", "127.0.0.1:0"}, envOf(map[string]string{"TIPRELAY_DB_PATH": other}), io.Discard, &stderr)
	if code := exitCode(err, &stderr); code != 2 || !strings.Contains(stderr.String(), "TIPRELAY_DB_PATH") {
		t.Errorf("sandbox on a database it did not make: exit %d, %q; want 2 naming TIPRELAY_DB_PATH", code, stderr.String())
	}
	if b, _ := os.ReadFile(other); string(b) != "a bot's database" {
		t.Errorf("the other database was changed: %q", b)
	}
}

// TestSandboxStopsWhileStarting: a stop asked for as soon as the page is
// up, whatever the bot is doing then, is a clean stop.
func TestSandboxStopsWhileStarting(t *testing.T) {
	sb := startSandbox(t, map[string]string{"TIPRELAY_DB_PATH": filepath.Join(t.TempDir(), "sandbox.db")})
	if err := sb.stop(t); err != nil {
		t.Fatalf("got %v, want a clean stop\nlog:\n%s", err, sb.stderr.String())
	}
}

func TestSandboxEnv(t *testing.T) {
	world := map[string]string{"TIPRELAY_BOT_TOKEN": "1:emulator", "TIPRELAY_RELAY_CHAT_ID": "-100"}
	tests := []struct {
		name, key string
		env       map[string]string
		want      string
	}{
		{"world beats the environment", "TIPRELAY_RELAY_CHAT_ID", map[string]string{"TIPRELAY_RELAY_CHAT_ID": "-200"}, "-100"},
		{"no real token", "TIPRELAY_BOT_TOKEN", map[string]string{"TIPRELAY_BOT_TOKEN": "123:real"}, "1:emulator"},
		{"no token file", "TIPRELAY_BOT_TOKEN_FILE", map[string]string{"TIPRELAY_BOT_TOKEN_FILE": "/run/secrets/t"}, ""},
		{"no YAML file", "TIPRELAY_CONFIG", map[string]string{"TIPRELAY_CONFIG": "/etc/tiprelay.yaml"}, ""},
		{"no webhook", "TIPRELAY_WEBHOOK_URL", map[string]string{"TIPRELAY_WEBHOOK_URL": "https://x.example/h"}, ""},
		{"sandbox database", "TIPRELAY_DB_PATH", nil, "./data/sandbox.db"},
		{"database set", "TIPRELAY_DB_PATH", map[string]string{"TIPRELAY_DB_PATH": "/tmp/s.db"}, "/tmp/s.db"},
		{"files beside the sandbox database", "TIPRELAY_FILES_DIR", nil, filepath.Join("data", "sandbox-files")},
		{"short escalation", "TIPRELAY_ESCALATE_AFTER", nil, "2m"},
		{"other settings pass", "TIPRELAY_LANG", map[string]string{"TIPRELAY_LANG": "en"}, "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sandboxEnv(envOf(tt.env), world)(tt.key); got != tt.want {
				t.Errorf("got %s=%q, want %q", tt.key, got, tt.want)
			}
		})
	}
}

// TestSandboxBinaryStopsOnSIGTERM runs the built binary's sandbox and
// checks that SIGTERM ends it with exit code 0.
func TestSandboxBinaryStopsOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	p := startSandboxProcess(t, faultBinary(t, ""))
	sb := &sandboxRun{url: p.url, stderr: p.log}
	var world sbWorld
	sb.api(t, "api/world", nil, &world)
	sb.api(t, "api/send", map[string]any{"from": world.Phones[0].ID, "kind": "text", "text": "Hoaks di Kuta"}, nil)
	sb.waitState(t, fmt.Sprintf("police=%d", world.Police[0].ID), 20*time.Second, "tip #1 relayed", func(st sbState) bool {
		_, ok := st.Police.botMessage("Laporan #1")
		return ok
	})
	if err := p.terminate(); err != nil {
		t.Fatalf("got %v after SIGTERM, want exit code 0\nlog:\n%s", err, p.log.String())
	}
}

// sandboxProcess is the binary's sandbox running as its own process.
type sandboxProcess struct {
	cmd  *exec.Cmd
	url  string
	log  *syncBuffer
	done chan error
}

// startSandboxProcess starts `bin sandbox --listen 127.0.0.1:0` with only
// TIPRELAY_DB_PATH set and returns once it printed the page's address.
func startSandboxProcess(t *testing.T, bin string) *sandboxProcess {
	t.Helper()
	dir := t.TempDir()
	p := &sandboxProcess{log: &syncBuffer{}, done: make(chan error, 1)}
	p.cmd = exec.Command(bin, "sandbox", "--listen", "127.0.0.1:0")
	p.cmd.Dir = dir
	p.cmd.Env = []string{"TIPRELAY_DB_PATH=" + filepath.Join(dir, "data", "sandbox.db")}
	p.cmd.Stderr = p.log
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line := make(chan string, 1)
	go func() {
		r := bufio.NewReader(stdout)
		l, _ := r.ReadString('\n')
		line <- l
		io.Copy(io.Discard, r)
		p.done <- p.cmd.Wait()
	}()
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Kill()
		}
	})
	select {
	case l := <-line:
		if p.url = pageURL.FindString(l); p.url == "" {
			t.Fatalf("got stdout %q, want the page's address\nlog:\n%s", l, p.log.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("the sandbox printed no address within 30s\nlog:\n%s", p.log.String())
	}
	return p
}

// terminate sends SIGTERM and returns the exit status (nil for exit 0).
func (p *sandboxProcess) terminate() error {
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	select {
	case err := <-p.done:
		return err
	case <-time.After(20 * time.Second):
		return errors.New("still running 20s after SIGTERM")
	}
}
