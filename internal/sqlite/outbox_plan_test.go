package sqlite

import (
	"strings"
	"testing"
)

// TestOutboxQueryPlans checks that the queries run on every send walk the
// partial indexes instead of scanning the table of all messages ever sent.
func TestOutboxQueryPlans(t *testing.T) {
	db := mustOpen(t)
	tests := []struct {
		name  string
		query string
		args  []any
		want  string
	}{
		{"Pending", pendingQuery, []any{-1, 0, 50}, "USING INDEX outbox_pending"},
		{"SentSince", sentSinceQuery, []any{0}, "USING INDEX outbox_sent"},
		{"PendingAcks", pendingAcksQuery, []any{"ack", "send_text", -1, 0, 50}, "USING INDEX outbox_pending"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := queryPlan(t, db, tt.query, tt.args...)
			got := strings.Join(plan, "; ")
			if !strings.Contains(got, tt.want) || strings.Contains(got, "TEMP B-TREE") {
				t.Errorf("plan of %s = %q, want %q without a sort", tt.name, got, tt.want)
			}
		})
	}
}

// TestOutboxHeadsSeek checks that finding each target's head seeks the
// partial index once per chat, thread and head: no step reads the outbox
// row by row, so a long backlog costs no more than a short one.
func TestOutboxHeadsSeek(t *testing.T) {
	db := mustOpen(t)
	tests := []struct {
		name  string
		query string
		args  []any
	}{
		{"Due", dueQuery, []any{0, 50}},
		{"NextAttempt", nextAttemptQuery, []any{0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := queryPlan(t, db, tt.query, tt.args...)
			for _, step := range plan {
				if strings.HasPrefix(step, "SCAN outbox") {
					t.Errorf("plan of %s has %q, want only seeks: %s", tt.name, step, strings.Join(plan, "; "))
				}
			}
		})
	}
}
