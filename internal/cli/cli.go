// Package cli holds what tiprelay's commands share at their edge: how an
// error becomes one line on stderr and an exit code.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// UsageError is a wrong command line; it exits with code 2.
type UsageError string

func (e UsageError) Error() string { return string(e) }

// Classify maps an error of a command's own kind to an exit code and the
// text to print; ok is false for any other error.
type Classify func(err error) (code int, text string, ok bool)

// ExitCode reports err on stderr as "prog: text" and maps it to the
// process exit code: 0 for nil and flag.ErrHelp; what classify says for
// the errors it knows; 2 for a UsageError; 1 otherwise.
func ExitCode(prog string, err error, stderr io.Writer, classify Classify) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if classify != nil {
		if code, text, ok := classify(err); ok {
			fmt.Fprintf(stderr, "%s: %s\n", prog, text)
			return code
		}
	}
	var usage UsageError
	if errors.As(err, &usage) {
		fmt.Fprintf(stderr, "%s: %v\n", prog, usage)
		return 2
	}
	fmt.Fprintf(stderr, "%s: %v\n", prog, err)
	return 1
}
