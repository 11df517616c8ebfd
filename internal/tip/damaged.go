package tip

import "errors"

// ErrCorrupt is matched (errors.Is) by every store error caused by a
// damaged database file: SQLite reported the file malformed or not a
// database, or its integrity check failed. Unlike other storage errors it
// is not temporary: retrying cannot help, and the application stops.
var ErrCorrupt = errors.New("database is damaged")
