package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

var _ tip.StatusStore = (*StatusStore)(nil)

// StatusStore keeps the police status of tips, its history and the state
// of their escalation.
type StatusStore struct {
	db *DB
}

// NewStatusStore returns a StatusStore backed by db.
func NewStatusStore(db *DB) *StatusStore { return &StatusStore{db: db} }

// SetStatus records c as the status of tip c.TipID and appends it to the
// tip's history, in one transaction. The first status of a tip also sets
// its first_status_at. It returns tip.ErrNotFound if there is no such tip.
func (s *StatusStore) SetStatus(ctx context.Context, c tip.StatusChange) error {
	err := s.db.inTx(ctx, func(tx querier) error {
		res, err := tx.ExecContext(ctx, `UPDATE tips SET status = ?, status_unit = ?, status_officer_id = ?,
			status_officer_name = ?, status_at = ?, first_status_at = coalesce(first_status_at, ?)
			WHERE id = ?`,
			string(c.To), c.Unit, c.Officer.ID, c.Officer.Name(), millis(c.At), millis(c.At), c.TipID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err != nil {
				return err
			}
			return tip.ErrNotFound
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO tip_status (tip_id, from_status, to_status, chat_id, unit,
			officer_id, officer_first, officer_last, officer_username, at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.TipID, string(c.From), string(c.To), c.ChatID, c.Unit,
			c.Officer.ID, c.Officer.FirstName, c.Officer.LastName, c.Officer.Username, millis(c.At))
		return err
	})
	if err != nil {
		return fmt.Errorf("set status of tip %d: %w", c.TipID, err)
	}
	return nil
}

// History returns the status changes of tip tipID, oldest first.
func (s *StatusStore) History(ctx context.Context, tipID int64) ([]tip.StatusChange, error) {
	rows, err := s.db.conn().QueryContext(ctx, `SELECT from_status, to_status, chat_id, unit,
		officer_id, officer_first, officer_last, officer_username, at
		FROM tip_status WHERE tip_id = ? ORDER BY id`, tipID)
	if err != nil {
		return nil, fmt.Errorf("status history of tip %d: %w", tipID, err)
	}
	defer rows.Close()
	var out []tip.StatusChange
	for rows.Next() {
		c := tip.StatusChange{TipID: tipID}
		var from, to string
		var at sql.NullInt64
		if err := rows.Scan(&from, &to, &c.ChatID, &c.Unit, &c.Officer.ID, &c.Officer.FirstName,
			&c.Officer.LastName, &c.Officer.Username, &at); err != nil {
			return nil, fmt.Errorf("status history of tip %d: %w", tipID, err)
		}
		c.From, c.To, c.At = tip.Status(from), tip.Status(to), fromMillis(at)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("status history of tip %d: %w", tipID, err)
	}
	return out, nil
}

// unansweredQuery lists, per tip without a status whose escalation has not
// ended (the partial index tips_unanswered) and per chat it was relayed
// to, when the tip's first relay row there was sent and the first message
// it sent. Edits, reminders and the rows of other purposes do not count.
const unansweredQuery = `SELECT g.tip_id, g.chat, g.thread, g.sent, t.priority,
		t.reporter_id, t.reporter_first, t.reporter_last, t.reporter_username,
		(SELECT json_extract(f.sent_message_ids, '$[0]') FROM outbox f WHERE f.id = g.first_row)
	FROM (SELECT o.tip_id, o.target_chat_id AS chat, o.target_thread_id AS thread,
			min(o.sent_at) AS sent, min(o.id) AS first_row
		FROM tips u INDEXED BY tips_unanswered
		JOIN outbox o ON o.tip_id = u.id
		WHERE u.status = '' AND u.escalated = 0
			AND o.purpose = 'relay' AND o.status = 'sent' AND o.edit_of IS NULL
		GROUP BY o.tip_id, o.target_chat_id, o.target_thread_id) g
	JOIN tips t ON t.id = g.tip_id
	WHERE g.sent <= ?
	ORDER BY g.sent, g.tip_id, g.chat
	LIMIT ?`

// Unanswered returns the relays, first sent at or before sentBefore, of
// the tips that have no status and whose escalation has not ended, oldest
// first, at most limit.
func (s *StatusStore) Unanswered(ctx context.Context, sentBefore time.Time, limit int) ([]tip.Reminder, error) {
	rows, err := s.db.conn().QueryContext(ctx, unansweredQuery, millis(sentBefore), limit)
	if err != nil {
		return nil, fmt.Errorf("list unanswered tips: %w", err)
	}
	defer rows.Close()
	var out []tip.Reminder
	for rows.Next() {
		var r tip.Reminder
		var sent, msg sql.NullInt64
		var prio string
		if err := rows.Scan(&r.TipID, &r.Target.ChatID, &r.Target.ThreadID, &sent, &prio,
			&r.Reporter.ID, &r.Reporter.FirstName, &r.Reporter.LastName, &r.Reporter.Username, &msg); err != nil {
			return nil, fmt.Errorf("list unanswered tips: %w", err)
		}
		r.SentAt, r.MessageID = fromMillis(sent), msg.Int64
		r.Urgent = tip.Priority(prio) == tip.PriorityUrgent
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list unanswered tips: %w", err)
	}
	return out, nil
}

// EndEscalation records that the admins were told about tip id.
func (s *StatusStore) EndEscalation(ctx context.Context, id int64) error {
	if _, err := s.db.conn().ExecContext(ctx, "UPDATE tips SET escalated = 1 WHERE id = ?", id); err != nil {
		return fmt.Errorf("end escalation of tip %d: %w", id, err)
	}
	return nil
}
