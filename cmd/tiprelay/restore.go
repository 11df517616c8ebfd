package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/backup"
	"github.com/tiprelay/tiprelay/internal/config"
	"github.com/tiprelay/tiprelay/internal/lockfile"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// runRestore implements `tiprelay restore FILE`: it puts a backup in
// place of the database at TIPRELAY_DB_PATH, and FILE.files/ in place of
// the files store when the backup has one. It refuses while a bot runs on
// the database, and holds the bot's lock meanwhile so that none starts.
// The backup is copied beside the database and checked there (PRAGMA
// integrity_check; a tiprelay database, not newer than this binary)
// before anything changes; the current database is kept as
// <db>.before-restore-<time> with its -wal and -shm files, the current
// files store likewise. It prints one line.
func runRestore(ctx context.Context, args []string, getenv func(string) string, stdout, _ io.Writer) error {
	fset := flag.NewFlagSet("restore", flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	cfg, err := config.LoadOffline(fset, flagsFirst(args), getenv)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, "Usage: tiprelay restore FILE [settings flags]")
		return err
	}
	if err != nil {
		return err
	}
	if fset.NArg() != 1 {
		return usageError("restore takes one argument, the backup to restore: tiprelay restore FILE")
	}
	src := fset.Arg(0)
	if err := checkRestoreSource(cfg, src); err != nil {
		return err
	}
	dir := filepath.Dir(cfg.DBPath)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("create directory %s: %w", dir, err)
	}
	lock, err := lockForRestore(ctx, cfg)
	if err != nil {
		return err
	}
	defer lock.Release() //nolint:errcheck // released at exit anyway
	staged, err := backup.StageDB(src, dir)
	if err != nil {
		return fmt.Errorf("copy %s: %w; nothing was changed", src, err)
	}
	info, err := sqlite.InspectCopy(ctx, staged, true)
	if err != nil {
		backup.RemoveDB(staged)
		return badBackup(src, err)
	}
	stamp := time.Now().Format("20060102-150405")
	files, err := stageFiles(cfg, src, stamp)
	if err != nil {
		backup.RemoveDB(staged)
		return err
	}
	var filesAside string
	if files.dir != "" {
		if filesAside, err = backup.ReplaceDir(cfg.FilesDir, files.dir, stamp); err != nil {
			backup.RemoveDB(staged)
			os.RemoveAll(files.dir)
			return fmt.Errorf("%w; the database was not changed", err)
		}
	}
	aside, err := backup.ReplaceDB(cfg.DBPath, staged, stamp)
	if err != nil {
		backup.RemoveDB(staged)
		if files.dir != "" {
			// Put the files store back as it was.
			if uerr := undoFiles(cfg, files.dir, filesAside); uerr != nil {
				return fmt.Errorf("%w; the files store was restored to %s and could not be put back: %v", err, cfg.FilesDir, uerr)
			}
		}
		return fmt.Errorf("%w; nothing was changed", err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "restored %s to %s: %d tips (last #%d), %s", src, cfg.DBPath, info.Tips, info.LastTip, size(info.Size))
	if info.Pending > 0 {
		fmt.Fprintf(&b, " (from an older version: the bot migrates it at start)")
	}
	if files.dir != "" {
		fmt.Fprintf(&b, ", %d files to %s", files.tree.Files, cfg.FilesDir)
	}
	if aside != "" {
		fmt.Fprintf(&b, "; the previous database is %s", aside)
	}
	if filesAside != "" {
		fmt.Fprintf(&b, ", the previous files store %s", filesAside)
	}
	fmt.Fprintln(stdout, b.String())
	return nil
}

// checkRestoreSource refuses a backup that is missing, not a file, or the
// database itself.
func checkRestoreSource(cfg config.Config, src string) error {
	st, err := os.Stat(src)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("no backup at %s", src)
	case err != nil:
		return fmt.Errorf("backup %s: %w", src, err)
	case !st.Mode().IsRegular():
		return fmt.Errorf("backup %s is not a file", src)
	}
	if db, err := os.Stat(cfg.DBPath); err == nil && os.SameFile(st, db) {
		return fmt.Errorf("%s is the database itself (TIPRELAY_DB_PATH)", src)
	}
	return nil
}

// lockForRestore takes the bot's lock (see botLockPath), so that no bot
// starts during the restore. A bot holding it is refused at once; a
// `tiprelay digest --send` that tests the lock holds it shared for an
// instant, so that refusal is retried for a second.
func lockForRestore(ctx context.Context, cfg config.Config) (*lockfile.Lock, error) {
	path := botLockPath(cfg)
	deadline := time.Now().Add(time.Second)
	for {
		lock, err := lockfile.Acquire(path)
		if !errors.Is(err, lockfile.ErrLocked) {
			return lock, err
		}
		if held, herr := lockfile.Held(path); (herr == nil && held) || time.Now().After(deadline) {
			return nil, fmt.Errorf("a bot is running on %s: stop it before restoring (nothing was changed)", cfg.DBPath)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// badBackup explains why the backup src cannot be restored.
func badBackup(src string, err error) error {
	switch {
	case errors.Is(err, sqlite.ErrNotTiprelay):
		return fmt.Errorf("%s: %w; nothing was changed", src, err)
	case errors.Is(err, tip.ErrSchemaTooNew):
		return fmt.Errorf("%s was written by a newer tiprelay (%w): restore it with that version; nothing was changed", src, err)
	case errors.Is(err, tip.ErrCorrupt):
		return fmt.Errorf("%s is damaged (%w); nothing was changed", src, err)
	}
	return fmt.Errorf("check %s: %w; nothing was changed", src, err)
}

// stagedFiles is a copy of a backup's files store beside the live one.
type stagedFiles struct {
	dir  string // "" when the backup has no files store
	tree backup.Tree
}

// stageFiles copies src.files/, if the backup has one, to a hidden
// directory beside the files store.
func stageFiles(cfg config.Config, src, stamp string) (stagedFiles, error) {
	from := src + ".files"
	st, err := os.Stat(from)
	if errors.Is(err, fs.ErrNotExist) {
		return stagedFiles{}, nil
	}
	if err != nil || !st.IsDir() {
		return stagedFiles{}, fmt.Errorf("%s is not a directory (%v); nothing was changed", from, err)
	}
	parent := filepath.Dir(cfg.FilesDir)
	if err := os.MkdirAll(parent, 0o750); err != nil {
		return stagedFiles{}, fmt.Errorf("create directory %s: %w", parent, err)
	}
	dir := filepath.Join(parent, "."+filepath.Base(cfg.FilesDir)+".restore-"+stamp)
	tree, err := backup.CopyTree(from, dir, false)
	if err != nil {
		return stagedFiles{}, fmt.Errorf("copy %s: %w; nothing was changed", from, err)
	}
	return stagedFiles{dir: dir, tree: tree}, nil
}

// undoFiles puts the files store back after its restore: the restored
// one goes back to staged (and is removed), the previous one, aside (if
// any), back to its place.
func undoFiles(cfg config.Config, staged, aside string) error {
	if err := os.Rename(cfg.FilesDir, staged); err != nil {
		return err
	}
	os.RemoveAll(staged)
	if aside == "" {
		return nil
	}
	return os.Rename(aside, cfg.FilesDir)
}
