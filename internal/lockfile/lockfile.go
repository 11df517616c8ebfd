// Package lockfile holds advisory locks on files with flock(2). The
// operating system releases such a lock when the process ends, however it
// ends (SIGKILL included), so a lock left behind never needs cleaning up.
//
// tiprelay uses one to tell whether a bot is running on a database: a
// second bot on the same file refuses to start, and `tiprelay digest
// --send` leaves its messages to the running bot, whose pacing then covers
// every send.
package lockfile

import "errors"

// ErrLocked means another process holds the lock.
var ErrLocked = errors.New("locked by another process")
