package backup

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// AsideSuffix is put, with a time stamp, after the name of a database or
// files store that a restore replaced: tiprelay.db.before-restore-20261129-104205.
const AsideSuffix = ".before-restore-"

// ReplaceDB puts the complete database file next in place of the SQLite
// database at path, which must be in the same directory. The current
// database, if any, is kept as aside (path + AsideSuffix + stamp, with
// -2, -3... appended when that is taken) with its -wal, -shm and -journal
// files renamed alongside, so that it stays a whole database that SQLite
// can open; aside is "" when there was none. A -wal file left beside path
// would otherwise be applied by SQLite to the restored file, pages of one
// database written into another.
//
// path names a database at every moment where the file system has hard
// links: the current one is linked to aside first, and next is renamed
// over path. The caller makes sure no process writes to the database
// meanwhile (the bot's lock).
func ReplaceDB(path, next, stamp string) (aside string, err error) {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(next, path); err != nil {
			return "", fmt.Errorf("move the restored database to %s: %w", path, err)
		}
		return "", syncDir(filepath.Dir(path))
	}
	aside, err = freeName(path+AsideSuffix+stamp, sidecars...)
	if err != nil {
		return "", err
	}
	linked := os.Link(path, aside) == nil
	if !linked {
		if err := os.Rename(path, aside); err != nil {
			return "", fmt.Errorf("move %s aside: %w", path, err)
		}
	}
	var moved []string
	undo := func() {
		for _, suffix := range moved {
			os.Rename(aside+suffix, path+suffix)
		}
		if linked {
			os.Remove(aside)
		} else {
			os.Rename(aside, path)
		}
	}
	for _, suffix := range sidecars {
		err := os.Rename(path+suffix, aside+suffix)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			undo()
			return "", fmt.Errorf("move %s aside: %w", path+suffix, err)
		}
		moved = append(moved, suffix)
	}
	if err := os.Rename(next, path); err != nil {
		undo()
		return "", fmt.Errorf("move the restored database to %s: %w", path, err)
	}
	return aside, syncDir(filepath.Dir(path))
}

// ReplaceDir puts the complete directory next in place of the directory
// dir, in the same parent. The current one, if any, is kept as aside (dir
// + AsideSuffix + stamp, made unique like ReplaceDB's); aside is "" when
// there was none.
func ReplaceDir(dir, next, stamp string) (aside string, err error) {
	if _, err := os.Lstat(dir); err == nil {
		if aside, err = freeName(dir + AsideSuffix + stamp); err != nil {
			return "", err
		}
		if err := os.Rename(dir, aside); err != nil {
			return "", fmt.Errorf("move %s aside: %w", dir, err)
		}
	}
	if err := os.Rename(next, dir); err != nil {
		if aside != "" {
			os.Rename(aside, dir)
		}
		return "", fmt.Errorf("move the restored files to %s: %w", dir, err)
	}
	return aside, syncDir(filepath.Dir(dir))
}

// freeName returns name, or name-2, name-3..., the first that exists
// neither alone nor with any of suffixes.
func freeName(name string, suffixes ...string) (string, error) {
	for i := 1; i < 1000; i++ {
		candidate := name
		if i > 1 {
			candidate += "-" + strconv.Itoa(i)
		}
		free := true
		for _, s := range append([]string{""}, suffixes...) {
			if _, err := os.Lstat(candidate + s); !errors.Is(err, fs.ErrNotExist) {
				free = false
				break
			}
		}
		if free {
			return candidate, nil
		}
	}
	return "", fmt.Errorf("no free name like %s", name)
}

// StageDB copies the database file src, and its -wal file if it has one
// (a copy of a stopped bot's files may hold the last transactions there),
// to a new hidden file in dir, synced to disk, and returns its path, for
// the caller to check and hand to ReplaceDB. The caller removes it (with
// RemoveDB) when it does not use it.
func StageDB(src, dir string) (string, error) {
	f, err := os.CreateTemp(dir, ".restore-*.db")
	if err != nil {
		return "", fmt.Errorf("create a temporary file in %s: %w", dir, err)
	}
	tmp := f.Name()
	f.Close()
	os.Remove(tmp)
	perm := fs.FileMode(0o600)
	if st, err := os.Stat(src); err == nil {
		perm = st.Mode().Perm()
	}
	if _, err := copyFile(src, tmp, perm); err != nil {
		RemoveDB(tmp)
		return "", err
	}
	if st, err := os.Stat(src + "-wal"); err == nil && st.Size() > 0 {
		if _, err := copyFile(src+"-wal", tmp+"-wal", perm); err != nil {
			RemoveDB(tmp)
			return "", err
		}
	}
	return tmp, nil
}

// RemoveDB removes the database file path and SQLite's -wal, -shm and
// -journal files beside it, ignoring errors.
func RemoveDB(path string) { removeDB(path) }
