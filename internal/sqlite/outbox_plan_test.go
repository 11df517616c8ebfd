package sqlite

import (
	"context"
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := db.sql.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+tt.query, tt.args...)
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
			got := strings.Join(plan, "; ")
			if !strings.Contains(got, tt.want) || strings.Contains(got, "TEMP B-TREE") {
				t.Errorf("plan of %s = %q, want %q without a sort", tt.name, got, tt.want)
			}
		})
	}
}
