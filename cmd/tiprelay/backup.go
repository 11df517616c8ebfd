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

	"github.com/tiprelay/tiprelay/internal/backup"
	"github.com/tiprelay/tiprelay/internal/config"
	"github.com/tiprelay/tiprelay/internal/sqlite"
)

// runBackup implements `tiprelay backup FILE [--with-files] [--force]`: a
// consistent copy of the database, made in one step while the bot runs
// (VACUUM INTO: one read transaction, which never blocks the bot's
// writes), checked with quick_check, synced and only then given the name
// FILE. With --with-files the files store (TIPRELAY_FILES_DIR) is copied
// to FILE.files/ after the database, by hard links where the file system
// allows. An existing FILE or FILE.files/ is refused without --force. It
// reads the database only and needs no token.
func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout, _ io.Writer) error {
	fset := flag.NewFlagSet("backup", flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	withFiles := fset.Bool("with-files", false, "also copy the files store to FILE.files/")
	force := fset.Bool("force", false, "replace an existing FILE (and FILE.files/)")
	cfg, err := config.LoadOffline(fset, flagsFirst(args, "with-files", "force"), getenv)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, "Usage: tiprelay backup FILE [--with-files] [--force] [settings flags]")
		return err
	}
	if err != nil {
		return err
	}
	if fset.NArg() != 1 {
		return usageError("backup takes one argument, the file to write: tiprelay backup FILE [--with-files] [--force]")
	}
	dest := fset.Arg(0)
	filesDest := dest + ".files"
	if err := checkBackupDest(cfg, dest); err != nil {
		return err
	}
	if *withFiles && !*force {
		if _, err := os.Lstat(filesDest); err == nil {
			return fmt.Errorf("%s exists: use --force to replace it", filesDest)
		}
	}
	db, err := openExisting(ctx, cfg.DBPath)
	if err != nil {
		return err
	}
	defer db.Close()
	var info sqlite.CopyInfo
	err = backup.CreateFile(dest, *force, func(tmp string) error {
		if err := db.VacuumInto(ctx, tmp); err != nil {
			return err
		}
		info, err = sqlite.InspectCopy(ctx, tmp, false)
		if err != nil {
			return fmt.Errorf("check the copy: %w", err)
		}
		return nil
	})
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s exists: use --force to replace it", dest)
	}
	if err != nil {
		return fmt.Errorf("back up %s: %w", cfg.DBPath, err)
	}
	fmt.Fprintf(stdout, "wrote %s: %s, %d tips (last #%d)\n", dest, size(info.Size), info.Tips, info.LastTip)
	if !*withFiles {
		return nil
	}
	if _, err := os.Stat(cfg.FilesDir); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stdout, "no files store at %s (TIPRELAY_FILES_DIR): no file copied\n", cfg.FilesDir)
		return nil
	}
	tree, err := backup.CopyTree(cfg.FilesDir, filesDest, *force)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s exists: use --force to replace it", filesDest)
	}
	if err != nil {
		return fmt.Errorf("copy the files store: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s/: %d files, %s (%d hard links, %d copies)%s\n", filesDest, tree.Files,
		size(tree.Bytes), tree.Linked, tree.Files-tree.Linked, skipped(tree.Skipped))
	return nil
}

// checkBackupDest refuses a destination that is the database itself or
// one of its files, or whose directory is missing.
func checkBackupDest(cfg config.Config, dest string) error {
	if st, err := os.Stat(filepath.Dir(dest)); err != nil || !st.IsDir() {
		return fmt.Errorf("directory %s does not exist", filepath.Dir(dest))
	}
	d, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	for _, suffix := range []string{"", "-wal", "-shm", "-journal", ".lock"} {
		p, err := filepath.Abs(cfg.DBPath + suffix)
		if err != nil {
			return err
		}
		same := p == d
		if a, errA := os.Stat(p); errA == nil {
			if b, errB := os.Stat(d); errB == nil && os.SameFile(a, b) {
				same = true
			}
		}
		if same {
			return fmt.Errorf("%s is the database's own file (TIPRELAY_DB_PATH is %s): write the backup elsewhere", dest, cfg.DBPath)
		}
	}
	return nil
}

// size formats a number of bytes for people.
func size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// skipped says how many entries of the files store were not copied.
func skipped(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("; %d entries that are not regular files skipped", n)
}
