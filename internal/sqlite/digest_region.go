package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// The queries of a region digest. A region digest reads the region's
// originals and the repeats of them: a repeat belongs to the region of
// the tip it repeats, whatever its own triage, since that tip's message is
// what the region's police chat holds (see digest.Compute).
//
// The region's originals of a period are one range of the index
// tips_region_created (region, created_at). The repeats of them are found
// among the period's tips (one range of tips_created_at, each row read
// for its duplicate_of, the original's region by primary key): a
// repeat's own region says nothing, and its original may be of any age.
// Both come sorted by number from a small temporary b-tree. Messages and
// attachments are read by tip id range as for the whole digest (rows of
// other tips in that range are dropped); the relayed message is the first
// sent relay row to the region's chat.
const (
	// regionSelect selects the columns %[1]s of the region's (?1)
	// originals created in [?2, ?3) and of the repeats of the region's
	// originals created then.
	regionSelect = `SELECT %[1]s FROM tips
		WHERE region = ?1 AND created_at >= ?2 AND created_at < ?3 AND duplicate_of IS NULL
		UNION ALL
		SELECT %[1]s FROM tips r
		WHERE r.created_at >= ?2 AND r.created_at < ?3 AND r.duplicate_of IS NOT NULL
			AND (SELECT o.region FROM tips o WHERE o.id = r.duplicate_of) = ?1`
	// regionCountQuery counts the region's originals: its range of
	// tips_region_created, each row read for its duplicate_of.
	regionCountQuery = `SELECT count(*) FROM tips WHERE region = ? AND created_at >= ? AND created_at < ? AND duplicate_of IS NULL`
	// regionRelaysQuery finds, in the partial index outbox_relay_sent,
	// each tip's lowest sent relay row to the region's chat.
	regionRelaysQuery = `SELECT tip_id, target_chat_id, target_thread_id,
		json_extract(sent_message_ids, '$[0]') FROM outbox
		WHERE id IN (SELECT min(id) FROM outbox
			WHERE status = 'sent' AND purpose = 'relay' AND tip_id BETWEEN ? AND ?
				AND target_chat_id = ? AND target_thread_id = ?
			GROUP BY tip_id)`
)

// The bounds and the tips of a region's period (see regionSelect).
var (
	regionBoundsQuery = `SELECT count(*), coalesce(min(id), 0), coalesce(max(id), 0) FROM (` +
		fmt.Sprintf(regionSelect, "id") + `)`
	regionTipsQuery = fmt.Sprintf(regionSelect, tipColumns) + ` ORDER BY id`
)

// RegionDigestTips returns the tips of region created in [from, to) that
// are originals, and the repeats created then of the region's originals
// (of any age), by number, each with its message ids, attachments and, as
// Relayed, the first message of its first sent relay row to chat (the
// region's police chat); Relayed is nil while none was sent there. It
// returns nil when the region has no tip and no repeat in the period. It
// runs five queries whatever the number of tips.
func (s *DigestStore) RegionDigestTips(ctx context.Context, region tip.RegionKey, chat tip.Target, from, to time.Time) ([]tip.DigestItem, error) {
	items, err := regionItems(ctx, s.db.conn(), region, chat, from.UnixMilli(), to.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("list digest tips of region %q from %s to %s: %w", region,
			from.Format(time.RFC3339), to.Format(time.RFC3339), err)
	}
	return items, nil
}

// CountRegionTips counts the tips of region created in [from, to) that
// repeat no earlier tip (the originals).
func (s *DigestStore) CountRegionTips(ctx context.Context, region tip.RegionKey, from, to time.Time) (int, error) {
	var n int
	err := s.db.conn().QueryRowContext(ctx, regionCountQuery, string(region), from.UnixMilli(), to.UnixMilli()).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count tips of region %q: %w", region, err)
	}
	return n, nil
}

// regionItems loads the originals of region created in [lo, hi) (Unix
// milliseconds) and the repeats of the region's originals created then,
// with their message ids, attachments and their first relayed message in
// chat.
func regionItems(ctx context.Context, q querier, region tip.RegionKey, chat tip.Target, lo, hi int64) ([]tip.DigestItem, error) {
	return readItems(ctx, q, itemsQuery{
		bounds: regionBoundsQuery, boundsArgs: []any{string(region), lo, hi},
		tips: regionTipsQuery, tipsArgs: func(int64, int64) []any { return []any{string(region), lo, hi} },
		relays: func(ctx context.Context, q querier, minID, maxID int64, at map[int64]*tip.DigestItem) error {
			return loadRelays(ctx, q, regionRelaysQuery, []any{minID, maxID, chat.ChatID, chat.ThreadID}, at)
		},
	})
}
