package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Lease leases one row (see LeaseMany) and reports whether it did.
func (s *OutboxStore) Lease(ctx context.Context, id int64, owner string, now, until time.Time) (bool, error) {
	got, err := s.LeaseMany(ctx, []int64{id}, owner, now, until)
	return got[id], err
}

// mustTwoProcesses opens the same database file twice, as two processes
// would, and returns an OutboxStore on each.
func mustTwoProcesses(t *testing.T) (a, b *OutboxStore) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tiprelay.db")
	return NewOutboxStore(mustOpenPath(t, path)), NewOutboxStore(mustOpenPath(t, path))
}

// mustEnqueueOne enqueues one text for chat and returns its id.
func mustEnqueueOne(t *testing.T, s *OutboxStore, chat int64) int64 {
	t.Helper()
	if err := s.Enqueue(context.Background(), text(chat, 0, "x")); err != nil {
		t.Fatal(err)
	}
	var id int64
	if err := s.db.sql.QueryRow("SELECT max(id) FROM outbox").Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestOutboxLeaseAcrossProcesses(t *testing.T) {
	ctx := context.Background()
	a, b := mustTwoProcesses(t)
	id := mustEnqueueOne(t, a, -1)
	at := func(d time.Duration) time.Time { return testNow.Add(d) }
	steps := []struct {
		name       string
		store      *OutboxStore
		owner      string
		now, until time.Time
		want       bool
	}{
		{"first owner leases", a, "a", at(0), at(30 * time.Second), true},
		{"other owner is refused while held", b, "b", at(10 * time.Second), at(40 * time.Second), false},
		{"owner renews", a, "a", at(20 * time.Second), at(60 * time.Second), true},
		{"other owner is refused before the renewed expiry", b, "b", at(59 * time.Second), at(90 * time.Second), false},
		{"other owner takes over at expiry", b, "b", at(60 * time.Second), at(90 * time.Second), true},
		{"former owner is refused", a, "a", at(61 * time.Second), at(90 * time.Second), false},
	}
	for _, st := range steps {
		got, err := st.store.Lease(ctx, id, st.owner, st.now, st.until)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got != st.want {
			t.Errorf("%s: Lease = %v, want %v", st.name, got, st.want)
		}
	}

	// A leased head is still due (NextAttempt ignores leases too, see
	// TestOutboxNextAttempt).
	if due, err := a.Due(ctx, testNow, 10); err != nil || len(due) != 1 || due[0].ID != id {
		t.Errorf("Due of a leased head = %v, %v; want the row", due, err)
	}

	if err := b.MarkSent(ctx, id, []int64{5}, at(70*time.Second)); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		id   int64
	}{{"sent row", id}, {"missing row", id + 100}} {
		if ok, err := a.Lease(ctx, tt.id, "a", at(time.Hour), at(2*time.Hour)); err != nil || ok {
			t.Errorf("Lease of a %s = %v, %v; want false, nil", tt.name, ok, err)
		}
	}
}

// TestOutboxLeaseMany: one call leases every free pending row and leaves
// out the rows another owner holds, sent rows and missing rows.
func TestOutboxLeaseMany(t *testing.T) {
	ctx := context.Background()
	a, b := mustTwoProcesses(t)
	free := mustEnqueueOne(t, a, -1)
	held := mustEnqueueOne(t, a, -2)
	sent := mustEnqueueOne(t, a, -3)
	own := mustEnqueueOne(t, a, -4)
	if ok, err := b.Lease(ctx, held, "b", testNow, testNow.Add(time.Minute)); err != nil || !ok {
		t.Fatalf("Lease by b = %v, %v", ok, err)
	}
	if ok, err := a.Lease(ctx, own, "a", testNow, testNow.Add(time.Minute)); err != nil || !ok {
		t.Fatalf("Lease by a = %v, %v", ok, err)
	}
	if err := a.MarkSent(ctx, sent, []int64{9}, testNow); err != nil {
		t.Fatal(err)
	}
	got, err := a.LeaseMany(ctx, []int64{free, held, sent, own, own + 100}, "a", testNow, testNow.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]bool{free: true, own: true}
	if len(got) != len(want) || !got[free] || !got[own] {
		t.Errorf("LeaseMany = %v, want %v", got, want)
	}
	if _, err := a.LeaseMany(ctx, []int64{free}, "", testNow, testNow); err == nil {
		t.Error("LeaseMany with an empty owner succeeded, want an error")
	}
}

// TestOutboxLeaseRace leases each row from two processes at once: exactly
// one of them must win every row.
func TestOutboxLeaseRace(t *testing.T) {
	ctx := context.Background()
	a, b := mustTwoProcesses(t)
	const rows = 20
	ids := make([]int64, rows)
	for i := range ids {
		ids[i] = mustEnqueueOne(t, a, int64(-1-i))
	}
	for _, id := range ids {
		var wg sync.WaitGroup
		won := make([]bool, 2)
		errs := make([]error, 2)
		for i, s := range []*OutboxStore{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				won[i], errs[i] = s.Lease(ctx, id, []string{"a", "b"}[i], testNow, testNow.Add(time.Minute))
			}()
		}
		wg.Wait()
		if errs[0] != nil || errs[1] != nil {
			t.Fatalf("row %d: Lease errors %v, %v", id, errs[0], errs[1])
		}
		if won[0] == won[1] {
			t.Errorf("row %d: leases won = %v, want exactly one", id, won)
		}
	}
}

func TestOutboxMarkEndsLease(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		mark func(s *OutboxStore, id int64) error
	}{
		{"MarkSent", func(s *OutboxStore, id int64) error { return s.MarkSent(ctx, id, []int64{1}, testNow) }},
		{"MarkSentMany", func(s *OutboxStore, id int64) error {
			return s.MarkSentMany(ctx, []int64{id}, []int64{1}, testNow)
		}},
		{"MarkRetry", func(s *OutboxStore, id int64) error { return s.MarkRetry(ctx, id, testNow, "timeout") }},
		{"MarkFailed", func(s *OutboxStore, id int64) error { return s.MarkFailed(ctx, id, "rejected") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewOutboxStore(mustOpen(t))
			id := mustEnqueueOne(t, s, -1)
			if ok, err := s.Lease(ctx, id, "a", testNow, testNow.Add(time.Hour)); err != nil || !ok {
				t.Fatalf("Lease = %v, %v; want true, nil", ok, err)
			}
			if err := tt.mark(s, id); err != nil {
				t.Fatal(err)
			}
			var owner sql.NullString
			var until sql.NullInt64
			if err := s.db.sql.QueryRow("SELECT lease_owner, lease_until FROM outbox WHERE id = ?", id).Scan(&owner, &until); err != nil {
				t.Fatal(err)
			}
			if owner.Valid || until.Valid {
				t.Errorf("after %s lease = %v until %v, want NULL", tt.name, owner, until)
			}
			m, err := s.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			// A row still pending can be leased by anyone at once.
			ok, err := s.Lease(ctx, id, "b", testNow, testNow.Add(time.Minute))
			if want := m.Status == tip.OutboxPending; err != nil || ok != want {
				t.Errorf("Lease by another owner after %s = %v, %v; want %v, nil", tt.name, ok, err, want)
			}
		})
	}
}
