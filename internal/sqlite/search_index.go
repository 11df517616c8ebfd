package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// searchIndexKey is the state row holding the highest tip number in the
// search index (migration 0012).
const searchIndexKey = "search_indexed_through"

// indexSearchQuery adds the tips numbered (after, through] to tips_fts,
// with the columns of migration 0009.
const indexSearchQuery = `INSERT INTO tips_fts (docid, body, links, origin, ocr)
	SELECT id, text,
		CASE WHEN links IS NOT NULL AND json_valid(links)
			THEN coalesce((SELECT group_concat(value, ' ') FROM json_each(links)), '') ELSE '' END,
		trim(coalesce(origin_chat_title, '') || ' ' || coalesce(origin_chat_username, '') || ' ' ||
			coalesce(origin_sender_name, '') || ' ' || coalesce(origin_sender_username, '')),
		''
	FROM tips WHERE id > ? AND id <= ? ORDER BY id`

// IndexSearch adds to the search index up to limit of the tips stored
// since it last ran, in one transaction, and returns how many it added.
// The bot runs it when intake is idle; Search runs it before it looks, so
// nothing stored is ever missed.
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
	if err != nil && err != sql.ErrNoRows {
		return 0, err
	}
	var through sql.NullInt64
	var n int
	err = tx.QueryRowContext(ctx, `SELECT max(id), count(*) FROM
		(SELECT id FROM tips WHERE id > ? ORDER BY id LIMIT ?)`, after, limit).Scan(&through, &n)
	if err != nil || n == 0 {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, indexSearchQuery, after, through.Int64); err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)`, searchIndexKey, through.Int64)
	return n, err
}
