package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// searchIndexKey is the state row holding the highest tip number in the
// search index (migration 0012).
const searchIndexKey = "search_indexed_through"

// searchDocs selects the indexed columns of tips_fts (migration 0014) for
// the tips that the WHERE clause appended to it picks (tips as t, and a
// closing parenthesis after it).
const searchDocs = `SELECT id, ` + searchTextFunc + `(body), ` + searchTextFunc + `(links), ` +
	searchTextFunc + `(origin), ` + searchTextFunc + `(ocr), ` + searchRootsFunc + `(concat_ws(' ', body, links, ocr))
	FROM (SELECT t.id, t.text AS body,
		CASE WHEN json_valid(t.links) THEN (SELECT group_concat(value, ' ') FROM json_each(t.links)) END AS links,
		concat_ws(' ', t.origin_chat_title, t.origin_chat_username, t.origin_sender_name, t.origin_sender_username) AS origin,
		(SELECT group_concat(a.ocr_text, ' ') FROM attachments a WHERE a.tip_id = t.id) AS ocr
	FROM tips t `

// Writing tips_fts. A contentless_delete table replaces a row only with
// INSERT OR REPLACE: a plain INSERT of a number already indexed would
// add its words beside the old ones.
const (
	// indexNewQuery adds the tips numbered (after, through].
	indexNewQuery = `INSERT OR REPLACE INTO tips_fts (rowid, body, links, origin, ocr, roots) ` +
		searchDocs + `WHERE t.id > ? AND t.id <= ?) ORDER BY id`
	// indexStaleQuery re-indexes the indexed tips (numbered up to ?)
	// that search_stale names; the others are indexed when their turn
	// comes, as they are then.
	indexStaleQuery = `INSERT OR REPLACE INTO tips_fts (rowid, body, links, origin, ocr, roots) ` +
		searchDocs + `WHERE t.id IN (SELECT tip_id FROM search_stale WHERE tip_id <= ?)) ORDER BY id`
)

// IndexSearch brings the search index up to date in one transaction: it
// re-indexes the tips whose text, links, origin or screenshot text
// changed since they were indexed (noted by triggers, migration 0014),
// adds up to limit of the tips stored since it last ran, and returns how
// many tips it indexed. The bot runs it when intake is idle; Search runs
// it before it looks, so nothing stored or changed is ever missed.
func (db *DB) IndexSearch(ctx context.Context, limit int) (int, error) {
	var n int
	err := db.inTx(ctx, func(tx querier) error {
		var err error
		n, err = indexSearch(ctx, tx, limit)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("index tips for search: %w", err)
	}
	return n, nil
}

// indexSearch is IndexSearch inside the caller's transaction.
func indexSearch(ctx context.Context, tx querier, limit int) (int, error) {
	var after int64
	err := tx.QueryRowContext(ctx, `SELECT value FROM state WHERE key = ?`, searchIndexKey).Scan(&after)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	stale, err := indexStale(ctx, tx, after)
	if err != nil {
		return 0, err
	}
	var through sql.NullInt64
	var n int
	err = tx.QueryRowContext(ctx, `SELECT max(id), count(*) FROM
		(SELECT id FROM tips WHERE id > ? ORDER BY id LIMIT ?)`, after, limit).Scan(&through, &n)
	if err != nil || n == 0 {
		return stale, err
	}
	if _, err := tx.ExecContext(ctx, indexNewQuery, after, through.Int64); err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)`, searchIndexKey, through.Int64)
	return stale + n, err
}

// indexStale re-indexes the indexed tips (numbered up to through) that
// changed, empties search_stale and returns how many it re-indexed. A
// change of a tip not indexed yet needs nothing: its turn takes it as it
// is then.
func indexStale(ctx context.Context, tx querier, through int64) (int, error) {
	var all, due int
	err := tx.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE tip_id <= ?) FROM search_stale`,
		through).Scan(&all, &due)
	if err != nil || all == 0 {
		return 0, err
	}
	if due > 0 {
		if _, err := tx.ExecContext(ctx, indexStaleQuery, through); err != nil {
			return 0, err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM search_stale`); err != nil {
		return 0, err
	}
	return due, nil
}
