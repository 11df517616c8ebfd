package backup

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// mustWrite writes content to path, creating its directory.
func mustWrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o640); err != nil {
		t.Fatal(err)
	}
}

// mustRead returns the content of path, or "<missing>".
func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "<missing>"
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// names lists the entries of dir.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestCreateFile(t *testing.T) {
	fill := func(content string) func(string) error {
		return func(tmp string) error { return os.WriteFile(tmp, []byte(content), 0o600) }
	}
	failing := func(tmp string) error {
		os.WriteFile(tmp+"-wal", []byte("x"), 0o600)
		return errors.New("disk full")
	}
	tests := []struct {
		name      string
		existing  string // "" for none
		overwrite bool
		fill      func(string) error
		wantErr   error
		want      string
	}{
		{"new file", "", false, fill("copy"), nil, "copy"},
		{"existing file refused", "old", false, fill("copy"), fs.ErrExist, "old"},
		{"existing file replaced", "old", true, fill("copy"), nil, "copy"},
		{"a failing fill leaves nothing", "", false, failing, errors.New("disk full"), "<missing>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			dest := filepath.Join(dir, "backup.db")
			if tt.existing != "" {
				mustWrite(t, dest, tt.existing)
			}
			err := CreateFile(dest, tt.overwrite, tt.fill)
			if (err == nil) != (tt.wantErr == nil) || (tt.wantErr == fs.ErrExist && !errors.Is(err, fs.ErrExist)) {
				t.Fatalf("got error %v, want %v", err, tt.wantErr)
			}
			if got := mustRead(t, dest); got != tt.want {
				t.Errorf("got %q in %s, want %q", got, dest, tt.want)
			}
			want := []string{"backup.db"}
			if tt.want == "<missing>" {
				want = nil
			}
			if got := names(t, dir); !slices.Equal(got, want) {
				t.Errorf("directory holds %q, want %q (no temporary file left)", got, want)
			}
		})
	}
}

func TestCopyTree(t *testing.T) {
	src := filepath.Join(t.TempDir(), "files")
	hash := "ab" + strings.Repeat("0", 62)
	mustWrite(t, filepath.Join(src, "sha256", "ab", "00", hash), "photo bytes")
	mustWrite(t, filepath.Join(src, "sha256", "cd", "ef", "cdef"), "video bytes!")
	dst := filepath.Join(t.TempDir(), "backup.db.files")

	tree, err := CopyTree(src, dst, false)
	if err != nil {
		t.Fatal(err)
	}
	if tree.Files != 2 || tree.Bytes != 23 || tree.Linked != 2 {
		t.Errorf("got %+v, want 2 files, 23 bytes, both hard links", tree)
	}
	a, err := os.Stat(filepath.Join(src, "sha256", "ab", "00", hash))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.Stat(filepath.Join(dst, "sha256", "ab", "00", hash))
	if err != nil {
		t.Fatalf("the copy lacks the file: %v", err)
	}
	if !os.SameFile(a, b) {
		t.Error("the file was copied, want a hard link on the same file system")
	}
	if got := mustRead(t, filepath.Join(dst, "sha256", "cd", "ef", "cdef")); got != "video bytes!" {
		t.Errorf("got %q", got)
	}

	if _, err := CopyTree(src, dst, false); !errors.Is(err, fs.ErrExist) {
		t.Errorf("a second copy to the same place: got %v, want fs.ErrExist", err)
	}
	mustWrite(t, filepath.Join(src, "sha256", "11", "22", "1122"), "new")
	if tree, err := CopyTree(src, dst, true); err != nil || tree.Files != 3 {
		t.Errorf("overwrite: got %+v, %v; want 3 files", tree, err)
	}
	if got := names(t, filepath.Dir(dst)); !slices.Equal(got, []string{"backup.db.files"}) {
		t.Errorf("directory holds %q, want only the copy", got)
	}
}

// TestCopyFileCopies: where no link can be made, the file is copied whole
// with its mode.
func TestCopyFileCopies(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a")
	mustWrite(t, src, "evidence")
	c := copier{link: false}
	n, linked, err := c.file(src, filepath.Join(dir, "b"))
	if err != nil || linked || n != 8 {
		t.Fatalf("got %d bytes, linked %v, %v; want a copy of 8 bytes", n, linked, err)
	}
	a, _ := os.Stat(src)
	b, _ := os.Stat(filepath.Join(dir, "b"))
	if os.SameFile(a, b) || b.Mode() != a.Mode() || mustRead(t, filepath.Join(dir, "b")) != "evidence" {
		t.Errorf("got mode %v (want %v), same file %v", b.Mode(), a.Mode(), os.SameFile(a, b))
	}
}

func TestReplaceDB(t *testing.T) {
	tests := []struct {
		name      string
		current   map[string]string // suffix -> content
		wantAside map[string]string
	}{
		{"no database yet", nil, nil},
		{"a database with its WAL", map[string]string{"": "old", "-wal": "old wal", "-shm": "old shm"},
			map[string]string{"": "old", "-wal": "old wal", "-shm": "old shm"}},
		{"a database without WAL", map[string]string{"": "old"}, map[string]string{"": "old"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "tiprelay.db")
			for suffix, content := range tt.current {
				mustWrite(t, db+suffix, content)
			}
			next := filepath.Join(dir, ".restore-1.db")
			mustWrite(t, next, "restored")
			aside, err := ReplaceDB(db, next, "20261129-104205")
			if err != nil {
				t.Fatal(err)
			}
			if got := mustRead(t, db); got != "restored" {
				t.Errorf("database holds %q, want the restored one", got)
			}
			for _, suffix := range []string{"-wal", "-shm", "-journal"} {
				if got := mustRead(t, db+suffix); got != "<missing>" {
					t.Errorf("%s left beside the restored database: %q", suffix, got)
				}
			}
			if tt.wantAside == nil {
				if aside != "" {
					t.Errorf("aside = %q, want none", aside)
				}
				return
			}
			if want := db + ".before-restore-20261129-104205"; aside != want {
				t.Errorf("aside = %q, want %q", aside, want)
			}
			for suffix, want := range tt.wantAside {
				if got := mustRead(t, aside+suffix); got != want {
					t.Errorf("aside%s holds %q, want %q", suffix, got, want)
				}
			}
		})
	}
}

// TestReplaceDBTwiceInOneSecond: a second restore in the same second
// keeps both previous databases.
func TestReplaceDBTwiceInOneSecond(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "tiprelay.db")
	mustWrite(t, db, "first")
	var asides []string
	for _, content := range []string{"second", "third"} {
		next := filepath.Join(dir, "next")
		mustWrite(t, next, content)
		aside, err := ReplaceDB(db, next, "stamp")
		if err != nil {
			t.Fatal(err)
		}
		asides = append(asides, aside)
	}
	if got, want := []string{mustRead(t, asides[0]), mustRead(t, asides[1]), mustRead(t, db)}, []string{"first", "second", "third"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q (asides %q)", got, want, asides)
	}
}

func TestReplaceDir(t *testing.T) {
	dir := t.TempDir()
	files := filepath.Join(dir, "files")
	mustWrite(t, filepath.Join(files, "old"), "old")
	next := filepath.Join(dir, ".files.restore")
	mustWrite(t, filepath.Join(next, "new"), "new")
	aside, err := ReplaceDir(files, next, "stamp")
	if err != nil {
		t.Fatal(err)
	}
	if got := names(t, files); !slices.Equal(got, []string{"new"}) {
		t.Errorf("files store holds %q, want the restored one", got)
	}
	if got := names(t, aside); !slices.Equal(got, []string{"old"}) {
		t.Errorf("aside %s holds %q, want the previous store", aside, got)
	}
}

func TestStageDBTakesTheWAL(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(t.TempDir(), "backup.db")
	mustWrite(t, src, "main")
	mustWrite(t, src+"-wal", "wal")
	staged, err := StageDB(src, dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := []string{mustRead(t, staged), mustRead(t, staged+"-wal")}; !slices.Equal(got, []string{"main", "wal"}) {
		t.Errorf("staged %q", got)
	}
	RemoveDB(staged)
	if got := names(t, dir); len(got) != 0 {
		t.Errorf("RemoveDB left %q", got)
	}
}
