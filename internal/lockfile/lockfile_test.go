package lockfile

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The lock is per open file, so one process can play both sides; the
// process test below checks it across processes too.
func TestAcquireHeldRelease(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tiprelay.db.lock")
	if held, err := Held(path); err != nil || held {
		t.Fatalf("Held of a missing file = %v, %v; want false, nil", held, err)
	}
	l, err := Acquire(path)
	if err != nil {
		t.Fatal(err)
	}
	if held, err := Held(path); err != nil || !held {
		t.Errorf("Held while locked = %v, %v; want true, nil", held, err)
	}
	if _, err := Acquire(path); !errors.Is(err, ErrLocked) {
		t.Errorf("second Acquire = %v, want ErrLocked", err)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	if held, err := Held(path); err != nil || held {
		t.Errorf("Held after Release = %v, %v; want false, nil", held, err)
	}
	l, err = Acquire(path)
	if err != nil {
		t.Fatalf("Acquire after Release: %v", err)
	}
	l.Release()
}

// TestLockEndsWithTheProcess: a lock held by a process that was killed is
// free again.
func TestLockEndsWithTheProcess(t *testing.T) {
	if os.Getenv("LOCKFILE_HOLD") != "" {
		if _, err := Acquire(os.Getenv("LOCKFILE_HOLD")); err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("locked\n")
		select {} // until killed
	}
	path := filepath.Join(t.TempDir(), "tiprelay.db.lock")
	cmd := exec.Command(os.Args[0], "-test.run", "^TestLockEndsWithTheProcess$")
	cmd.Env = append(os.Environ(), "LOCKFILE_HOLD="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 7)
	if _, err := io.ReadFull(out, buf); err != nil || string(buf) != "locked\n" {
		cmd.Process.Kill()
		t.Fatalf("helper said %q, %v; want locked", buf, err)
	}
	if held, err := Held(path); err != nil || !held {
		t.Errorf("Held while another process holds it = %v, %v; want true, nil", held, err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if held, err := Held(path); err != nil || held {
		t.Errorf("Held after the holder was killed = %v, %v; want false, nil", held, err)
	}
}
