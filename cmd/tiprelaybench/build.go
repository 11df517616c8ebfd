package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// botPackage is the command under test.
const botPackage = "github.com/tiprelay/tiprelay/cmd/tiprelay"

// buildBot compiles tiprelay with cgo and the build tag sqlite_fts5 (the
// search index is SQLite FTS5) into dir and returns the binary's path. It
// must run inside the module, as `go run -tags sqlite_fts5
// ./cmd/tiprelaybench` and `go test` do.
func buildBot(ctx context.Context, dir string, d time.Duration) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	bin := filepath.Join(dir, "tiprelay")
	cmd := exec.CommandContext(ctx, "go", "build", "-tags", "sqlite_fts5", "-o", bin, botPackage)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build tiprelay: %w\n%s", err, out)
	}
	return bin, nil
}
