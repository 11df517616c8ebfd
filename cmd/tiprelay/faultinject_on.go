//go:build faultinject

package main

import (
	"context"
	"strings"

	"github.com/tiprelay/tiprelay/internal/telegram"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// PanicMarker in a tip's text makes a faultinject build panic while
// storing that tip, after it was written, standing in for a bug in a
// handler. Only the fault tests build with this tag.
const PanicMarker = "TIPRELAY-FAULT-PANIC"

// faultInject wraps the tip store so that tips containing PanicMarker
// panic mid-transaction.
func faultInject(st telegram.Stores) telegram.Stores {
	st.Tips = panicking{st.Tips}
	return st
}

type panicking struct{ tip.TipStore }

func (p panicking) Create(ctx context.Context, t tip.Tip, c tip.Compose) (tip.Tip, bool, error) {
	stored, created, err := p.TipStore.Create(ctx, t, c)
	if strings.Contains(t.Text, PanicMarker) {
		panic("fault injection: " + PanicMarker)
	}
	return stored, created, err
}
