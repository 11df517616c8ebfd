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
		{"Pending", pendingQuery, []any{-1, 0, 50}, "USING INDEX outbox_queue"},
		{"SentSince", sentSinceQuery, []any{0}, "USING INDEX outbox_sent"},
		{"PendingAcks", pendingAcksQuery, []any{"ack", "send_text", -1, 0, 50}, "USING INDEX outbox_queue"},
		{"answers due", answersDueQuery, []any{0, 50}, "USING INDEX outbox_pending_answer"},
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
// partial indexes once per chat, thread and head, the head in drain order
// (urgent first) included: no step reads the outbox row by row, so a long
// backlog costs no more than a short one. The statements Enqueue runs for
// urgency and superseded edits seek too.
func TestOutboxHeadsSeek(t *testing.T) {
	db := mustOpen(t)
	tests := []struct {
		name  string
		query string
		args  []any
		want  string
	}{
		{"Due", dueQuery, []any{0, 50}, "USING INDEX outbox_queue"},
		{"NextAttempt", nextAttemptQuery, []any{0, 0}, "USING INDEX outbox_queue"},
		{"answers due", answersDueQuery, []any{0, 50}, "outbox_pending_answer (next_attempt_at<?)"},
		{"inherit urgency", `SELECT 1 FROM outbox WHERE tip_id = ? AND status = 'pending' AND urgent = 1
			AND target_chat_id = ? AND target_thread_id = ? AND kind <> 'answer_callback'`, []any{1, -1, 0}, "SEARCH outbox"},
		{"supersede edits", `UPDATE outbox SET status = 'failed' WHERE edit_of = ? AND status = 'pending'
			AND edit_of IS NOT NULL AND id < ? AND kind IN ('edit_text', 'edit_caption') AND lease_owner IS NULL`,
			[]any{1, 2}, "USING INDEX outbox_pending_edit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := queryPlan(t, db, tt.query, tt.args...)
			for _, step := range plan {
				if strings.HasPrefix(step, "SCAN outbox") {
					t.Errorf("plan of %s has %q, want only seeks: %s", tt.name, step, strings.Join(plan, "; "))
				}
			}
			if got := strings.Join(plan, "; "); !strings.Contains(got, tt.want) {
				t.Errorf("plan of %s = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}
