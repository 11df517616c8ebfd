//go:build faultinject

package main

import (
	"context"
	"strings"

	"github.com/tiprelay/tiprelay/internal/intake"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// PanicMarker in a tip's text makes a faultinject build panic while
// storing that tip, after it was written, standing in for a bug in a
// handler. Only the fault tests build with this tag.
const PanicMarker = "TIPRELAY-FAULT-PANIC"

// faultInject wraps the tip store of every transaction so that tips
// containing PanicMarker panic mid-transaction.
func faultInject(db intake.DB) intake.DB { return panickingDB{db} }

type panickingDB struct{ intake.DB }

func (p panickingDB) InTx(ctx context.Context, fn func(tx tip.Tx) error) error {
	return p.DB.InTx(ctx, func(tx tip.Tx) error { return fn(panickingTx{tx}) })
}

type panickingTx struct{ tip.Tx }

func (p panickingTx) Tips() tip.TipStore { return panicking{p.Tx.Tips()} }

type panicking struct{ tip.TipStore }

func (p panicking) Create(ctx context.Context, t tip.Tip, c tip.Compose) (tip.Tip, bool, error) {
	stored, created, err := p.TipStore.Create(ctx, t, c)
	if strings.Contains(t.Text, PanicMarker) {
		panic("fault injection: " + PanicMarker)
	}
	return stored, created, err
}
