// Package poll waits for a condition that no event announces, such as a
// log line or a database row: it looks again every few milliseconds until
// the condition holds or a deadline passes. Tests use it; where an event
// exists (the Bot API emulator's state), they wait on that instead
// (telegramtest.Server.WaitFor).
package poll

import "time"

// Every is how often Until looks.
const Every = 5 * time.Millisecond

// Until reports whether cond holds within d: it calls cond at once, then
// every Every until it returns true or d has passed.
func Until(d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	tick := time.NewTicker(Every)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		<-tick.C
	}
	return true
}
