//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package lockfile

// Lock is a held lock; Release gives it up. On this platform there is no
// flock(2): Acquire always succeeds and Held always reports false, so a
// second bot on one database is not detected.
type Lock struct{}

// Acquire pretends to take the lock on path (see Lock).
func Acquire(path string) (*Lock, error) { return &Lock{}, nil }

// Release does nothing.
func (l *Lock) Release() error { return nil }

// Held reports false (see Lock).
func Held(path string) (bool, error) { return false, nil }
