package sqlite

// noFTS5 is what Open returns from a binary built without FTS5 (see
// requireFTS5 in fts5_missing.go). mattn/go-sqlite3 compiles SQLite's
// FTS5 only with the build tag sqlite_fts5 (or fts5), and the search
// index (migration 0014) is an FTS5 table: without the tag the migration
// would fail on "no such module: fts5", after the earlier migrations
// changed the file. This names the fix instead, before the file is
// touched.
const noFTS5 = "this tiprelay was built without -tags sqlite_fts5, and the search index needs SQLite's FTS5: " +
	"build it with go build -tags sqlite_fts5 ./cmd/tiprelay (go run and go test take the same -tags sqlite_fts5)"
