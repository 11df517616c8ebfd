-- 0005_triage: a tip's region, category and priority, and the outbox rows
-- that triage needs: edits of sent messages, inline keyboards, answers to
-- button presses and urgent rows that jump their target's queue.

-- region and category are '' until set; region_source says how the
-- region was set (hashtag, place, button); region_choices is the JSON
-- array of regions a text named when it named more than one, NULL when
-- none.
ALTER TABLE tips ADD COLUMN region TEXT NOT NULL DEFAULT '';
ALTER TABLE tips ADD COLUMN region_source TEXT NOT NULL DEFAULT '';
ALTER TABLE tips ADD COLUMN region_choices TEXT;
ALTER TABLE tips ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE tips ADD COLUMN priority TEXT NOT NULL DEFAULT 'biasa';

-- buttons is the JSON inline keyboard, NULL for none; edit_of the row
-- whose sent message an edit changes; callback_id the button press an
-- answer_callback row answers; urgent 1 for rows that go first.
ALTER TABLE outbox ADD COLUMN buttons TEXT;
ALTER TABLE outbox ADD COLUMN edit_of INTEGER;
ALTER TABLE outbox ADD COLUMN callback_id TEXT;
ALTER TABLE outbox ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;

-- A waiting edit of a message is replaced by a later one (superseded
-- edits are never sent): the pending edits of a row are found by edit_of.
CREATE INDEX outbox_pending_edit ON outbox (edit_of) WHERE status = 'pending' AND edit_of IS NOT NULL;
