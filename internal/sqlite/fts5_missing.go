//go:build !sqlite_fts5 && !fts5

package sqlite

import "errors"

// requireFTS5 reports that this build has no FTS5 (see noFTS5).
func requireFTS5() error { return errors.New(noFTS5) }
