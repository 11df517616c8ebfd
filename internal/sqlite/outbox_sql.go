package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// outboxColumnsBefore and outboxColumnsAfter surround the buttons column
// among the columns scanOutbox reads, in order, up to the file's bytes.
const (
	outboxColumnsBefore = `id, tip_id, purpose, target_chat_id, target_thread_id, kind, text,
	from_chat_id, message_ids, reply_to, dedupe_key, status, attempts, next_attempt_at,
	last_error, sent_message_ids, created_at, sent_at, coalesce, compact`
	outboxColumnsAfter = `edit_of, callback_id, urgent, file_name, file_mime`
)

// outboxColumns are the columns scanOutbox reads, in order: the whole row.
const outboxColumns = outboxColumnsBefore + `, buttons, ` + outboxColumnsAfter + `, file_data`

// outboxColumnsBrief are outboxColumns without what only a send needs, the
// inline keyboard and the bytes of the row's file: such a row reads with
// nil Buttons, and with its file's Name and MIME but nil Data. The rows
// read to choose and plan sends (Due, Pending, SentSince) are brief, since
// decoding every waiting acknowledgement's keyboard on every look at the
// queues took about 4% of the bot's CPU in the ingest benchmark; the
// worker reads the row it sends whole with Get.
const outboxColumnsBrief = outboxColumnsBefore + `, NULL, ` + outboxColumnsAfter + `, NULL`

// insertOutbox writes one outbox row; a duplicate dedupe key is skipped.
const insertOutbox = `INSERT INTO outbox (tip_id, purpose, target_chat_id,
	target_thread_id, kind, text, from_chat_id, message_ids, reply_to, dedupe_key,
	status, next_attempt_at, created_at, coalesce, compact, buttons, edit_of, callback_id, urgent,
	file_name, file_mime, file_data)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (dedupe_key) DO NOTHING`

// enqueue inserts msgs as pending rows created at now. A row whose dedupe
// key is already stored is skipped; any other constraint violation (an
// unknown tip, for instance) is an error. Urgency spreads and edits
// supersede as outbox_order.go says. A row for a chat that migrated to
// a supergroup (see Retarget) is written for the chat it migrated to, with
// thread 0, so that targets configured with the old id keep working.
func enqueue(ctx context.Context, tx querier, now time.Time, msgs []tip.OutboxMessage) error {
	return enqueueRows(ctx, tx, now, msgs, false)
}

// enqueueRows is enqueue; fresh says that msgs are the first rows of a tip
// created in this transaction, which has no earlier rows to take urgency
// from or give it to (see inheritUrgent and queued), so those look-ups are
// skipped: they were a third of the cost of storing a tip.
func enqueueRows(ctx context.Context, tx querier, now time.Time, msgs []tip.OutboxMessage, fresh bool) error {
	if len(msgs) == 0 {
		return nil
	}
	migrated := make(map[int64]int64) // configured chat -> chat to write
	for i, m := range msgs {
		if m.Target.ChatID == 0 || m.Kind == "" {
			return fmt.Errorf("outbox message %d: needs a target chat and a kind", i)
		}
		to, seen := migrated[m.Target.ChatID]
		if !seen {
			var err error
			if to, err = migratedChat(ctx, tx, m.Target.ChatID); err != nil {
				return err
			}
			migrated[m.Target.ChatID] = to
		}
		if to != m.Target.ChatID {
			m.Target = tip.Target{ChatID: to}
		}
		ids, err := jsonList(m.MessageIDs)
		if err != nil {
			return err
		}
		name, mime, data := fileColumns(m.File)
		buttons, err := buttonsColumn(m.Buttons)
		if err != nil {
			return fmt.Errorf("outbox message %d: %w", i, err)
		}
		if !fresh {
			if m.Urgent, err = inheritUrgent(ctx, tx, m); err != nil {
				return fmt.Errorf("outbox message %d: %w", i, err)
			}
		}
		res, err := tx.ExecContext(ctx, insertOutbox, nullInt(m.TipID), string(m.Purpose), m.Target.ChatID,
			m.Target.ThreadID, string(m.Kind), m.Text, m.FromChatID, ids, m.ReplyTo,
			nullString(m.DedupeKey), millis(m.NextAttemptAt), millis(now),
			m.Coalesce, nullString(m.Compact), buttons, nullInt(m.EditOf), nullString(m.CallbackID), m.Urgent,
			name, mime, data)
		if err != nil {
			return fmt.Errorf("insert outbox message %d: %w", i, err)
		}
		if ok, err := rowsAffected(res); err != nil || !ok {
			if err != nil {
				return fmt.Errorf("insert outbox message %d: %w", i, err)
			}
			continue // a duplicate dedupe key: nothing was queued
		}
		if fresh && !m.IsEdit() {
			continue
		}
		id, err := res.LastInsertId()
		if err == nil {
			err = queued(ctx, tx, id, m)
		}
		if err != nil {
			return fmt.Errorf("outbox message %d: %w", i, err)
		}
	}
	return nil
}

// buttonsColumn encodes an inline keyboard as JSON, NULL for none. A
// button whose callback_data is over Telegram's 64 bytes is an error:
// Telegram would refuse the message.
func buttonsColumn(rows [][]tip.Button) (sql.NullString, error) {
	if len(rows) == 0 {
		return sql.NullString{}, nil
	}
	for _, row := range rows {
		for _, b := range row {
			if len(b.Data) > tip.MaxCallbackData {
				return sql.NullString{}, fmt.Errorf("button %q: callback data of %d bytes, over Telegram's %d", b.Text, len(b.Data), tip.MaxCallbackData)
			}
		}
	}
	b, err := json.Marshal(rows)
	if err != nil {
		return sql.NullString{}, err
	}
	return sql.NullString{String: string(b), Valid: true}, nil
}

// fileColumns encodes f as file_name, file_mime and file_data: all NULL
// when f is nil; otherwise file_name is never NULL, even for an empty name,
// since it marks that the row has a file.
func fileColumns(f *tip.File) (name, mime sql.NullString, data []byte) {
	if f == nil {
		return sql.NullString{}, sql.NullString{}, nil
	}
	return sql.NullString{String: f.Name, Valid: true}, sql.NullString{String: f.MIME, Valid: true}, f.Data
}

// queryOutbox runs a query selecting outboxColumns and scans every row.
func queryOutbox(ctx context.Context, q querier, query string, args ...any) ([]tip.OutboxMessage, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []tip.OutboxMessage
	for rows.Next() {
		m, err := scanOutbox(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func scanOutbox(rows *sql.Rows) (tip.OutboxMessage, error) {
	var (
		m                     tip.OutboxMessage
		tipID, next, created  sql.NullInt64
		sent                  sql.NullInt64
		purpose, kind, status string
		dedupe, ids, sentIDs  sql.NullString
		compact               sql.NullString
		buttons, callbackID   sql.NullString
		editOf                sql.NullInt64
		fileName, fileMIME    sql.NullString
		fileData              []byte
	)
	err := rows.Scan(&m.ID, &tipID, &purpose, &m.Target.ChatID, &m.Target.ThreadID, &kind, &m.Text,
		&m.FromChatID, &ids, &m.ReplyTo, &dedupe, &status, &m.Attempts, &next,
		&m.LastError, &sentIDs, &created, &sent, &m.Coalesce, &compact,
		&buttons, &editOf, &callbackID, &m.Urgent, &fileName, &fileMIME, &fileData)
	if err != nil {
		return tip.OutboxMessage{}, fmt.Errorf("read outbox: %w", err)
	}
	m.TipID, m.DedupeKey, m.Compact = tipID.Int64, dedupe.String, compact.String
	m.EditOf, m.CallbackID = editOf.Int64, callbackID.String
	if buttons.Valid {
		if err := json.Unmarshal([]byte(buttons.String), &m.Buttons); err != nil {
			return tip.OutboxMessage{}, fmt.Errorf("read outbox buttons: %w", err)
		}
	}
	m.Purpose, m.Kind, m.Status = tip.Purpose(purpose), tip.OutboxKind(kind), tip.OutboxStatus(status)
	if m.MessageIDs, err = fromJSONList[int64](ids); err != nil {
		return tip.OutboxMessage{}, fmt.Errorf("read outbox %d: %w", m.ID, err)
	}
	if m.SentMessageIDs, err = fromJSONList[int64](sentIDs); err != nil {
		return tip.OutboxMessage{}, fmt.Errorf("read outbox %d: %w", m.ID, err)
	}
	m.NextAttemptAt, m.CreatedAt, m.SentAt = fromMillis(next), fromMillis(created), fromMillis(sent)
	if fileName.Valid {
		m.File = &tip.File{Name: fileName.String, MIME: fileMIME.String, Data: fileData}
	}
	return m, nil
}
