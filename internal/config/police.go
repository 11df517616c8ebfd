package config

import (
	"fmt"
	"strings"
	"time"
)

// MinEscalateAfter is the shortest TIPRELAY_ESCALATE_AFTER: a reminder
// sooner would only add to the group's 20 messages a minute.
const MinEscalateAfter = time.Minute

// parseEscalateAfter reads TIPRELAY_ESCALATE_AFTER: "off" is 0, anything
// else a Go duration of at least MinEscalateAfter.
func parseEscalateAfter(v string) (time.Duration, error) {
	v = strings.TrimSpace(v)
	if strings.EqualFold(v, "off") {
		return 0, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration such as 30m or 1h, or off", v)
	}
	if err := checkEscalateAfter(d); err != nil {
		return 0, err
	}
	return d, nil
}

// checkEscalateAfter accepts a duration of at least MinEscalateAfter.
func checkEscalateAfter(d time.Duration) error {
	if d < MinEscalateAfter {
		return fmt.Errorf("%s is shorter than %s: use at least %[2]s, or off", shortDuration(d), shortDuration(MinEscalateAfter))
	}
	return nil
}

// escalateString formats TIPRELAY_ESCALATE_AFTER as parseEscalateAfter
// reads it.
func escalateString(d time.Duration) string {
	if d == 0 {
		return "off"
	}
	return shortDuration(d)
}

// validatePolice checks the settings of police statuses, questions and
// reminders, reporting each problem with bad.
func (c Config) validatePolice(bad func(env string, err error)) {
	if c.EscalateAfter != 0 {
		if err := checkEscalateAfter(c.EscalateAfter); err != nil {
			bad("TIPRELAY_ESCALATE_AFTER", err)
		}
	}
}
