package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

var _ tip.TipStore = (*TipStore)(nil)

// TipStore keeps tips, their messages and attachments, and writes the
// outbox rows a tip owes in the same transaction.
type TipStore struct {
	db *DB
}

// NewTipStore returns a TipStore backed by db.
func NewTipStore(db *DB) *TipStore { return &TipStore{db: db} }

// Create stores t (with CreatedAt set to the database clock's time), its
// message ids and attachments, and the outbox rows compose builds from the
// stored tip, in one transaction, and returns the stored tip.
//
// If a tip already holds one of t's (ChatID, MessageIDs), no tip is written
// and that tip is returned with created false. Either way, when
// t.MediaGroupID is set the album parts of t's messages are deleted, so an
// album whose tip exists does not stay pending. A nil compose enqueues
// nothing. Any error rolls everything back.
func (s *TipStore) Create(ctx context.Context, t tip.Tip, compose tip.Compose) (stored tip.Tip, created bool, err error) {
	if len(t.MessageIDs) == 0 {
		return tip.Tip{}, false, fmt.Errorf("create tip: no message ids")
	}
	err = s.db.inTx(ctx, func(tx querier) error {
		existing, found, err := tipIDByMessages(ctx, tx, t.ChatID, t.MessageIDs)
		if err != nil {
			return err
		}
		if found {
			if stored, err = getTip(ctx, tx, existing); err != nil {
				return err
			}
		} else {
			// What was written is t itself: no need to read it back.
			t.CreatedAt = s.db.Now()
			t.Reports = 1 // the column's default
			if t.ID, err = createTip(ctx, tx, t); err != nil {
				return err
			}
			stored = t
		}
		if !found && compose != nil {
			if err := enqueueRows(ctx, tx, stored.CreatedAt, compose(stored), true); err != nil {
				return err
			}
		}
		if t.MediaGroupID != "" {
			if err := deleteAlbumParts(ctx, tx, t.ChatID, t.MediaGroupID, t.MessageIDs); err != nil {
				return err
			}
		}
		created = !found
		return nil
	})
	if err != nil {
		return tip.Tip{}, false, fmt.Errorf("create tip: %w", err)
	}
	return stored, created, nil
}

// Get returns tip number id with its message ids and attachments, or an
// error wrapping tip.ErrNotFound.
func (s *TipStore) Get(ctx context.Context, id int64) (tip.Tip, error) {
	t, err := getTip(ctx, s.db.conn(), id)
	if err != nil {
		return tip.Tip{}, fmt.Errorf("get tip %d: %w", id, err)
	}
	return t, nil
}

// ByMessage returns the tip holding message (chatID, messageID), or an
// error wrapping tip.ErrNotFound.
func (s *TipStore) ByMessage(ctx context.Context, chatID, messageID int64) (tip.Tip, error) {
	t, err := tipByMessage(ctx, s.db.conn(), chatID, messageID)
	if err != nil {
		return tip.Tip{}, fmt.Errorf("get tip by message %d/%d: %w", chatID, messageID, err)
	}
	return t, nil
}

// Edit applies r to the tip holding (r.ChatID, r.MessageID): its text and
// links, its EditedAt, and the attachments of that message when their files
// (file_unique_id) differ from the stored ones; then it enqueues the rows
// compose builds from the edited tip, all in one transaction. An edit whose
// EditedAt is not after the stored EditedAt changes nothing and returns the
// stored tip with changed false. It returns an error wrapping
// tip.ErrNotFound if no tip holds the message.
func (s *TipStore) Edit(ctx context.Context, r tip.Revision, compose tip.EditCompose) (t tip.Tip, changed bool, err error) {
	chatID, messageID := r.ChatID, r.MessageID
	editedAt := r.EditedAt.UTC().Truncate(time.Millisecond)
	err = s.db.inTx(ctx, func(tx querier) error {
		if t, err = tipByMessage(ctx, tx, chatID, messageID); err != nil {
			return err
		}
		if !editedAt.After(t.EditedAt) {
			return nil
		}
		if err := editTip(ctx, tx, t.ID, r.Text, r.Links, editedAt); err != nil {
			return err
		}
		replaced, err := replaceAttachments(ctx, tx, t.ID, messageID, r.Attachments)
		if err != nil {
			return err
		}
		if t, err = getTip(ctx, tx, t.ID); err != nil {
			return err
		}
		if compose != nil {
			if err := enqueue(ctx, tx, s.db.Now(), compose(t, replaced)); err != nil {
				return err
			}
		}
		changed = true
		return nil
	})
	if err != nil {
		return tip.Tip{}, false, fmt.Errorf("edit tip of message %d/%d: %w", chatID, messageID, err)
	}
	return t, changed, nil
}
