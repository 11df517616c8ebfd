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
func tipIDByMessages(ctx context.Context, tx querier, chatID int64, messageIDs []int64) (id int64, found bool, err error) {
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
func createTip(ctx context.Context, tx querier, t tip.Tip) (int64, error) {
	links, err := jsonList(t.Links)
	if err != nil {
		return 0, err
	}
	choices, err := jsonList(t.Triage.RegionChoices)
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
		sent_at, created_at, edited_at,
		region, region_source, region_choices, category, priority, duplicate_of, similar_to)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		t.UpdateID,
		t.Reporter.ID, t.Reporter.FirstName, t.Reporter.LastName, t.Reporter.Username,
		t.ChatID, t.MediaGroupID, t.Text, links,
		nullString(string(o.Kind)), nullMillis(o.Date), nullString(o.SenderName), nullString(o.SenderUsername), nullInt(o.SenderID),
		nullInt(o.ChatID), nullString(o.ChatTitle), nullString(o.ChatUsername), nullInt(o.MessageID),
		nullMillis(t.SentAt), millis(t.CreatedAt), nullMillis(t.EditedAt),
		string(t.Triage.Region), string(t.Triage.RegionSource), choices,
		string(t.Triage.Category), string(t.Triage.EffectivePriority()), nullInt(t.DuplicateOf), nullInt(t.SimilarTo))
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
		if err := insertAttachment(ctx, tx, id, i, a); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// insertAttachment stores a as attachment number position of tip tipID,
// and queues the download of its file in the same transaction.
func insertAttachment(ctx context.Context, tx querier, tipID int64, position int, a tip.Attachment) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO attachments (tip_id, position, kind, message_id,
		file_id, file_unique_id, file_size, file_name, mime_type, width, height, duration)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		tipID, position, string(a.Kind), a.MessageID, a.FileID, a.FileUniqueID, a.FileSize,
		a.FileName, a.MimeType, a.Width, a.Height, a.Duration)
	if err != nil {
		return fmt.Errorf("insert attachment %d: %w", position, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("insert attachment %d: %w", position, err)
	}
	return queueDownload(ctx, tx, id)
}

// editTip replaces the text and links of tip id.
func editTip(ctx context.Context, tx querier, id int64, text string, links []string, editedAt time.Time) error {
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
	id, found, err := tipIDByMessages(ctx, q, chatID, []int64{messageID})
	if err != nil {
		return tip.Tip{}, err
	}
	if !found {
		return tip.Tip{}, tip.ErrNotFound
	}
	return getTip(ctx, q, id)
}

// getTip loads tip id with its message ids and attachments, or ErrNotFound.
func getTip(ctx context.Context, q querier, id int64) (tip.Tip, error) {
	t, err := scanTip(q.QueryRowContext(ctx, "SELECT "+tipColumns+" FROM tips WHERE id = ?", id))
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

// tipColumns are the columns of tips that scanTip reads, in order.
const tipColumns = `id, update_id,
	reporter_id, reporter_first, reporter_last, reporter_username,
	chat_id, media_group_id, text, links,
	origin_kind, origin_date, origin_sender_name, origin_sender_username, origin_sender_id,
	origin_chat_id, origin_chat_title, origin_chat_username, origin_message_id,
	sent_at, created_at, edited_at,
	region, region_source, region_choices, category, priority,
	status, status_unit, status_officer_id, status_officer_name, status_at, first_status_at,
	duplicate_of, reports, last_reported_at, similar_to`

// scanner is what *sql.Row and *sql.Rows have in common.
type scanner interface {
	Scan(dest ...any) error
}

// scanTip reads the tipColumns of one row, without message ids and
// attachments; sql.ErrNoRows becomes tip.ErrNotFound.
func scanTip(row scanner) (tip.Tip, error) {
	return new(tipRow).scan(row)
}

// tipRow holds the destinations of tipColumns. Reusing one for every row of
// a long result saves the allocations of a destination list per row.
type tipRow struct {
	t                               tip.Tip
	links                           sql.NullString
	kind, sName, sUser, cTitle, cUN sql.NullString
	oDate, sID, cID, mID            sql.NullInt64
	sent, created, edited           sql.NullInt64
	region, rSource, category, prio string
	choices                         sql.NullString
	status, unit, officer           string
	statusAt, firstStatusAt         sql.NullInt64
	dupOf, lastReport, similar      sql.NullInt64
	dest                            []any
}

// scan reads the tipColumns of one row as scanTip does.
func (r *tipRow) scan(row scanner) (tip.Tip, error) {
	if r.dest == nil {
		t := &r.t
		r.dest = []any{&t.ID, &t.UpdateID,
			&t.Reporter.ID, &t.Reporter.FirstName, &t.Reporter.LastName, &t.Reporter.Username,
			&t.ChatID, &t.MediaGroupID, &t.Text, &r.links,
			&r.kind, &r.oDate, &r.sName, &r.sUser, &r.sID, &r.cID, &r.cTitle, &r.cUN, &r.mID,
			&r.sent, &r.created, &r.edited,
			&r.region, &r.rSource, &r.choices, &r.category, &r.prio,
			&r.status, &r.unit, &t.Status.Officer.ID, &r.officer, &r.statusAt, &r.firstStatusAt,
			&r.dupOf, &t.Reports, &r.lastReport, &r.similar}
	}
	err := row.Scan(r.dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return tip.Tip{}, tip.ErrNotFound
	}
	if err != nil {
		return tip.Tip{}, fmt.Errorf("read tip: %w", err)
	}
	t := r.t
	if t.Links, err = fromJSONList[string](r.links); err != nil {
		return tip.Tip{}, fmt.Errorf("read tip %d links: %w", t.ID, err)
	}
	if r.kind.Valid {
		t.Origin = &tip.Origin{
			Kind: tip.OriginKind(r.kind.String), Date: fromMillis(r.oDate),
			SenderName: r.sName.String, SenderUsername: r.sUser.String, SenderID: r.sID.Int64,
			ChatID: r.cID.Int64, ChatTitle: r.cTitle.String, ChatUsername: r.cUN.String, MessageID: r.mID.Int64,
		}
	}
	t.SentAt, t.CreatedAt, t.EditedAt = fromMillis(r.sent), fromMillis(r.created), fromMillis(r.edited)
	t.Triage = tip.Triage{
		Region: tip.RegionKey(r.region), RegionSource: tip.TriageSource(r.rSource),
		Category: tip.Category(r.category), Priority: tip.Priority(r.prio),
	}
	t.Status.Status, t.Status.Unit, t.Status.Officer.FirstName = tip.Status(r.status), r.unit, r.officer
	t.Status.At, t.Status.FirstAt = fromMillis(r.statusAt), fromMillis(r.firstStatusAt)
	t.DuplicateOf, t.LastReportAt, t.SimilarTo = r.dupOf.Int64, fromMillis(r.lastReport), r.similar.Int64
	if t.Triage.RegionChoices, err = fromJSONList[tip.RegionKey](r.choices); err != nil {
		return tip.Tip{}, fmt.Errorf("read tip %d region choices: %w", t.ID, err)
	}
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

// attachmentColumns are the columns of attachments that scanAttachment
// reads, in order.
const attachmentColumns = `kind, message_id, file_id, file_unique_id, file_size,
	file_name, mime_type, width, height, duration`

// scanAttachment reads the attachmentColumns of one row, after the
// destinations in before.
func scanAttachment(row scanner, before ...any) (tip.Attachment, error) {
	var (
		a    tip.Attachment
		kind string
	)
	err := row.Scan(append(before, &kind, &a.MessageID, &a.FileID, &a.FileUniqueID, &a.FileSize,
		&a.FileName, &a.MimeType, &a.Width, &a.Height, &a.Duration)...)
	a.Kind = tip.AttachmentKind(kind)
	return a, err
}

func tipAttachments(ctx context.Context, q querier, id int64) ([]tip.Attachment, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+attachmentColumns+
		" FROM attachments WHERE tip_id = ? ORDER BY position", id)
	if err != nil {
		return nil, fmt.Errorf("read tip %d attachments: %w", id, err)
	}
	defer rows.Close()
	var out []tip.Attachment
	for rows.Next() {
		a, err := scanAttachment(rows)
		if err != nil {
			return nil, fmt.Errorf("read tip %d attachments: %w", id, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
