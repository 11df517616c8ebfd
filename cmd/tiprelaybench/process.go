package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// child is a process under test: the tiprelay binary or the echo bot.
type child struct {
	name   string
	cmd    *exec.Cmd
	stderr *logTail
	exited chan struct{} // closed when the process has ended
	err    error         // Wait's result, valid once exited is closed
}

// startChild starts bin with exactly env (nothing is inherited) in dir.
func startChild(name, bin string, args, env []string, dir string) (*child, error) {
	c := &child{name: name, cmd: exec.Command(bin, args...), stderr: &logTail{}, exited: make(chan struct{})}
	c.cmd.Env, c.cmd.Dir = env, dir
	c.cmd.Stdout, c.cmd.Stderr = c.stderr, c.stderr
	if err := c.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	go func() {
		c.err = c.cmd.Wait()
		close(c.exited)
	}()
	return c, nil
}

// waitReady waits until the child long-polls the emulator, which it does
// once it has started up. It fails if the child exits first or after d.
func (c *child) waitReady(ctx context.Context, srv *telegramtest.Server, d time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	go func() {
		select {
		case <-c.exited:
			cancel()
		case <-ctx.Done():
		}
	}()
	if err := srv.WaitFor(ctx, srv.Polling); err != nil {
		select {
		case <-c.exited:
			return fmt.Errorf("%s exited during start-up (%v)%s", c.name, c.err, c.logs())
		default:
		}
		return fmt.Errorf("%s did not poll getUpdates within %v: %w%s", c.name, d, err, c.logs())
	}
	return nil
}

// peakRSS returns the process's peak resident set size (VmHWM) in bytes.
func (c *child) peakRSS() (int64, error) {
	f, err := os.Open("/proc/" + strconv.Itoa(c.cmd.Process.Pid) + "/status")
	if err != nil {
		return 0, fmt.Errorf("read peak RSS of %s: %w", c.name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("read peak RSS of %s: %q: %w", c.name, v, err)
			}
			return kb << 10, nil
		}
	}
	return 0, fmt.Errorf("read peak RSS of %s: no VmHWM line", c.name)
}

// stop sends SIGTERM and waits up to d for the process to exit. It returns
// an error unless the process exited with code 0, and the CPU time the
// process used over its life.
func (c *child) stop(d time.Duration) (cpu time.Duration, err error) {
	select {
	case <-c.exited:
		return 0, fmt.Errorf("%s exited before SIGTERM (%v)%s", c.name, c.err, c.logs())
	default:
	}
	if err := c.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return 0, fmt.Errorf("signal %s: %w", c.name, err)
	}
	select {
	case <-c.exited:
	case <-time.After(d):
		_ = c.cmd.Process.Kill()
		<-c.exited
		return 0, fmt.Errorf("%s did not exit within %v of SIGTERM; killed%s", c.name, d, c.logs())
	}
	st := c.cmd.ProcessState
	cpu = st.UserTime() + st.SystemTime()
	if c.err != nil {
		return cpu, fmt.Errorf("%s after SIGTERM: %v, want exit code 0%s", c.name, c.err, c.logs())
	}
	return cpu, nil
}

// kill ends the process if it still runs; for clean-up after a failure.
func (c *child) kill() {
	select {
	case <-c.exited:
	default:
		_ = c.cmd.Process.Kill()
		<-c.exited
	}
}

// logs returns the tail of the child's output for an error message.
func (c *child) logs() string {
	if t := c.stderr.String(); t != "" {
		return "\n--- " + c.name + " output (tail) ---\n" + t
	}
	return ""
}

// errDeadline marks a scenario that ran out of time.
var errDeadline = errors.New("deadline exceeded")
