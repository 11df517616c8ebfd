package main

import (
	"slices"
	"testing"
)

func TestFlagsFirst(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"flags only", []string{"--force"}, []string{"--force"}},
		{"file first", []string{"b.db", "--with-files", "--force"}, []string{"--with-files", "--force", "--", "b.db"}},
		{"a setting's value is not the file", []string{"--db-path", "x.db", "b.db"}, []string{"--db-path", "x.db", "--", "b.db"}},
		{"name=value", []string{"b.db", "--db-path=x.db"}, []string{"--db-path=x.db", "--", "b.db"}},
		{"a file that looks like a flag after --", []string{"--force", "--", "-b.db"}, []string{"--force", "--", "-b.db"}},
		{"help", []string{"b.db", "-h"}, []string{"-h", "--", "b.db"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := flagsFirst(tt.args, "with-files", "force"); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
