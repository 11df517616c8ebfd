package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// The queries of the tips' first statuses, for the digests' response
// times: the first entry of each tip's history (the lowest tip_status id
// of the tip, one seek in the index tip_status_tip per tip) for the tips
// of a period, found as DigestTips and RegionDigestTips find them (the
// created_at index, or tips_region_created for a region). Tips without a
// history have no row.
const (
	firstStatusColumns = `s.tip_id, s.from_status, s.to_status, s.chat_id, s.unit,
		s.officer_id, s.officer_first, s.officer_last, s.officer_username, s.at`
	firstStatusesQuery = `SELECT ` + firstStatusColumns + ` FROM tips t
		JOIN tip_status s ON s.id = (SELECT min(f.id) FROM tip_status f WHERE f.tip_id = t.id)
		WHERE t.created_at >= ? AND t.created_at < ? ORDER BY t.id`
	regionFirstStatusesQuery = `SELECT ` + firstStatusColumns + ` FROM tips t
		JOIN tip_status s ON s.id = (SELECT min(f.id) FROM tip_status f WHERE f.tip_id = t.id)
		WHERE t.region = ? AND t.created_at >= ? AND t.created_at < ? ORDER BY t.id`
)

// FirstStatuses returns the first status change of each tip created in
// [from, to) that has one, by tip number: the first entry of the tip's
// history, with the chat and unit the status was set from and when. It
// reads in one query, outside the snapshot of DigestTips: a status set
// between the two reads may be in one and not the other.
func (s *DigestStore) FirstStatuses(ctx context.Context, from, to time.Time) ([]tip.StatusChange, error) {
	out, err := firstStatuses(ctx, s.db.conn(), firstStatusesQuery, from.UnixMilli(), to.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("first statuses of the tips from %s to %s: %w",
			from.Format(time.RFC3339), to.Format(time.RFC3339), err)
	}
	return out, nil
}

// RegionFirstStatuses returns the first status change of each tip of
// region created in [from, to) that has one, by tip number, as
// FirstStatuses does.
func (s *DigestStore) RegionFirstStatuses(ctx context.Context, region tip.RegionKey, from, to time.Time) ([]tip.StatusChange, error) {
	out, err := firstStatuses(ctx, s.db.conn(), regionFirstStatusesQuery, string(region), from.UnixMilli(), to.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("first statuses of the tips of region %q from %s to %s: %w", region,
			from.Format(time.RFC3339), to.Format(time.RFC3339), err)
	}
	return out, nil
}

// firstStatuses runs a query of firstStatusColumns rows.
func firstStatuses(ctx context.Context, q querier, query string, args ...any) ([]tip.StatusChange, error) {
	var out []tip.StatusChange
	err := eachRow(ctx, q, query, args, func(rows *sql.Rows) error {
		var (
			c        tip.StatusChange
			from, to string
			at       sql.NullInt64
		)
		if err := rows.Scan(&c.TipID, &from, &to, &c.ChatID, &c.Unit, &c.Officer.ID,
			&c.Officer.FirstName, &c.Officer.LastName, &c.Officer.Username, &at); err != nil {
			return fmt.Errorf("read status rows: %w", err)
		}
		c.From, c.To, c.At = tip.Status(from), tip.Status(to), fromMillis(at)
		out = append(out, c)
		return nil
	})
	return out, err
}
