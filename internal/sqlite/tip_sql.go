package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// querier is what *sql.DB and *sql.Tx have in common; read helpers take it
// so they work inside and outside a transaction.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// tipIDByMessages returns the tip holding any of (chatID, messageIDs).
func tipIDByMessages(ctx context.Context, tx *sql.Tx, chatID int64, messageIDs []int64) (id int64, found bool, err error) {
	for _, m := range messageIDs {
		err := tx.QueryRowContext(ctx, "SELECT tip_id FROM tip_messages WHERE chat_id = ? AND message_id = ?", chatID, m).Scan(&id)
		if err == nil {
			return id, true, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, false, fmt.Errorf("find tip of message %d: %w", m, err)
		}
	}
	return 0, false, nil
}

// createTip inserts t, its message ids and its attachments, and returns the
// new tip number.
func createTip(ctx context.Context, tx *sql.Tx, t tip.Tip) (int64, error) {
	links, err := jsonList(t.Links)
	if err != nil {
		return 0, err
	}
	o := t.Origin
	if o == nil {
		o = &tip.Origin{}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO tips (update_id,
		reporter_id, reporter_first, reporter_last, reporter_username,
		chat_id, media_group_id, text, links,
		origin_kind, origin_date, origin_sender_name, origin_sender_username, origin_sender_id,
		origin_chat_id, origin_chat_title, origin_chat_username, origin_message_id,
		sent_at, created_at, edited_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		t.UpdateID,
		t.Reporter.ID, t.Reporter.FirstName, t.Reporter.LastName, t.Reporter.Username,
		t.ChatID, t.MediaGroupID, t.Text, links,
		nullString(string(o.Kind)), nullMillis(o.Date), nullString(o.SenderName), nullString(o.SenderUsername), nullInt(o.SenderID),
		nullInt(o.ChatID), nullString(o.ChatTitle), nullString(o.ChatUsername), nullInt(o.MessageID),
		nullMillis(t.SentAt), millis(t.CreatedAt), nullMillis(t.EditedAt))
	if err != nil {
		return 0, fmt.Errorf("insert tip: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("insert tip: %w", err)
	}
	for _, m := range t.MessageIDs {
		if _, err := tx.ExecContext(ctx, "INSERT INTO tip_messages (chat_id, message_id, tip_id) VALUES (?, ?, ?)", t.ChatID, m, id); err != nil {
			return 0, fmt.Errorf("insert tip message %d: %w", m, err)
		}
	}
	for i, a := range t.Attachments {
		if _, err := tx.ExecContext(ctx, `INSERT INTO attachments (tip_id, position, kind, message_id,
			file_id, file_unique_id, file_size, file_name, mime_type, width, height, duration)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, i, string(a.Kind), a.MessageID, a.FileID, a.FileUniqueID, a.FileSize,
			a.FileName, a.MimeType, a.Width, a.Height, a.Duration); err != nil {
			return 0, fmt.Errorf("insert attachment %d: %w", i, err)
		}
	}
	return id, nil
}

// editTip replaces the text and links of tip id.
func editTip(ctx context.Context, tx *sql.Tx, id int64, text string, links []string, editedAt time.Time) error {
	l, err := jsonList(links)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE tips SET text = ?, links = ?, edited_at = ? WHERE id = ?",
		text, l, nullMillis(editedAt), id); err != nil {
		return fmt.Errorf("update tip %d: %w", id, err)
	}
	return nil
}

// tipByMessage returns the tip holding (chatID, messageID), or ErrNotFound.
func tipByMessage(ctx context.Context, q querier, chatID, messageID int64) (tip.Tip, error) {
	var id int64
	err := q.QueryRowContext(ctx, "SELECT tip_id FROM tip_messages WHERE chat_id = ? AND message_id = ?", chatID, messageID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return tip.Tip{}, tip.ErrNotFound
	}
	if err != nil {
		return tip.Tip{}, err
	}
	return getTip(ctx, q, id)
}

// getTip loads tip id with its message ids and attachments, or ErrNotFound.
func getTip(ctx context.Context, q querier, id int64) (tip.Tip, error) {
	t, err := scanTip(q.QueryRowContext(ctx, `SELECT id, update_id,
		reporter_id, reporter_first, reporter_last, reporter_username,
		chat_id, media_group_id, text, links,
		origin_kind, origin_date, origin_sender_name, origin_sender_username, origin_sender_id,
		origin_chat_id, origin_chat_title, origin_chat_username, origin_message_id,
		sent_at, created_at, edited_at
		FROM tips WHERE id = ?`, id))
	if err != nil {
		return tip.Tip{}, err
	}
	if t.MessageIDs, err = tipMessageIDs(ctx, q, id); err != nil {
		return tip.Tip{}, err
	}
	if t.Attachments, err = tipAttachments(ctx, q, id); err != nil {
		return tip.Tip{}, err
	}
	return t, nil
}

func scanTip(row *sql.Row) (tip.Tip, error) {
	var (
		t                               tip.Tip
		links                           sql.NullString
		kind, sName, sUser, cTitle, cUN sql.NullString
		oDate, sID, cID, mID            sql.NullInt64
		sent, created, edited           sql.NullInt64
	)
	err := row.Scan(&t.ID, &t.UpdateID,
		&t.Reporter.ID, &t.Reporter.FirstName, &t.Reporter.LastName, &t.Reporter.Username,
		&t.ChatID, &t.MediaGroupID, &t.Text, &links,
		&kind, &oDate, &sName, &sUser, &sID, &cID, &cTitle, &cUN, &mID,
		&sent, &created, &edited)
	if errors.Is(err, sql.ErrNoRows) {
		return tip.Tip{}, tip.ErrNotFound
	}
	if err != nil {
		return tip.Tip{}, fmt.Errorf("read tip: %w", err)
	}
	if t.Links, err = fromJSONList[string](links); err != nil {
		return tip.Tip{}, fmt.Errorf("read tip %d links: %w", t.ID, err)
	}
	if kind.Valid {
		t.Origin = &tip.Origin{
			Kind: tip.OriginKind(kind.String), Date: fromMillis(oDate),
			SenderName: sName.String, SenderUsername: sUser.String, SenderID: sID.Int64,
			ChatID: cID.Int64, ChatTitle: cTitle.String, ChatUsername: cUN.String, MessageID: mID.Int64,
		}
	}
	t.SentAt, t.CreatedAt, t.EditedAt = fromMillis(sent), fromMillis(created), fromMillis(edited)
	return t, nil
}

func tipMessageIDs(ctx context.Context, q querier, id int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx, "SELECT message_id FROM tip_messages WHERE tip_id = ? ORDER BY message_id", id)
	if err != nil {
		return nil, fmt.Errorf("read tip %d messages: %w", id, err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var m int64
		if err := rows.Scan(&m); err != nil {
			return nil, fmt.Errorf("read tip %d messages: %w", id, err)
		}
		ids = append(ids, m)
	}
	return ids, rows.Err()
}

func tipAttachments(ctx context.Context, q querier, id int64) ([]tip.Attachment, error) {
	rows, err := q.QueryContext(ctx, `SELECT kind, message_id, file_id, file_unique_id, file_size,
		file_name, mime_type, width, height, duration
		FROM attachments WHERE tip_id = ? ORDER BY position`, id)
	if err != nil {
		return nil, fmt.Errorf("read tip %d attachments: %w", id, err)
	}
	defer rows.Close()
	var out []tip.Attachment
	for rows.Next() {
		var (
			a    tip.Attachment
			kind string
		)
		if err := rows.Scan(&kind, &a.MessageID, &a.FileID, &a.FileUniqueID, &a.FileSize,
			&a.FileName, &a.MimeType, &a.Width, &a.Height, &a.Duration); err != nil {
			return nil, fmt.Errorf("read tip %d attachments: %w", id, err)
		}
		a.Kind = tip.AttachmentKind(kind)
		out = append(out, a)
	}
	return out, rows.Err()
}
