//go:build !unix

package ocr

import "os/exec"

// inOwnProcessGroup leaves cmd as it is: without process groups, the end of
// its context kills the tesseract process only (exec's default), and
// WaitDelay bounds the wait for any child holding its pipes.
func inOwnProcessGroup(cmd *exec.Cmd) {}
