//go:build !sqlite_fts5 && !fts5

package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenWithoutFTS5: built without FTS5, Open names the missing build
// tag and creates nothing. (Every other test of the package fails in
// such a build; TestBuildWithoutFTS5NamesTheFix runs this one alone.)
func TestOpenWithoutFTS5(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "tiprelay.db")
	_, err := Open(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), "built without -tags sqlite_fts5") {
		t.Fatalf("Open = %v, want an error naming -tags sqlite_fts5", err)
	}
	if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
		t.Errorf("Open created %s (%v), want nothing created", filepath.Dir(path), err)
	}
}
