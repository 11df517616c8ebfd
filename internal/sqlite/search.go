package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/tiprelay/tiprelay/internal/tip"
)

var _ tip.Searcher = (*SearchStore)(nil)

// SearchStore finds tips in the full-text index tips_fts (FTS5 trigram,
// migration 0014): DB.IndexSearch adds new tips and re-indexes changed
// ones, a trigger removes deleted ones. It also keeps the searches whose
// results have several pages (searches.go).
type SearchStore struct {
	db *DB
}

// NewSearchStore returns a SearchStore backed by db.
func NewSearchStore(db *DB) *SearchStore { return &SearchStore{db: db} }

// Search returns up to q.Limit tips matching every term of q, highest
// number first, after skipping the q.Offset highest, and how many match
// in all, counted up to tip.MaxSearchCount (Capped beyond). With
// q.RelayedTo set, only the tips with a relay row to that chat count.
// The tips come without their message ids and attachments. A query
// without terms, or a Limit below 1, returns nothing.
//
// The page and the count are two walks of the index from the newest
// match, and each stops early: the page after Offset+Limit matches, the
// count at tip.MaxSearchCount. (count(*) OVER () would walk every match
// of a common word, and `tips.id IN (SELECT rowid ...)` would collect
// them all before ordering.)
func (s *SearchStore) Search(ctx context.Context, q tip.SearchQuery) (tip.SearchResult, error) {
	match := ftsMatch(q.Terms)
	if match == "" || q.Limit < 1 {
		return tip.SearchResult{}, nil
	}
	// Tips not indexed yet (the bot indexes when intake is idle) are
	// indexed first, so that the search sees every stored tip as it is.
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
	matches := `SELECT rowid AS id FROM tips_fts WHERE tips_fts MATCH ?`
	args := []any{match}
	if q.RelayedTo != 0 {
		matches += ` AND EXISTS (SELECT 1 FROM outbox o WHERE o.tip_id = tips_fts.rowid
			AND o.purpose = 'relay' AND o.edit_of IS NULL AND o.target_chat_id = ?)`
		args = append(args, q.RelayedTo)
	}
	var res tip.SearchResult
	err = s.db.conn().QueryRowContext(ctx, `SELECT count(*) FROM (`+matches+` LIMIT ?)`,
		append(args, tip.MaxSearchCount+1)...).Scan(&res.Total)
	if err != nil {
		return tip.SearchResult{}, fmt.Errorf("search tips: count: %w", err)
	}
	if res.Total > tip.MaxSearchCount {
		res.Total, res.Capped = tip.MaxSearchCount, true
	}
	if res.Total == 0 || (q.Offset >= res.Total && !res.Capped) {
		return res, nil
	}
	page := `SELECT ` + prefixed("t.", tipColumns) + ` FROM (` + matches + ` ORDER BY rowid DESC LIMIT ? OFFSET ?) m
		JOIN tips t ON t.id = m.id ORDER BY t.id DESC`
	rows, err := s.db.conn().QueryContext(ctx, page, append(args, q.Limit, max(q.Offset, 0))...)
	if err != nil {
		return tip.SearchResult{}, fmt.Errorf("search tips: %w", err)
	}
	defer rows.Close()
	var r tipRow
	for rows.Next() {
		t, err := r.scan(rows)
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

// prefixed qualifies every column of a comma-separated list with p.
func prefixed(p, columns string) string {
	cols := strings.Split(columns, ",")
	for i, c := range cols {
		cols[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}
