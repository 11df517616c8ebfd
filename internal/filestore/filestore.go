// Package filestore is tiprelay's content-addressed store of evidence
// files (TIPRELAY_FILES_DIR): a file whose SHA-256 is abcd… lives at
// sha256/ab/cd/abcd… under the store's directory. A file is written to a
// temporary file in the store's directory, synced, and renamed into place,
// and the directory is synced, so that a crash leaves either the whole
// file or none under its name. Storing the same content twice is a no-op.
package filestore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
)

// tempPattern names the temporary files Put writes; one left by a crash
// is never read and may be removed.
const tempPattern = ".put-*"

// Store is a content-addressed store rooted at a directory. It is safe for
// concurrent use, by several processes too.
type Store struct {
	dir string
}

// New returns the store rooted at dir; the directory is created by the
// first Put.
func New(dir string) *Store { return &Store{dir: dir} }

// Dir returns the store's root directory.
func (s *Store) Dir() string { return s.dir }

// validHash reports whether h is a lower-case hex SHA-256.
func validHash(h string) bool {
	if len(h) != sha256.Size*2 {
		return false
	}
	for _, c := range h {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// Path returns where the file of hash h lives (sha256/ab/cd/h), or "" when
// h is not a lower-case hex SHA-256. The file need not exist.
func (s *Store) Path(h string) string {
	if !validHash(h) {
		return ""
	}
	return filepath.Join(s.dir, "sha256", h[0:2], h[2:4], h)
}

// Open opens the file of hash h for reading. The error wraps
// fs.ErrNotExist when the store does not hold it.
func (s *Store) Open(h string) (*os.File, error) {
	p := s.Path(h)
	if p == "" {
		return nil, fmt.Errorf("open stored file %q: not a sha256", h)
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("open stored file: %w", err)
	}
	return f, nil
}

// Put stores what r yields and returns its SHA-256 (lower-case hex) and
// size. When the store already holds that content, the new copy is
// discarded. Put stops with ctx's error when ctx ends while reading; the
// temporary file is then removed.
func (s *Store) Put(ctx context.Context, r io.Reader) (sum string, size int64, err error) {
	if err := os.MkdirAll(s.dir, 0o750); err != nil {
		return "", 0, fmt.Errorf("store file: %w", err)
	}
	tmp, err := os.CreateTemp(s.dir, tempPattern)
	if err != nil {
		return "", 0, fmt.Errorf("store file: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := sha256.New()
	size, err = io.Copy(io.MultiWriter(tmp, h), ctxReader{ctx: ctx, r: r})
	if err != nil {
		return "", 0, fmt.Errorf("store file: %w", err)
	}
	sum = hexSum(h)
	if err := tmp.Sync(); err != nil {
		return "", 0, fmt.Errorf("store file %s: sync: %w", sum, err)
	}
	if err := tmp.Close(); err != nil {
		return "", 0, fmt.Errorf("store file %s: %w", sum, err)
	}
	final := s.Path(sum)
	if _, serr := os.Stat(final); serr == nil {
		// Already stored: same name, same content.
		os.Remove(tmp.Name())
		return sum, size, nil
	}
	if err := s.mkdirs(sum); err != nil {
		return "", 0, fmt.Errorf("store file %s: %w", sum, err)
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return "", 0, fmt.Errorf("store file %s: %w", sum, err)
	}
	if err := syncDir(filepath.Dir(final)); err != nil {
		return "", 0, fmt.Errorf("store file %s: %w", sum, err)
	}
	return sum, size, nil
}

// mkdirs creates sha256/ab/cd for hash h, syncing the parent of each
// directory it creates so that the new entry survives a crash.
func (s *Store) mkdirs(h string) error {
	dir := s.dir
	for _, part := range []string{"sha256", h[0:2], h[2:4]} {
		next := filepath.Join(dir, part)
		err := os.Mkdir(next, 0o750)
		switch {
		case err == nil:
			if err := syncDir(dir); err != nil {
				return err
			}
		case !errors.Is(err, os.ErrExist):
			return err
		}
		dir = next
	}
	return nil
}

// syncDir fsyncs directory dir, making the names in it durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

func hexSum(h hash.Hash) string { return hex.EncodeToString(h.Sum(nil)) }

// ctxReader ends a read once ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
