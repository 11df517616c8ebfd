package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/tiprelay/tiprelay/internal/tip"
)

var _ tip.AlbumStore = (*AlbumStore)(nil)

// AlbumStore keeps the messages of an album until the album is quiet and
// TipStore.Create turns them into one tip (deleting them).
//
// A part's draft is stored as the JSON encoding of tip.Tip. Parts live for
// seconds, so the encoding only needs to survive a restart of the same
// binary.
type AlbumStore struct {
	db *DB
}

// NewAlbumStore returns an AlbumStore backed by db.
func NewAlbumStore(db *DB) *AlbumStore { return &AlbumStore{db: db} }

// PutAlbumPart stores or replaces the part for (Draft.ChatID,
// Draft.MessageIDs[0]). The draft must have a message id and a
// MediaGroupID. A zero ReceivedAt is set to the database clock's time.
func (s *AlbumStore) PutAlbumPart(ctx context.Context, p tip.AlbumPart) error {
	if len(p.Draft.MessageIDs) == 0 || p.Draft.MediaGroupID == "" {
		return fmt.Errorf("put album part: draft needs a message id and a media group id")
	}
	draft, err := json.Marshal(p.Draft)
	if err != nil {
		return fmt.Errorf("put album part: encode draft: %w", err)
	}
	at := p.ReceivedAt
	if at.IsZero() {
		at = s.db.Now()
	}
	_, err = s.db.conn().ExecContext(ctx, `INSERT INTO album_parts
		(chat_id, message_id, media_group_id, draft, received_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (chat_id, message_id) DO UPDATE SET
			media_group_id = excluded.media_group_id,
			draft = excluded.draft,
			received_at = excluded.received_at`,
		p.Draft.ChatID, p.Draft.MessageIDs[0], p.Draft.MediaGroupID, string(draft), millis(at))
	if err != nil {
		return fmt.Errorf("put album part: %w", err)
	}
	return nil
}

// PendingAlbums lists the albums with waiting parts, the one whose newest
// part is oldest first.
func (s *AlbumStore) PendingAlbums(ctx context.Context) ([]tip.AlbumKey, error) {
	rows, err := s.db.conn().QueryContext(ctx, `SELECT chat_id, media_group_id, max(received_at) AS last
		FROM album_parts GROUP BY chat_id, media_group_id ORDER BY last, chat_id, media_group_id`)
	if err != nil {
		return nil, fmt.Errorf("list pending albums: %w", err)
	}
	defer rows.Close()
	var out []tip.AlbumKey
	for rows.Next() {
		var (
			k    tip.AlbumKey
			last sql.NullInt64
		)
		if err := rows.Scan(&k.ChatID, &k.MediaGroupID, &last); err != nil {
			return nil, fmt.Errorf("list pending albums: %w", err)
		}
		k.LastPartAt = fromMillis(last)
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list pending albums: %w", err)
	}
	return out, nil
}

// AlbumParts returns the waiting parts of one album, by message id.
func (s *AlbumStore) AlbumParts(ctx context.Context, chatID int64, mediaGroupID string) ([]tip.AlbumPart, error) {
	rows, err := s.db.conn().QueryContext(ctx, `SELECT draft, received_at FROM album_parts
		WHERE chat_id = ? AND media_group_id = ? ORDER BY message_id`, chatID, mediaGroupID)
	if err != nil {
		return nil, fmt.Errorf("list album parts: %w", err)
	}
	defer rows.Close()
	var out []tip.AlbumPart
	for rows.Next() {
		var (
			p     tip.AlbumPart
			draft string
			at    sql.NullInt64
		)
		if err := rows.Scan(&draft, &at); err != nil {
			return nil, fmt.Errorf("list album parts: %w", err)
		}
		if err := json.Unmarshal([]byte(draft), &p.Draft); err != nil {
			return nil, fmt.Errorf("list album parts: decode draft: %w", err)
		}
		p.ReceivedAt = fromMillis(at)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list album parts: %w", err)
	}
	return out, nil
}

// deleteAlbumParts deletes the waiting parts of album (chatID, mediaGroupID)
// that are among messageIDs. A part that arrived after the caller read the
// album is kept, so it is not lost.
func deleteAlbumParts(ctx context.Context, tx querier, chatID int64, mediaGroupID string, messageIDs []int64) error {
	for _, m := range messageIDs {
		if _, err := tx.ExecContext(ctx, `DELETE FROM album_parts
			WHERE chat_id = ? AND message_id = ? AND media_group_id = ?`, chatID, m, mediaGroupID); err != nil {
			return fmt.Errorf("delete album part %d: %w", m, err)
		}
	}
	return nil
}
