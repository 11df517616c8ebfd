package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// periodBounds counts the tips created in [?, ?) and finds their lowest
// and highest ids, reading only the created_at index.
const periodBounds = `SELECT count(*), coalesce(min(id), 0), coalesce(max(id), 0) FROM tips
	WHERE created_at >= ? AND created_at < ?`

// The four queries of DigestTips after periodBounds: the tips, then their
// message ids, attachments and first sent relay rows, each for the whole
// period at once. Ids grow with created_at (both follow insertion, unless
// the clock steps back), so each reads one range of an index keyed by tip
// id, ordered as wanted, instead of seeking once per tip; a row of a tip
// inside the id range but outside the period is dropped by DigestTips. A
// clock that stepped back far widens the range and costs time, never
// correctness. The unary + keeps the planner off the created_at index,
// which would return the tips out of order.
const (
	digestTipsQuery = `SELECT ` + tipColumns + ` FROM tips
		WHERE id BETWEEN ? AND ? AND +created_at >= ? AND +created_at < ? ORDER BY id`
	digestMessagesQuery = `SELECT tip_id, message_id FROM tip_messages
		WHERE tip_id BETWEEN ? AND ? ORDER BY tip_id, message_id`
	digestAttachmentsQuery = `SELECT tip_id, ` + attachmentColumns + ` FROM attachments
		WHERE tip_id BETWEEN ? AND ? ORDER BY tip_id, position`
	// digestRelaysQuery finds each tip's lowest sent relay row in the
	// partial index outbox_relay_sent, then reads just those rows.
	digestRelaysQuery = `SELECT tip_id, target_chat_id, target_thread_id,
		json_extract(sent_message_ids, '$[0]') FROM outbox
		WHERE id IN (SELECT min(id) FROM outbox
			WHERE status = 'sent' AND purpose = 'relay' AND tip_id BETWEEN ? AND ?
			GROUP BY tip_id)`
)

// DigestTips returns the tips created in [from, to), originals and
// repeats (DuplicateOf set) alike, by number, each with
// its message ids, attachments and, as Relayed, the first message of its
// first sent relay row (lowest outbox id with purpose relay and status
// sent): that row's target and the first message id Telegram returned for
// it. Relayed is nil while no relay row of the tip was sent, or when that
// row recorded no message id. It returns nil when no tip was created in
// the period.
//
// It runs five queries whatever the number of tips. Outside a transaction
// they may see different snapshots; a row of a tip the tips query did not
// return is ignored.
func (s *DigestStore) DigestTips(ctx context.Context, from, to time.Time) ([]tip.DigestItem, error) {
	items, err := digestItems(ctx, s.db.conn(), from.UnixMilli(), to.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("list digest tips from %s to %s: %w",
			from.Format(time.RFC3339), to.Format(time.RFC3339), err)
	}
	return items, nil
}

// digestItems loads the tips created in [lo, hi) (Unix milliseconds) with
// their message ids, attachments and relay references.
func digestItems(ctx context.Context, q querier, lo, hi int64) ([]tip.DigestItem, error) {
	return readItems(ctx, q, itemsQuery{
		bounds: periodBounds, boundsArgs: []any{lo, hi},
		tips: digestTipsQuery, tipsArgs: func(minID, maxID int64) []any { return []any{minID, maxID, lo, hi} },
		relays: func(ctx context.Context, q querier, minID, maxID int64, at map[int64]*tip.DigestItem) error {
			return loadRelays(ctx, q, digestRelaysQuery, []any{minID, maxID}, at)
		},
	})
}

// itemsQuery says how readItems finds a digest's tips: the query of their
// count and id bounds, the query of the tips themselves, and how their
// relayed messages are found.
type itemsQuery struct {
	bounds     string
	boundsArgs []any
	tips       string
	tipsArgs   func(minID, maxID int64) []any
	relays     func(ctx context.Context, q querier, minID, maxID int64, at map[int64]*tip.DigestItem) error
}

// readItems loads the tips iq selects with their message ids,
// attachments and relayed messages.
func readItems(ctx context.Context, q querier, iq itemsQuery) ([]tip.DigestItem, error) {
	var n, minID, maxID int64
	if err := q.QueryRowContext(ctx, iq.bounds, iq.boundsArgs...).Scan(&n, &minID, &maxID); err != nil {
		return nil, fmt.Errorf("count tips: %w", err)
	}
	if n == 0 {
		return nil, nil
	}
	items := make([]tip.DigestItem, 0, n)
	var r tipRow
	err := eachRow(ctx, q, iq.tips, iq.tipsArgs(minID, maxID), func(rows *sql.Rows) error {
		t, err := r.scan(rows)
		if err == nil {
			items = append(items, tip.DigestItem{Tip: t})
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	at := make(map[int64]*tip.DigestItem, len(items))
	for i := range items {
		at[items[i].Tip.ID] = &items[i]
	}
	for _, load := range []func(context.Context, querier, int64, int64, map[int64]*tip.DigestItem) error{
		loadDigestMessages, loadDigestAttachments, iq.relays,
	} {
		if err := load(ctx, q, minID, maxID, at); err != nil {
			return nil, err
		}
	}
	return items, nil
}

func loadDigestMessages(ctx context.Context, q querier, minID, maxID int64, at map[int64]*tip.DigestItem) error {
	return eachRow(ctx, q, digestMessagesQuery, []any{minID, maxID}, func(rows *sql.Rows) error {
		var tipID, messageID int64
		if err := rows.Scan(&tipID, &messageID); err != nil {
			return fmt.Errorf("read tip messages: %w", err)
		}
		if it := at[tipID]; it != nil {
			it.Tip.MessageIDs = append(it.Tip.MessageIDs, messageID)
		}
		return nil
	})
}

func loadDigestAttachments(ctx context.Context, q querier, minID, maxID int64, at map[int64]*tip.DigestItem) error {
	return eachRow(ctx, q, digestAttachmentsQuery, []any{minID, maxID}, func(rows *sql.Rows) error {
		var tipID int64
		a, err := scanAttachment(rows, &tipID)
		if err != nil {
			return fmt.Errorf("read attachments: %w", err)
		}
		if it := at[tipID]; it != nil {
			it.Tip.Attachments = append(it.Tip.Attachments, a)
		}
		return nil
	})
}

// loadRelays runs a query of (tip id, chat, thread, message id) rows and
// sets the Relayed link of each item of at it names.
func loadRelays(ctx context.Context, q querier, query string, args []any, at map[int64]*tip.DigestItem) error {
	return eachRow(ctx, q, query, args, func(rows *sql.Rows) error {
		var (
			tipID     int64
			ref       tip.MessageRef
			messageID sql.NullInt64
		)
		if err := rows.Scan(&tipID, &ref.ChatID, &ref.ThreadID, &messageID); err != nil {
			return fmt.Errorf("read relay rows: %w", err)
		}
		if it := at[tipID]; it != nil && messageID.Valid {
			ref.MessageID = messageID.Int64
			it.Relayed = &ref
		}
		return nil
	})
}

// eachRow runs query with args and calls fn for every row.
func eachRow(ctx context.Context, q querier, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
