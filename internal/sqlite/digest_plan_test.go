package sqlite

import (
	"strings"
	"testing"
)

// TestDigestQueriesUseIndexes checks, on a database without statistics
// (tiprelay never runs ANALYZE), that no digest query scans a whole table:
// every one must stay fast however many tips and outbox rows accumulate.
func TestDigestQueriesUseIndexes(t *testing.T) {
	db := mustOpen(t)
	tests := []struct {
		name  string
		query string
		args  []any
	}{
		{"bounds", periodBounds, []any{1, 2}},
		{"tips", digestTipsQuery, []any{1, 2, 3, 4}},
		{"messages", digestMessagesQuery, []any{1, 2}},
		{"attachments", digestAttachmentsQuery, []any{1, 2}},
		{"relays", digestRelaysQuery, []any{1, 2}},
		{"count", countTipsQuery, []any{1, 2}},
		{"backlog", backlogQuery, []any{"relay"}},
		{"last run", lastRunQuery, nil},
		{"region bounds", regionBoundsQuery, []any{"badung", 1, 2}},
		{"region tips", regionTipsQuery, []any{"badung", 1, 2}},
		{"region count", regionCountQuery, []any{"badung", 1, 2}},
		{"region relays", regionRelaysQuery, []any{1, 2, -100, 0}},
		{"first statuses", firstStatusesQuery, []any{1, 2}},
		{"region first statuses", regionFirstStatusesQuery, []any{"badung", 1, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := queryPlan(t, db, tt.query, tt.args...)
			t.Logf("plan: %s", strings.Join(plan, "; "))
			// A region's tips are found by region, not by filtering every
			// region's tips of the period. Only the repeats of them are
			// found among the period's tips, since a repeat's own region
			// says nothing, in the two queries that read them.
			region := strings.HasPrefix(tt.name, "region")
			readsRepeats := tt.name == "region bounds" || tt.name == "region tips"
			for _, step := range plan {
				// A scan of a subquery's rows (a region's bounds over its
				// tips and their repeats) reads no table.
				if strings.HasPrefix(step, "SCAN ") && !strings.Contains(step, " USING ") && !strings.HasPrefix(step, "SCAN (subquery-") {
					t.Errorf("plan step %q scans a whole table", step)
				}
				if region && !readsRepeats && strings.Contains(step, "tips_created_at") {
					t.Errorf("plan step %q reads every region's tips", step)
				}
			}
			if readsRepeats && !strings.Contains(strings.Join(plan, "; "), "tips_region_created") {
				t.Errorf("plan %q does not find the region's tips by region", plan)
			}
		})
	}
}

// queryPlan returns the steps of SQLite's plan for query, one detail each.
func queryPlan(t *testing.T, db *DB, query string, args ...any) []string {
	t.Helper()
	rows, err := db.sql.Query("EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan
}
