package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/tiprelay/tiprelay/internal/tip"
)

var _ tip.Conversations = (*ConversationStore)(nil)

// ConversationStore keeps the questions of the police and the answers of
// reporters.
type ConversationStore struct {
	db *DB
}

// NewConversationStore returns a ConversationStore backed by db.
func NewConversationStore(db *DB) *ConversationStore { return &ConversationStore{db: db} }

// AddExchange stores e; added is false when its author's message (ChatID,
// MessageID) is stored already.
func (s *ConversationStore) AddExchange(ctx context.Context, e tip.Exchange) (bool, error) {
	res, err := s.db.conn().ExecContext(ctx, `INSERT INTO conversation (tip_id, direction, police_chat_id, unit,
		from_id, from_first, from_last, from_username, chat_id, message_id, kind, text, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (chat_id, message_id) DO NOTHING`,
		e.TipID, string(e.Direction), e.PoliceChatID, e.Unit, e.From.ID, e.From.FirstName, e.From.LastName,
		e.From.Username, e.ChatID, e.MessageID, e.Kind, e.Text, millis(e.At))
	if err != nil {
		return false, fmt.Errorf("store %s of tip %d: %w", e.Direction, e.TipID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store %s of tip %d: %w", e.Direction, e.TipID, err)
	}
	return n == 1, nil
}

// Exchanges returns the conversation of tip tipID, oldest first.
func (s *ConversationStore) Exchanges(ctx context.Context, tipID int64) ([]tip.Exchange, error) {
	rows, err := s.db.conn().QueryContext(ctx, `SELECT id, direction, police_chat_id, unit, from_id, from_first,
		from_last, from_username, chat_id, message_id, kind, text, at
		FROM conversation WHERE tip_id = ? ORDER BY id`, tipID)
	if err != nil {
		return nil, fmt.Errorf("conversation of tip %d: %w", tipID, err)
	}
	defer rows.Close()
	var out []tip.Exchange
	for rows.Next() {
		e := tip.Exchange{TipID: tipID}
		var dir string
		var at sql.NullInt64
		if err := rows.Scan(&e.ID, &dir, &e.PoliceChatID, &e.Unit, &e.From.ID, &e.From.FirstName, &e.From.LastName,
			&e.From.Username, &e.ChatID, &e.MessageID, &e.Kind, &e.Text, &at); err != nil {
			return nil, fmt.Errorf("conversation of tip %d: %w", tipID, err)
		}
		e.Direction, e.At = tip.Direction(dir), fromMillis(at)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("conversation of tip %d: %w", tipID, err)
	}
	return out, nil
}
