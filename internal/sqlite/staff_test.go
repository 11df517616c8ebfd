package sqlite

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestStaffAndAudit(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	s, log := NewStaffStore(db), NewAuditLog(db)
	t0 := testNow
	steps := []struct {
		name   string
		do     func() (bool, error)
		wantOK bool
	}{
		{"add 42", func() (bool, error) { return s.AddStaff(ctx, 42, 1, t0) }, true},
		{"add 42 again", func() (bool, error) { return s.AddStaff(ctx, 42, 1, t0.Add(time.Second)) }, false},
		{"add 7", func() (bool, error) { return s.AddStaff(ctx, 7, 2, t0.Add(2*time.Second)) }, true},
		{"remove 42", func() (bool, error) { return s.RemoveStaff(ctx, 42, 2, t0.Add(3*time.Second)) }, true},
		{"remove 42 again", func() (bool, error) { return s.RemoveStaff(ctx, 42, 2, t0.Add(4*time.Second)) }, false},
	}
	for _, st := range steps {
		got, err := st.do()
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got != st.wantOK {
			t.Errorf("%s: got %v, want %v", st.name, got, st.wantOK)
		}
	}

	for _, tt := range []struct {
		user int64
		want bool
	}{{42, false}, {7, true}, {99, false}} {
		if got, err := s.IsStaff(ctx, tt.user); err != nil || got != tt.want {
			t.Errorf("IsStaff(%d) = %v, %v; want %v, nil", tt.user, got, err, tt.want)
		}
	}
	list, err := s.ListStaff(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := []tip.StaffMember{{UserID: 7, AddedBy: 2, AddedAt: t0.Add(2 * time.Second)}}; !reflect.DeepEqual(list, want) {
		t.Errorf("ListStaff = %+v, want %+v", list, want)
	}

	if err := log.Audit(ctx, tip.AuditEntry{ActorID: 1, Action: "config", Detail: "reload"}); err != nil {
		t.Fatal(err)
	}
	got, err := log.AuditEntries(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []tip.AuditEntry{
		{ID: 4, At: testNow, ActorID: 1, Action: "config", Detail: "reload"},
		{ID: 3, At: t0.Add(3 * time.Second), ActorID: 2, Action: ActionStaffRemove, Subject: "42"},
		{ID: 2, At: t0.Add(2 * time.Second), ActorID: 2, Action: ActionStaffAdd, Subject: "7"},
		{ID: 1, At: t0, ActorID: 1, Action: ActionStaffAdd, Subject: "42"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("AuditEntries =\n%+v\nwant\n%+v", got, want)
	}
	if got, _ := log.AuditEntries(ctx, 1); len(got) != 1 || got[0].ID != 4 {
		t.Errorf("AuditEntries(limit 1) = %+v, want only entry 4", got)
	}
}
