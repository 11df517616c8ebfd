//go:build sqlite_fts5 || fts5

package sqlite

// requireFTS5 reports whether SQLite was built with FTS5, which the
// search index needs (see noFTS5): with this build tag it was.
func requireFTS5() error { return nil }
