package sqlite

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestBuildWithoutCgoNamesTheFix: building without cgo fails, and the
// first error says what to do instead of go-sqlite3's stub errors.
func TestBuildWithoutCgoNamesTheFix(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	cmd := exec.Command("go", "build", "-o", os.DevNull, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatal("the package built without cgo")
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 2 || !strings.Contains(lines[1], "tiprelay_needs_cgo_install_gcc_and_build_with_CGO_ENABLED_1") {
		t.Errorf("got\n%s\nwant the first error to name the fix", out)
	}
}
