package sqlite

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestFailingTargets(t *testing.T) {
	ctx := context.Background()
	s := NewOutboxStore(mustOpen(t))
	later := testNow.Add(time.Hour)
	steps := []struct {
		name      string
		do        func() (bool, error)
		wantFlag  bool
		wantState []tip.FailingTarget
	}{
		{"set a new chat", func() (bool, error) { return s.SetTargetFailing(ctx, -5, testNow, "bot was kicked") }, true,
			[]tip.FailingTarget{{ChatID: -5, Since: testNow, LastError: "bot was kicked"}}},
		{"set again keeps since, updates the error", func() (bool, error) { return s.SetTargetFailing(ctx, -5, later, "chat not found") }, false,
			[]tip.FailingTarget{{ChatID: -5, Since: testNow, LastError: "chat not found"}}},
		{"another chat lists by chat id", func() (bool, error) { return s.SetTargetFailing(ctx, -9, later, "forbidden") }, true,
			[]tip.FailingTarget{{ChatID: -9, Since: later, LastError: "forbidden"}, {ChatID: -5, Since: testNow, LastError: "chat not found"}}},
		{"clear a failing chat", func() (bool, error) { return s.ClearTargetFailing(ctx, -5) }, true,
			[]tip.FailingTarget{{ChatID: -9, Since: later, LastError: "forbidden"}}},
		{"clear it again", func() (bool, error) { return s.ClearTargetFailing(ctx, -5) }, false,
			[]tip.FailingTarget{{ChatID: -9, Since: later, LastError: "forbidden"}}},
		{"clear the last", func() (bool, error) { return s.ClearTargetFailing(ctx, -9) }, true, nil},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			flag, err := st.do()
			if err != nil {
				t.Fatal(err)
			}
			if flag != st.wantFlag {
				t.Errorf("result = %v, want %v", flag, st.wantFlag)
			}
			got, err := s.FailingTargets(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, st.wantState) {
				t.Errorf("FailingTargets = %+v, want %+v", got, st.wantState)
			}
		})
	}
}
