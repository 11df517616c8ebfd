package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// keptSearches is how many of the latest saved searches are kept: a
// results message older than that many searches answers its buttons as
// stale.
const keptSearches = 10_000

// SaveSearch stores s (its ID ignored, CreatedAt the database clock's
// now when zero) and returns its ID; the searches older than the latest
// keptSearches are forgotten. IDs only grow: the newest row is never
// deleted, so an ID is never given twice.
func (s *SearchStore) SaveSearch(ctx context.Context, saved tip.SavedSearch) (int64, error) {
	at := saved.CreatedAt
	if at.IsZero() {
		at = s.db.Now()
	}
	var id int64
	err := s.db.inTx(ctx, func(tx querier) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO searches (chat_id, user_id, query, created_at) VALUES (?, ?, ?, ?)`,
			saved.ChatID, saved.UserID, saved.Query, millis(at))
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM searches WHERE id <= ?`, id-keptSearches)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("save search: %w", err)
	}
	return id, nil
}

// SavedSearch returns search id, or an error wrapping tip.ErrNotFound.
func (s *SearchStore) SavedSearch(ctx context.Context, id int64) (tip.SavedSearch, error) {
	saved := tip.SavedSearch{ID: id}
	var at sql.NullInt64
	err := s.db.conn().QueryRowContext(ctx, `SELECT chat_id, user_id, query, created_at FROM searches WHERE id = ?`, id).
		Scan(&saved.ChatID, &saved.UserID, &saved.Query, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return tip.SavedSearch{}, fmt.Errorf("search %d: %w", id, tip.ErrNotFound)
	}
	if err != nil {
		return tip.SavedSearch{}, fmt.Errorf("read search %d: %w", id, err)
	}
	saved.CreatedAt = fromMillis(at)
	return saved, nil
}
