package sqlite

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestBuildWithoutFTS5NamesTheFix: a build without the sqlite_fts5 tag
// compiles, but its Open refuses with a message naming the tag, before
// it touches the file (TestOpenWithoutFTS5, built only without the tag).
func TestBuildWithoutFTS5NamesTheFix(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	if !strings.Contains(noFTS5, "built without -tags sqlite_fts5") {
		t.Fatalf("the message %q does not name the tag", noFTS5)
	}
	cmd := exec.Command("go", "test", "-count=1", "-run", "^TestOpenWithoutFTS5$", "-v", ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1", "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestOpenWithoutFTS5") {
		t.Errorf("go test without the tag: %v\n%s", err, out)
	}
}
