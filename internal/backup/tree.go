package backup

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Tree counts what CopyTree copied.
type Tree struct {
	// Files is the number of regular files copied, Bytes their size.
	Files int
	Bytes int64
	// Linked is how many of the files are hard links to the source's
	// (the rest are copies).
	Linked int
	// Skipped counts entries that are neither a directory nor a regular
	// file (symbolic links, sockets): they are not copied.
	Skipped int
}

// CopyTree copies the directory tree src to dst: its directories and
// regular files, each file as a hard link to the source's where the file
// system allows (same file system), else as a copy synced to disk. Hard
// links are safe because the files store is content-addressed: a file is
// named after its SHA-256 and never changed in place, only added. The tree
// is built in a hidden directory beside dst and renamed to dst once
// complete, so dst is either absent or whole. Without overwrite an
// existing dst is an error wrapping fs.ErrExist and nothing is copied; with
// it, the old dst is replaced once the new one is complete.
func CopyTree(src, dst string, overwrite bool) (Tree, error) {
	var t Tree
	if st, err := os.Stat(src); err != nil {
		return t, fmt.Errorf("copy %s: %w", src, err)
	} else if !st.IsDir() {
		return t, fmt.Errorf("copy %s: not a directory", src)
	}
	if !overwrite {
		if err := notExists(dst); err != nil {
			return t, err
		}
	}
	parent := filepath.Dir(dst)
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dst)+".tmp-*")
	if err != nil {
		return t, fmt.Errorf("create a temporary directory beside %s: %w", dst, err)
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(tmp)
		}
	}()
	c := copier{link: true}
	var dirs []string
	err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(tmp, rel)
		switch {
		case d.IsDir():
			info, err := d.Info()
			if err != nil {
				return err
			}
			mkdir := os.Mkdir
			if rel == "." {
				mkdir = os.Chmod // made by MkdirTemp, mode 0700
			}
			if err := mkdir(target, info.Mode().Perm()|0o700); err != nil {
				return err
			}
			dirs = append(dirs, target)
		case d.Type().IsRegular():
			n, linked, err := c.file(path, target)
			if err != nil {
				return err
			}
			t.Files++
			t.Bytes += n
			if linked {
				t.Linked++
			}
		default:
			t.Skipped++
		}
		return nil
	})
	if err != nil {
		return t, fmt.Errorf("copy %s: %w", src, err)
	}
	for _, d := range dirs {
		if err := syncDir(d); err != nil {
			return t, err
		}
	}
	if err := place(tmp, dst, overwrite); err != nil {
		return t, err
	}
	done = true
	return t, syncDir(parent)
}

// place renames the complete directory tmp to dst; with overwrite an
// existing dst is moved out of the way first and removed after.
func place(tmp, dst string, overwrite bool) error {
	old := ""
	if overwrite {
		if _, err := os.Lstat(dst); err == nil {
			old = tmp + ".old"
			if err := os.Rename(dst, old); err != nil {
				return fmt.Errorf("replace %s: %w", dst, err)
			}
		}
	}
	if err := os.Rename(tmp, dst); err != nil {
		if old != "" {
			os.Rename(old, dst)
		}
		if errors.Is(err, fs.ErrExist) || errors.Is(err, syscall.ENOTEMPTY) {
			return fmt.Errorf("%s exists: %w", dst, fs.ErrExist)
		}
		return fmt.Errorf("move the copy to %s: %w", dst, err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("remove the replaced %s: %w", dst, err)
		}
	}
	return nil
}

// copier copies files, by hard link until the file system refuses one.
type copier struct {
	link bool
}

// file makes dst a hard link to src, or a copy of it, and returns its
// size and whether it is a link.
func (c *copier) file(src, dst string) (int64, bool, error) {
	info, err := os.Stat(src)
	if err != nil {
		return 0, false, err
	}
	if c.link {
		err := os.Link(src, dst)
		if err == nil {
			return info.Size(), true, nil
		}
		// Another file system (EXDEV), or one without hard links: copy
		// this file and every later one.
		if errors.Is(err, fs.ErrExist) {
			return 0, false, err
		}
		c.link = false
	}
	n, err := copyFile(src, dst, info.Mode().Perm())
	return n, false, err
}

// copyFile copies the file src to the new file dst with mode perm and
// syncs it.
func copyFile(src, dst string, perm fs.FileMode) (int64, error) {
	in, err := os.Open(src)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, fmt.Errorf("copy %s: %w", src, err)
	}
	return n, nil
}
