package config

import (
	"errors"
	"strings"
)

// Errors is every problem Load or Validate found, in a stable order. Its
// message has one line per problem. A caller detects a configuration error,
// as opposed to flag.ErrHelp, with errors.As:
//
//	var cerr config.Errors
//	if errors.As(err, &cerr) { /* print err, exit 2 */ }
//
// errors.Is and errors.As also look into each problem, so
// errors.Is(err, config.ErrRequired) reports a missing required setting.
type Errors []error

// Error returns the problems one per line.
func (e Errors) Error() string {
	lines := make([]string, len(e))
	for i, err := range e {
		lines[i] = err.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the problems, for errors.Is and errors.As.
func (e Errors) Unwrap() []error { return e }

// FieldError is one problem with one setting.
type FieldError struct {
	// Env is the environment variable that names the setting, e.g.
	// TIPRELAY_STAFF_IDS, whichever source the value came from.
	Env string
	// Source says where the value came from when not from Env itself:
	// "default", "--staff-ids", "staff_ids in /etc/tiprelay.yaml" or
	// "read from TIPRELAY_BOT_TOKEN_FILE"; empty for the environment.
	Source string
	// Err is the problem.
	Err error
}

// Error returns "ENV: problem", "ENV (from source): problem", or
// "ENV is required..." for problems that read as the rest of a sentence.
func (e *FieldError) Error() string {
	name := e.Env
	if e.Source != "" {
		name += " (" + e.Source + ")"
	}
	msg := e.Err.Error()
	var c clause
	if errors.As(e.Err, &c) && strings.HasPrefix(msg, string(c)) {
		return name + " " + msg
	}
	return name + ": " + msg
}

// Unwrap returns the problem.
func (e *FieldError) Unwrap() error { return e.Err }

// clause is a problem that reads as the predicate of a sentence whose
// subject is the setting, such as "is required".
type clause string

func (c clause) Error() string { return string(c) }

// ErrRequired is the problem of a required setting that has no value.
var ErrRequired error = clause("is required")

// errBadToken is the problem of a token that cannot be from BotFather. It
// never quotes the token.
var errBadToken error = clause("does not look like a bot token from BotFather, which has the shape 123456789:AAF... (the bot's numeric id, a colon, then about 35 letters, digits, _ or -)")

// add appends err to errs, flattening Errors.
func (e *Errors) add(err error) {
	if err == nil {
		return
	}
	if many, ok := err.(Errors); ok {
		for _, one := range many {
			e.add(one)
		}
		return
	}
	*e = append(*e, err)
}

// field wraps every problem in err as a FieldError of env and source.
func field(env, source string, err error) Errors {
	var out, in Errors
	in.add(err)
	for _, one := range in {
		out = append(out, &FieldError{Env: env, Source: source, Err: one})
	}
	return out
}

// orNil returns e, or nil if it holds no problem.
func (e Errors) orNil() error {
	if len(e) == 0 {
		return nil
	}
	return e
}
