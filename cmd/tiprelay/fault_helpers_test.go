package main

import (
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// The fault tests run the built binary as a separate process against the
// emulator, configured only through the environment, and break things
// around it: SIGKILL, outages, 429s, poison updates. This file builds the
// binary once per tag set and manages the processes.

// faultBuilds holds the binaries built for this test binary run; TestMain
// removes their directory.
var faultBuilds struct {
	mu   sync.Mutex
	dir  string
	bins map[string]*faultBuild
}

type faultBuild struct {
	once sync.Once
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if faultBuilds.dir != "" {
		os.RemoveAll(faultBuilds.dir)
	}
	os.Exit(code)
}

// raceBuild reports whether this test binary was built with -race; the bot
// binary is then built with -race too, so that the fault tests also look
// for data races in the bot under faults.
func raceBuild() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}

// faultBinary builds tiprelay with sqlite_fts5 and the given build tags
// ("" for no more) once per test binary run and returns its path.
func faultBinary(t *testing.T, tags string) string {
	t.Helper()
	faultBuilds.mu.Lock()
	if faultBuilds.dir == "" {
		dir, err := os.MkdirTemp("", "tiprelay-fault-")
		if err != nil {
			faultBuilds.mu.Unlock()
			t.Fatal(err)
		}
		faultBuilds.dir, faultBuilds.bins = dir, make(map[string]*faultBuild)
	}
	b, ok := faultBuilds.bins[tags]
	if !ok {
		name := "tiprelay"
		if tags != "" {
			name += "-" + strings.ReplaceAll(tags, ",", "-")
		}
		b = &faultBuild{path: filepath.Join(faultBuilds.dir, name)}
		faultBuilds.bins[tags] = b
	}
	faultBuilds.mu.Unlock()
	b.once.Do(func() {
		args := []string{"build", "-o", b.path}
		if raceBuild() {
			args = append(args, "-race")
		}
		// sqlite_fts5 always: the search index is SQLite FTS5, and a
		// binary without it refuses to open its database.
		all := "sqlite_fts5"
		if tags != "" {
			all += "," + tags
		}
		args = append(args, "-tags", all)
		cmd := exec.Command("go", append(args, ".")...)
		cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.err = fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	})
	if b.err != nil {
		t.Fatalf("build tiprelay: %v", b.err)
	}
	return b.path
}

// botProcess runs the binary, possibly many times in a row on the same
// database, with all incarnations logging into one buffer.
type botProcess struct {
	t      *testing.T
	bin    string
	dir    string
	env    []string
	log    *syncBuffer
	cmd    *exec.Cmd
	done   chan struct{} // closed when the current incarnation exited
	err    error         // its exit status, valid after done
	starts int
	kills  int
	killed []time.Time // when each SIGKILLed process was gone
}

// newBotProcess prepares a process of bin with env; it is started with
// start. On cleanup a running process is killed, the whole log is written
// to $TIPRELAY_FAULT_LOGDIR/<test>.log when that is set, and if the test
// failed the tail of the log is printed.
func newBotProcess(t *testing.T, bin string, env []string) *botProcess {
	t.Helper()
	p := &botProcess{t: t, bin: bin, dir: t.TempDir(), env: env, log: &syncBuffer{}}
	t.Cleanup(func() {
		if p.running() {
			_ = p.cmd.Process.Kill()
			<-p.done
		}
		if dir := os.Getenv("TIPRELAY_FAULT_LOGDIR"); dir != "" {
			path := filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "_")+".log")
			if err := os.WriteFile(path, []byte(p.log.String()), 0o644); err != nil {
				t.Logf("write the bot's log: %v", err)
			}
		}
		if t.Failed() {
			t.Logf("tail of the bot's log (%d starts, %d kills):\n%s", p.starts, p.kills, p.tail(60))
		}
	})
	return p
}

// start starts a new incarnation; the previous one must have exited.
func (p *botProcess) start() {
	p.t.Helper()
	if p.running() {
		p.t.Fatal("start: the bot is still running")
	}
	p.starts++
	fmt.Fprintf(p.log, "=== fault test: start %d at %s ===\n", p.starts, time.Now().Format("15:04:05.000"))
	cmd := exec.Command(p.bin)
	cmd.Dir = p.dir
	cmd.Env = p.env
	cmd.Stdout, cmd.Stderr = p.log, p.log
	if err := cmd.Start(); err != nil {
		p.t.Fatalf("start tiprelay: %v", err)
	}
	done := make(chan struct{})
	p.cmd, p.done = cmd, done
	go func() {
		p.err = cmd.Wait()
		close(done)
	}()
}

// running reports whether the current incarnation is alive.
func (p *botProcess) running() bool {
	if p.done == nil {
		return false
	}
	select {
	case <-p.done:
		return false
	default:
		return true
	}
}

// kill sends SIGKILL and waits for the process to be gone.
func (p *botProcess) kill() {
	p.t.Helper()
	if !p.running() {
		p.t.Fatalf("kill: the bot is not running (exit: %v)", p.err)
	}
	p.kills++
	fmt.Fprintf(p.log, "=== fault test: SIGKILL %d at %s ===\n", p.kills, time.Now().Format("15:04:05.000"))
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
	// The kill counts from when the process is gone: until the signal is
	// delivered it may still send, and those sends precede the kill.
	p.killed = append(p.killed, time.Now())
}

// terminate sends SIGTERM and returns the exit status (nil for exit 0);
// it fails the test if the process does not stop within 20 seconds.
func (p *botProcess) terminate() error {
	p.t.Helper()
	if !p.running() {
		p.t.Fatalf("terminate: the bot is not running (exit: %v)", p.err)
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
		return p.err
	case <-time.After(20 * time.Second):
		p.t.Fatal("the bot did not stop within 20s of SIGTERM")
		return nil
	}
}

// tail returns the last n lines of the log, each cut to 400 bytes.
func (p *botProcess) tail(n int) string {
	lines := strings.Split(strings.TrimRight(p.log.String(), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	for i, l := range lines {
		if len(l) > 400 {
			lines[i] = l[:400] + "…(" + strconv.Itoa(len(l)) + " bytes)"
		}
	}
	return strings.Join(lines, "\n")
}

// checkNoRace fails the test if a race-enabled bot reported a data race.
func (p *botProcess) checkNoRace() {
	p.t.Helper()
	if s := p.log.String(); strings.Contains(s, "WARNING: DATA RACE") {
		i := strings.Index(s, "WARNING: DATA RACE")
		p.t.Errorf("the bot reported a data race:\n%s", s[i:min(len(s), i+6000)])
	}
}

// faultEnv returns the environment of a bot relaying to group with the
// given staff, polling srv, storing in dbPath; extra entries ("KEY=value")
// are appended and override earlier ones. Repeats are not folded: the
// fault tests send many tips of the same content (telegramtest.Photo is
// one picture) and check that each reaches the group exactly once.
func faultEnv(srv *telegramtest.Server, group int64, dbPath string, staff []telegramtest.User, extra ...string) []string {
	ids := make([]string, len(staff))
	for i, u := range staff {
		ids[i] = strconv.FormatInt(u.ID, 10)
	}
	env := []string{
		"TIPRELAY_BOT_TOKEN=" + testToken,
		"TIPRELAY_API_URL=" + srv.URL(),
		"TIPRELAY_DB_PATH=" + dbPath,
		"TIPRELAY_RELAY_CHAT_ID=" + strconv.FormatInt(group, 10),
		"TIPRELAY_STAFF_IDS=" + strings.Join(ids, ","),
		"TIPRELAY_POLL_TIMEOUT=1s",
		"TIPRELAY_ALBUM_WINDOW=300ms",
		"TIPRELAY_SHUTDOWN_TIMEOUT=3s",
		"TIPRELAY_LOG_LEVEL=debug",
		"TIPRELAY_LOG_FORMAT=json",
		"TIPRELAY_DUPLICATE_WINDOW=off",
	}
	return append(env, extra...)
}

// faultWorld is the emulator with the police group and a channel whose
// posts staff forward.
type faultWorld struct {
	srv     *telegramtest.Server
	group   telegramtest.Chat
	channel telegramtest.Chat
	staff   []telegramtest.User
}

// newFaultWorld starts an emulator with the police group and n staff
// members; it is closed on cleanup.
func newFaultWorld(t *testing.T, n int) *faultWorld {
	t.Helper()
	srv := telegramtest.NewServer(testToken)
	t.Cleanup(srv.Close)
	w := &faultWorld{
		srv:     srv,
		group:   srv.AddChat(telegramtest.Chat{ID: -1002233445566, Type: telegramtest.ChatSupergroup, Title: "Ditintelkam"}),
		channel: telegramtest.Chat{ID: -1001555666777, Type: telegramtest.ChatChannel, Title: "Info Makassar", Username: "infomakassar"},
	}
	for i := range n {
		w.staff = append(w.staff, telegramtest.User{
			ID: 5_100_000_001 + int64(i), FirstName: "Petugas", LastName: fmt.Sprintf("%02d", i+1),
			Username: fmt.Sprintf("petugas%02d", i+1),
		})
	}
	return w
}

// newBot prepares the bot binary bin as a process on a fresh database of
// w, with the fault tests' environment plus rates (TIPRELAY_*_RATE
// settings), and returns it with the database path; the caller starts it.
func (w *faultWorld) newBot(t *testing.T, bin string, rates ...string) (*botProcess, string) {
	t.Helper()
	dbPath := filepath.Join(t.TempDir(), "data", "tiprelay.db")
	return newBotProcess(t, bin, faultEnv(w.srv, w.group.ID, dbPath, w.staff, rates...)), dbPath
}

// stopWhenQuiet waits until the bot has nothing left to do, checks that it
// is still running, stops it with SIGTERM (exit code 0 expected) and
// checks its output for data races.
func (w *faultWorld) stopWhenQuiet(t *testing.T, p *botProcess, db *sql.DB) {
	t.Helper()
	w.waitQuiet(t, db, 20*time.Second)
	if !p.running() {
		t.Fatalf("the bot exited on its own: %v", p.err)
	}
	if err := p.terminate(); err != nil {
		t.Fatalf("got %v after SIGTERM, want exit code 0", err)
	}
	p.checkNoRace()
}
