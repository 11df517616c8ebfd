//go:build unix

package ocr

import (
	"errors"
	"os"
	"os/exec"
	"syscall"
)

// inOwnProcessGroup starts cmd as the leader of a new process group and
// makes the end of its context kill the whole group with SIGKILL, so that
// children tesseract (or a wrapper script) started die with it.
func inOwnProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		// The group's id is its leader's pid; a negative pid names the group.
		err := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		if errors.Is(err, syscall.ESRCH) {
			return os.ErrProcessDone
		}
		return err
	}
}
