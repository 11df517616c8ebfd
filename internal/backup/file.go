// Package backup writes and puts back copies of tiprelay's state on disk:
// a copy of the SQLite database written next to its final name and moved
// there only once it is complete and synced, the content-addressed files
// store copied by hard links, and a restored database put in place of the
// current one, which is kept aside with its -wal and -shm files. It knows
// files and directories only: making a consistent copy of the database is
// package sqlite's (VACUUM INTO), wiring is cmd's.
package backup

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// CreateFile creates the file dest from what fill writes to a temporary
// path beside it (an empty file, hidden, mode 0600: a backup holds every
// tip): after fill returns, the file is synced to disk and only then
// given its name, and the directory is synced, so that dest is either
// absent or complete, even after a crash. Without overwrite an existing
// dest is an error wrapping fs.ErrExist, checked before fill runs and
// again, atomically, when the name is given (a hard link, which never
// replaces a file). With overwrite dest is replaced atomically. On any
// error the temporary file, and SQLite's -wal, -shm and -journal files
// beside it, are removed.
func CreateFile(dest string, overwrite bool, fill func(tmp string) error) (err error) {
	if !overwrite {
		if err := notExists(dest); err != nil {
			return err
		}
	}
	dir := filepath.Dir(dest)
	f, err := os.CreateTemp(dir, "."+filepath.Base(dest)+".tmp-*")
	if err != nil {
		return fmt.Errorf("create a temporary file beside %s: %w", dest, err)
	}
	tmp := f.Name()
	linked := false
	defer func() {
		if err != nil || linked {
			removeDB(tmp)
		}
	}()
	if err := f.Close(); err != nil {
		return fmt.Errorf("create %s: %w", tmp, err)
	}
	if err := fill(tmp); err != nil {
		return err
	}
	for _, suffix := range sidecars {
		if _, err := os.Lstat(tmp + suffix); err == nil {
			return fmt.Errorf("write %s: %s was left beside it", dest, filepath.Base(tmp+suffix))
		}
	}
	if err := syncFile(tmp); err != nil {
		return err
	}
	if overwrite {
		if err := os.Rename(tmp, dest); err != nil {
			return fmt.Errorf("move the copy to %s: %w", dest, err)
		}
	} else {
		if err := linkNew(tmp, dest); err != nil {
			return err
		}
		linked = true
	}
	return syncDir(dir)
}

// linkNew gives the file tmp the new name dest without replacing a file
// that appeared meanwhile: by a hard link where the file system has them
// (the caller removes tmp), else by checking and renaming.
func linkNew(tmp, dest string) error {
	err := os.Link(tmp, dest)
	if err == nil {
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s exists: %w", dest, fs.ErrExist)
	}
	if err := notExists(dest); err != nil {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		return fmt.Errorf("move the copy to %s: %w", dest, err)
	}
	return nil
}

// notExists returns an error wrapping fs.ErrExist if path exists.
func notExists(path string) error {
	_, err := os.Lstat(path)
	switch {
	case err == nil:
		return fmt.Errorf("%s exists: %w", path, fs.ErrExist)
	case errors.Is(err, fs.ErrNotExist):
		return nil
	default:
		return err
	}
}

// sidecars are the files SQLite keeps beside a database.
var sidecars = []string{"-wal", "-shm", "-journal"}

// removeDB removes the file path and SQLite's files beside it.
func removeDB(path string) {
	os.Remove(path)
	for _, suffix := range sidecars {
		os.Remove(path + suffix)
	}
}

// syncFile flushes the file at path to disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("sync %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sync %s: %w", path, err)
	}
	return f.Close()
}

// syncDir flushes the directory dir, so that the names created, renamed
// or removed in it survive a crash. File systems that cannot sync a
// directory (EINVAL) are left as they are.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	return nil
}
