package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/tiprelay/tiprelay/internal/tip"
)

var _ tip.AuditLog = (*AuditLog)(nil)

// AuditLog is the append-only log of security-relevant events.
type AuditLog struct {
	db *DB
}

// NewAuditLog returns an AuditLog backed by db.
func NewAuditLog(db *DB) *AuditLog { return &AuditLog{db: db} }

// Audit appends e; its ID is ignored, and a zero At is set to the database
// clock's time.
func (l *AuditLog) Audit(ctx context.Context, e tip.AuditEntry) error {
	if e.At.IsZero() {
		e.At = l.db.Now()
	}
	if err := l.db.inTx(ctx, func(tx querier) error { return audit(ctx, tx, e) }); err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	return nil
}

// AuditEntries returns the newest entries first, at most limit.
func (l *AuditLog) AuditEntries(ctx context.Context, limit int) ([]tip.AuditEntry, error) {
	rows, err := l.db.conn().QueryContext(ctx, `SELECT id, at, actor_id, action, subject, detail
		FROM audit ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("list audit: %w", err)
	}
	defer rows.Close()
	var out []tip.AuditEntry
	for rows.Next() {
		var (
			e  tip.AuditEntry
			at sql.NullInt64
		)
		if err := rows.Scan(&e.ID, &at, &e.ActorID, &e.Action, &e.Subject, &e.Detail); err != nil {
			return nil, fmt.Errorf("list audit: %w", err)
		}
		e.At = fromMillis(at)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list audit: %w", err)
	}
	return out, nil
}

// audit inserts e in tx.
func audit(ctx context.Context, tx querier, e tip.AuditEntry) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO audit (at, actor_id, action, subject, detail)
		VALUES (?, ?, ?, ?, ?)`, millis(e.At), e.ActorID, e.Action, e.Subject, e.Detail); err != nil {
		return fmt.Errorf("insert audit: %w", err)
	}
	return nil
}
