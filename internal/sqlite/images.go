package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

var _ tip.ImageStore = (*ImageStore)(nil)

// ImageStore keeps what the analysis of photos found (attachments.phash,
// ocr_text, analysed_at, analysis_note; migration 0013), and lists the
// photos still owed an analysis.
type ImageStore struct {
	db *DB
}

// NewImageStore returns an ImageStore backed by db.
func NewImageStore(db *DB) *ImageStore { return &ImageStore{db: db} }

// SaveAnalysis records a on its attachment.
func (s *ImageStore) SaveAnalysis(ctx context.Context, a tip.ImageAnalysis, at time.Time) error {
	var hash sql.NullInt64
	if a.Hashed {
		hash = sql.NullInt64{Int64: int64(a.Hash), Valid: true}
	}
	var text sql.NullString
	if a.Read {
		text = sql.NullString{String: a.Text, Valid: true}
	}
	if _, err := s.db.conn().ExecContext(ctx, `UPDATE attachments SET phash = ?, ocr_text = ?, analysed_at = ?,
		analysis_note = ? WHERE id = ?`, hash, text, millis(at), a.Note, a.AttachmentID); err != nil {
		return fmt.Errorf("save analysis of attachment %d: %w", a.AttachmentID, err)
	}
	return nil
}

// ImageText returns the OCR text of tip tipID's photos, joined by blank
// lines in attachment order.
func (s *ImageStore) ImageText(ctx context.Context, tipID int64) (string, bool, error) {
	rows, err := s.db.conn().QueryContext(ctx, `SELECT ocr_text FROM attachments
		WHERE tip_id = ? AND ocr_text IS NOT NULL ORDER BY position`, tipID)
	if err != nil {
		return "", false, fmt.Errorf("image text of tip %d: %w", tipID, err)
	}
	defer rows.Close()
	var parts []string
	read := false
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return "", false, fmt.Errorf("image text of tip %d: %w", tipID, err)
		}
		read = true
		if t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, "\n\n"), read, rows.Err()
}

// ImageJob is a photo owed an analysis: its download ended (Status) and
// analysed_at is still NULL.
type ImageJob struct {
	AttachmentID int64
	TipID        int64
	Status       tip.DownloadStatus
	SHA256       string
}

// Unanalysed returns up to limit photos whose download ended and which
// were not analysed yet, oldest first.
func (s *ImageStore) Unanalysed(ctx context.Context, limit int) ([]ImageJob, error) {
	rows, err := s.db.conn().QueryContext(ctx, `SELECT a.id, a.tip_id, d.status, coalesce(d.sha256, '')
		FROM attachments a JOIN downloads d ON d.attachment_id = a.id
		WHERE a.analysed_at IS NULL AND a.kind = 'photo' AND d.status <> 'pending'
		ORDER BY a.id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("list unanalysed photos: %w", err)
	}
	defer rows.Close()
	var out []ImageJob
	for rows.Next() {
		var j ImageJob
		var st string
		if err := rows.Scan(&j.AttachmentID, &j.TipID, &st, &j.SHA256); err != nil {
			return nil, fmt.Errorf("list unanalysed photos: %w", err)
		}
		j.Status = tip.DownloadStatus(st)
		out = append(out, j)
	}
	return out, rows.Err()
}

// ImageHash is the hash of one analysed photo of tip TipID.
type ImageHash struct {
	TipID int64
	Hash  uint64
}

// Hashes returns the hashes of the photos of tips stored at or after
// since, oldest first: what the analysis worker's index starts with.
func (s *ImageStore) Hashes(ctx context.Context, since time.Time) ([]ImageHash, error) {
	rows, err := s.db.conn().QueryContext(ctx, `SELECT a.tip_id, a.phash FROM attachments a
		JOIN tips t ON t.id = a.tip_id
		WHERE a.phash IS NOT NULL AND t.created_at >= ? ORDER BY a.id`, millis(since))
	if err != nil {
		return nil, fmt.Errorf("list photo hashes: %w", err)
	}
	defer rows.Close()
	var out []ImageHash
	for rows.Next() {
		var h ImageHash
		var v int64
		if err := rows.Scan(&h.TipID, &v); err != nil {
			return nil, fmt.Errorf("list photo hashes: %w", err)
		}
		h.Hash = uint64(v)
		out = append(out, h)
	}
	return out, rows.Err()
}
