//go:build race

package phash

// raceEnabled reports whether the tests run under the race detector, which
// makes image drawing about twenty times slower.
const raceEnabled = true
