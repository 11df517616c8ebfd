//go:build !faultinject

package main

import "github.com/tiprelay/tiprelay/internal/telegram"

// faultInject returns st unchanged. Builds with the faultinject tag replace
// it with a version that can be made to panic, for the fault tests.
func faultInject(st telegram.Stores) telegram.Stores { return st }
