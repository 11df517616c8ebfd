package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// DownloadStore keeps the download jobs of attachments (table downloads):
// one per attachment, queued with it (see queueDownload), claimed with a
// lease by the fetch worker, and finished with the stored file's hash or
// the reason it was not fetched.
type DownloadStore struct {
	db *DB
}

// NewDownloadStore returns a DownloadStore backed by db.
func NewDownloadStore(db *DB) *DownloadStore { return &DownloadStore{db: db} }

// queueDownload queues the download of attachment attachmentID, in the
// transaction that stores the attachment.
func queueDownload(ctx context.Context, tx querier, attachmentID int64) error {
	if _, err := tx.ExecContext(ctx, "INSERT INTO downloads (attachment_id) VALUES (?)", attachmentID); err != nil {
		return fmt.Errorf("queue download of attachment %d: %w", attachmentID, err)
	}
	return nil
}

// dueExpr is when a pending job may be claimed: after its next attempt
// time and after any lease. It is the expression of index downloads_due.
const dueExpr = "max(next_attempt_at, lease_until)"

const downloadColumns = `d.attachment_id, a.tip_id, a.kind, a.file_id, a.file_size, a.mime_type,
	d.status, d.attempts, coalesce(d.sha256, ''), coalesce(d.size, 0), coalesce(d.mime_type, ''), d.reason`

func scanDownload(row scanner) (tip.Download, error) {
	var d tip.Download
	err := row.Scan(&d.AttachmentID, &d.TipID, &d.Kind, &d.FileID, &d.FileSize, &d.DeclaredMIME,
		&d.Status, &d.Attempts, &d.SHA256, &d.Size, &d.MIME, &d.Reason)
	return d, err
}

// Claim takes up to limit pending jobs that are due at now, oldest first,
// holding each until now+lease, and counts an attempt for each. A job
// whose lease expired (its worker stopped mid-download) is due again.
func (s *DownloadStore) Claim(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]tip.Download, error) {
	var out []tip.Download
	err := s.db.inTx(ctx, func(tx querier) error {
		rows, err := tx.QueryContext(ctx, `SELECT attachment_id FROM downloads
			WHERE status = 'pending' AND `+dueExpr+` <= ? ORDER BY attachment_id LIMIT ?`, millis(now), limit)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE downloads SET lease_until = ?, attempts = attempts + 1
				WHERE attachment_id = ?`, millis(now.Add(lease)), id); err != nil {
				return err
			}
			d, err := scanDownload(tx.QueryRowContext(ctx, `SELECT `+downloadColumns+`
				FROM downloads d JOIN attachments a ON a.id = d.attachment_id WHERE d.attachment_id = ?`, id))
			if err != nil {
				return err
			}
			out = append(out, d)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claim downloads: %w", err)
	}
	return out, nil
}

// Finish records the outcome of job d.AttachmentID: d.Status (done, too
// large, gone or failed) with d.SHA256, d.Size and d.MIME when done, and
// d.Reason otherwise. A job that is no longer pending keeps its first
// outcome: Finish then reports recorded false.
func (s *DownloadStore) Finish(ctx context.Context, d tip.Download) (recorded bool, err error) {
	if d.Status == tip.DownloadPending || d.Status == "" {
		return false, fmt.Errorf("finish download %d: status %q is not an outcome", d.AttachmentID, d.Status)
	}
	var sum, mime sql.NullString
	var size sql.NullInt64
	if d.Status == tip.DownloadDone {
		sum = sql.NullString{String: d.SHA256, Valid: true}
		mime = sql.NullString{String: d.MIME, Valid: true}
		size = sql.NullInt64{Int64: d.Size, Valid: true}
	}
	err = s.db.inTx(ctx, func(tx querier) error {
		res, err := tx.ExecContext(ctx, `UPDATE downloads SET status = ?, sha256 = ?, size = ?, mime_type = ?,
			reason = ?, lease_until = 0, finished_at = ? WHERE attachment_id = ? AND status = 'pending'`,
			string(d.Status), sum, size, mime, d.Reason, millis(s.db.Now()), d.AttachmentID)
		if err != nil {
			return err
		}
		recorded, err = rowsAffected(res)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("finish download %d: %w", d.AttachmentID, err)
	}
	return recorded, nil
}

// Retry releases pending job id, due again at at, with reason as its last
// error.
func (s *DownloadStore) Retry(ctx context.Context, id int64, at time.Time, reason string) error {
	err := s.db.inTx(ctx, func(tx querier) error {
		_, err := tx.ExecContext(ctx, `UPDATE downloads SET next_attempt_at = ?, lease_until = 0, reason = ?
			WHERE attachment_id = ? AND status = 'pending'`, millis(at), reason, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("retry download %d: %w", id, err)
	}
	return nil
}

// NextDue returns when the earliest pending job becomes due (it may be in
// the past), and false when no job is pending.
func (s *DownloadStore) NextDue(ctx context.Context) (time.Time, bool, error) {
	var at sql.NullInt64
	if err := s.db.conn().QueryRowContext(ctx, `SELECT min(`+dueExpr+`) FROM downloads
		WHERE status = 'pending'`).Scan(&at); err != nil {
		return time.Time{}, false, fmt.Errorf("next download: %w", err)
	}
	if !at.Valid {
		return time.Time{}, false, nil
	}
	return time.UnixMilli(at.Int64).UTC(), true, nil
}

// Pending returns the number of pending jobs.
func (s *DownloadStore) Pending(ctx context.Context) (int, error) {
	var n int
	if err := s.db.conn().QueryRowContext(ctx, "SELECT count(*) FROM downloads WHERE status = 'pending'").Scan(&n); err != nil {
		return 0, fmt.Errorf("count pending downloads: %w", err)
	}
	return n, nil
}

// ByTip returns the download jobs of tip tipID's attachments in their
// order.
func (s *DownloadStore) ByTip(ctx context.Context, tipID int64) ([]tip.Download, error) {
	rows, err := s.db.conn().QueryContext(ctx, `SELECT `+downloadColumns+`
		FROM downloads d JOIN attachments a ON a.id = d.attachment_id
		WHERE a.tip_id = ? ORDER BY a.position`, tipID)
	if err != nil {
		return nil, fmt.Errorf("downloads of tip %d: %w", tipID, err)
	}
	defer rows.Close()
	var out []tip.Download
	for rows.Next() {
		d, err := scanDownload(rows)
		if err != nil {
			return nil, fmt.Errorf("downloads of tip %d: %w", tipID, err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("downloads of tip %d: %w", tipID, err)
	}
	return out, nil
}
