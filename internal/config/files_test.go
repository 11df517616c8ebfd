package config

import (
	"flag"
	"io"
	"path/filepath"
	"testing"
)

func TestFilesDir(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "data", "tiprelay.db")
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"default: files/ beside the database", nil, map[string]string{"TIPRELAY_DB_PATH": db}, filepath.Join(dir, "data", "files")},
		{"default beside a database set by flag", []string{"--db-path", filepath.Join(dir, "x", "t.db")}, nil, filepath.Join(dir, "x", "files")},
		{"set", nil, map[string]string{"TIPRELAY_DB_PATH": db, "TIPRELAY_FILES_DIR": " /srv/evidence "}, "/srv/evidence"},
		{"set by flag", []string{"--files-dir", "/mnt/files"}, map[string]string{"TIPRELAY_DB_PATH": db}, "/mnt/files"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("backup", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			c, err := LoadOffline(fs, tt.args, getenv(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if c.FilesDir != tt.want {
				t.Errorf("got FilesDir %q, want %q", c.FilesDir, tt.want)
			}
		})
	}
}
