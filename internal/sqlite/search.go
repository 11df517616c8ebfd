package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/tiprelay/tiprelay/internal/tip"
)

var _ tip.Searcher = (*SearchStore)(nil)

// SearchStore finds tips in the full-text index tips_fts (migration
// 0009_search): DB.IndexSearch adds new tips (0012), triggers follow
// edits and deletions.
type SearchStore struct {
	db *DB
}

// NewSearchStore returns a SearchStore backed by db.
func NewSearchStore(db *DB) *SearchStore { return &SearchStore{db: db} }

// Search returns up to q.Limit tips matching every term of q, highest
// number first, and how many match in all. With q.RelayedTo set, only the
// tips with a relay row to that chat count. The tips come without their
// message ids and attachments. A query without terms, or a Limit below 1,
// returns nothing.
func (s *SearchStore) Search(ctx context.Context, q tip.SearchQuery) (tip.SearchResult, error) {
	match := ftsMatch(q.Terms)
	if match == "" || q.Limit < 1 {
		return tip.SearchResult{}, nil
	}
	// Tips not indexed yet (the bot indexes when intake is idle) are
	// indexed first, so that the search sees every stored tip.
	err := s.db.inTx(ctx, func(tx querier) error {
		for {
			n, err := indexSearch(ctx, tx, 1000)
			if err != nil || n == 0 {
				return err
			}
		}
	})
	if err != nil {
		return tip.SearchResult{}, fmt.Errorf("search tips: index: %w", err)
	}
	// count(*) OVER () is computed over every match before LIMIT applies:
	// the page and the total in one pass over the index.
	query := `SELECT ` + prefixed("t.", tipColumns) + `, count(*) OVER ()
		FROM tips t WHERE t.id IN (SELECT docid FROM tips_fts WHERE tips_fts MATCH ?)`
	args := []any{match}
	if q.RelayedTo != 0 {
		query += ` AND EXISTS (SELECT 1 FROM outbox o WHERE o.tip_id = t.id
			AND o.purpose = 'relay' AND o.edit_of IS NULL AND o.target_chat_id = ?)`
		args = append(args, q.RelayedTo)
	}
	query += ` ORDER BY t.id DESC LIMIT ?`
	args = append(args, q.Limit)
	rows, err := s.db.conn().QueryContext(ctx, query, args...)
	if err != nil {
		return tip.SearchResult{}, fmt.Errorf("search tips: %w", err)
	}
	defer rows.Close()
	var (
		res tip.SearchResult
		r   tipRow
	)
	for rows.Next() {
		t, err := r.scan(withTotal{rows, &res.Total})
		if err != nil {
			return tip.SearchResult{}, fmt.Errorf("search tips: %w", err)
		}
		res.Tips = append(res.Tips, t)
	}
	if err := rows.Err(); err != nil {
		return tip.SearchResult{}, fmt.Errorf("search tips: %w", err)
	}
	return res, nil
}

// withTotal scans a row of tipColumns followed by the total count.
type withTotal struct {
	row   scanner
	total *int
}

func (w withTotal) Scan(dest ...any) error { return w.row.Scan(append(dest, w.total)...) }

// prefixed qualifies every column of a comma-separated list with p.
func prefixed(p, columns string) string {
	cols := strings.Split(columns, ",")
	for i, c := range cols {
		cols[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}

// ftsMatch renders terms as an FTS4 MATCH expression: each term a quoted
// phrase, the last word of a prefix term starred inside the quotes (FTS4
// syntax: "tps 17*"), terms separated by spaces, which FTS4 reads as AND.
// Terms hold only letters, digits and marks (tip.ParseSearch), so no
// quote, star, parenthesis or keyword typed by a person reaches the
// query as syntax; a keyword such as OR inside quotes is a plain word.
// It returns "" for no terms.
func ftsMatch(terms []tip.SearchTerm) string {
	var parts []string
	for _, t := range terms {
		if len(t.Words) == 0 {
			continue
		}
		p := strings.Join(t.Words, " ")
		if t.Prefix {
			p += "*"
		}
		parts = append(parts, `"`+p+`"`)
	}
	return strings.Join(parts, " ")
}
