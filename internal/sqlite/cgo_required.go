//go:build !cgo

package sqlite

// tiprelay stores everything in SQLite through github.com/mattn/go-sqlite3,
// a cgo package: it cannot be built with CGO_ENABLED=0. This file turns the
// go-sqlite3 stubs' puzzling errors into one that names the fix.
var _ = tiprelay_needs_cgo_install_gcc_and_build_with_CGO_ENABLED_1
