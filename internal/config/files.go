package config

import (
	"path/filepath"
	"strings"
)

// DefaultFilesDirName is the files store's directory beside the database
// when TIPRELAY_FILES_DIR is not set.
const DefaultFilesDirName = "files"

// setFilesDir reads TIPRELAY_FILES_DIR. Empty means the directory "files"
// beside the database, so the database path must be set before (its option
// comes earlier in the table). Nothing is created here: the store is made
// by whatever first writes to it.
func setFilesDir(c *Config, v string) error {
	c.FilesDir = strings.TrimSpace(v)
	if c.FilesDir == "" {
		c.FilesDir = filepath.Join(filepath.Dir(c.DBPath), DefaultFilesDirName)
	}
	return nil
}
