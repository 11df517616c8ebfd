package sqlite

import (
	"context"
	"fmt"
	"slices"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// replaceAttachments replaces the attachments of message messageID of tip
// tipID with atts when their files (file_unique_id, in order) differ, and
// reports whether it did. The new attachments take the positions the
// message's old ones had, and any more go after the tip's last, so the
// tip's order is kept. An edit without attachments leaves the stored ones:
// Telegram cannot take the media off a message, so an empty list only
// means that the edited media was not understood, and the evidence stays.
func replaceAttachments(ctx context.Context, tx querier, tipID, messageID int64, atts []tip.Attachment) (bool, error) {
	if len(atts) == 0 {
		return false, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT position, file_unique_id FROM attachments
		WHERE tip_id = ? AND message_id = ? ORDER BY position`, tipID, messageID)
	if err != nil {
		return false, fmt.Errorf("read attachments of message %d: %w", messageID, err)
	}
	var positions []int
	var old []string
	for rows.Next() {
		var pos int
		var unique string
		if err := rows.Scan(&pos, &unique); err != nil {
			rows.Close()
			return false, fmt.Errorf("read attachments of message %d: %w", messageID, err)
		}
		positions, old = append(positions, pos), append(old, unique)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("read attachments of message %d: %w", messageID, err)
	}
	next := make([]string, len(atts))
	for i, a := range atts {
		next[i] = a.FileUniqueID
	}
	if slices.Equal(old, next) {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM attachments WHERE tip_id = ? AND message_id = ?", tipID, messageID); err != nil {
		return false, fmt.Errorf("replace attachments of message %d: %w", messageID, err)
	}
	var last int
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(position), -1) FROM attachments WHERE tip_id = ?", tipID).Scan(&last); err != nil {
		return false, fmt.Errorf("replace attachments of message %d: %w", messageID, err)
	}
	last = max(last, slices.Max(append(positions, -1)))
	for i, a := range atts {
		pos := last + 1 + i - len(positions)
		if i < len(positions) {
			pos = positions[i]
		}
		a.MessageID = messageID
		if err := insertAttachment(ctx, tx, tipID, pos, a); err != nil {
			return false, err
		}
	}
	return true, nil
}
