package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"testing"
)

func TestExitCode(t *testing.T) {
	special := errors.New("targets missed")
	classify := func(err error) (int, string, bool) {
		if errors.Is(err, special) {
			return 3, "missed: " + err.Error(), true
		}
		return 0, "", false
	}
	tests := []struct {
		name     string
		err      error
		wantCode int
		wantOut  string
	}{
		{"success", nil, 0, ""},
		{"help", flag.ErrHelp, 0, ""},
		{"usage", UsageError("unknown command \"x\""), 2, "prog: unknown command \"x\"\n"},
		{"wrapped usage", fmt.Errorf("parse: %w", UsageError("bad flag")), 2, "prog: bad flag\n"},
		{"classified", fmt.Errorf("run: %w", special), 3, "prog: missed: run: targets missed\n"},
		{"other", errors.New("disk full"), 1, "prog: disk full\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			if got := ExitCode("prog", tt.err, &out, classify); got != tt.wantCode || out.String() != tt.wantOut {
				t.Errorf("got %d %q, want %d %q", got, out.String(), tt.wantCode, tt.wantOut)
			}
		})
	}
}
