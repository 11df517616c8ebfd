package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// checkDBDir makes sure the database file at path can be created or, when
// it exists, written: it creates the file's directory if missing (mode
// 0o750) and proves the directory writable by creating and removing a
// temporary file (SQLite writes its journal beside the database). Checking at
// start-up turns a late "unable to open database file" into one clear line.
func checkDBDir(path string) error {
	if info, err := os.Stat(path); err == nil {
		if info.IsDir() {
			return fmt.Errorf("%s is a directory, not a database file", path)
		}
		// An existing database must be writable, or the bot fails later.
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			return fmt.Errorf("database %s is not writable: %w", path, bare(err))
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("database %s: %w", path, bare(err))
		}
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("cannot create directory %s: %w", dir, bare(err))
	}
	f, err := os.CreateTemp(dir, ".tiprelay-write-check-*")
	if err != nil {
		return fmt.Errorf("directory %s is not writable: %w", dir, bare(err))
	}
	name := f.Name()
	closeErr := f.Close()
	if err := errors.Join(closeErr, os.Remove(name)); err != nil {
		return fmt.Errorf("directory %s is not writable: %w", dir, bare(err))
	}
	return nil
}

// bare strips the operation and path from a *fs.PathError, which the
// message already names, keeping the cause ("permission denied") so that
// errors.Is(err, fs.ErrPermission) still holds.
func bare(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
