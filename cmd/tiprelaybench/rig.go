package main

import (
	"context"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// rig is one measurement set-up: a fresh emulator with the police group,
// the tap in front of it, and the process under test.
type rig struct {
	srv   *telegramtest.Server
	tap   *tapServer
	child *child
}

// newRig starts an emulator with the police group registered.
func newRig() *rig {
	r := &rig{srv: telegramtest.NewServer(benchToken)}
	addGroup(r.srv)
	return r
}

// listen starts the tap, which reports every answered call to observe;
// its URL is the API URL to give the process under test.
func (r *rig) listen(observe func(answer)) string {
	r.tap = newTap(r.srv, observe)
	return r.tap.URL
}

// start runs the process under test and waits until it polls getUpdates.
func (r *rig) start(ctx context.Context, name, bin string, args, env []string, dir string) error {
	c, err := startChild(name, bin, args, env, dir)
	if err != nil {
		return err
	}
	r.child = c
	return c.waitReady(ctx, r.srv, startupTimeout)
}

// close kills the process if it still runs and stops the servers.
func (r *rig) close() {
	if r.child != nil {
		r.child.kill()
	}
	r.srv.Close() // ends pending long polls, so the tap can close
	if r.tap != nil {
		r.tap.Close()
	}
}
