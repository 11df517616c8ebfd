package main

import (
	"slices"
	"strings"
)

// flagsFirst moves the positional arguments of a command line after its
// flags, so that `tiprelay backup FILE --with-files` works like `tiprelay
// backup --with-files FILE` (package flag stops at the first positional
// argument). Every flag takes a value ("--db-path X" or "--db-path=X")
// except those named in bools and -h/--help; "--" ends the flags.
func flagsFirst(args []string, bools ...string) []string {
	var flags, positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if hasValue || name == "h" || name == "help" || slices.Contains(bools, name) {
			continue
		}
		if i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	if len(positional) == 0 {
		return flags
	}
	return append(append(flags, "--"), positional...)
}
