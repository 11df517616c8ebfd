//go:build !faultinject

package main

import "github.com/tiprelay/tiprelay/internal/intake"

// faultInject returns db unchanged. Builds with the faultinject tag replace
// it with a version that can be made to panic, for the fault tests.
func faultInject(db intake.DB) intake.DB { return db }
