package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/tiprelay/tiprelay/internal/sqlite"
)

// openExisting opens the database at path for a command that reads or
// copies it (printing a digest, export, backup). A missing file is an
// error that names the setting: such a command never creates an empty
// database and reports on it.
func openExisting(ctx context.Context, path string) (*sqlite.DB, error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("no database at %s: start the bot first, or set TIPRELAY_DB_PATH to the bot's database", path)
	case err != nil:
		return nil, fmt.Errorf("database %s: %w", path, err)
	case info.IsDir():
		return nil, fmt.Errorf("%s is a directory, not a database file (TIPRELAY_DB_PATH)", path)
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return db, nil
}
