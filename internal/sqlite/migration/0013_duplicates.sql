-- 0013_duplicates: repeats folded into the tip they repeat, and what the
-- image analysis (perceptual hash, text read by OCR) found in screenshots.

-- duplicate_of is the earlier tip a tip repeats (always an original, never
-- a repeat itself), NULL for an original. On an original, reports counts
-- the reports of it, itself included (1 until a repeat comes), and
-- last_reported_at is when the latest repeat came (Unix ms, NULL while
-- none did). similar_to is an earlier tip whose screenshot looks close
-- without being confirmed the same ("mirip #N" in the header).
ALTER TABLE tips ADD COLUMN duplicate_of INTEGER REFERENCES tips (id);
ALTER TABLE tips ADD COLUMN reports INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tips ADD COLUMN last_reported_at INTEGER;
ALTER TABLE tips ADD COLUMN similar_to INTEGER;
CREATE INDEX tips_duplicate_of ON tips (duplicate_of) WHERE duplicate_of IS NOT NULL;

-- The keys a repeat is recognised by, one row per key of a tip: "o:" the
-- forwarded post (origin chat and message id), "f:" a single file's
-- file_unique_id, "a:" an album's files, "s:" a single file's SHA-256,
-- "l:" a link's normalised key (internal/linknorm). created_at (Unix ms)
-- bounds the lookup to TIPRELAY_DUPLICATE_WINDOW.
CREATE TABLE tip_keys (
	key        TEXT    NOT NULL,
	tip_id     INTEGER NOT NULL REFERENCES tips (id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	PRIMARY KEY (key, tip_id)
) WITHOUT ROWID;
CREATE INDEX tip_keys_tip ON tip_keys (tip_id);

-- The keys of the tips stored before this migration that SQL can compute:
-- forwarded posts and single files. (Link keys need Go's normalisation;
-- tips older than this migration are not matched by link.)
INSERT OR IGNORE INTO tip_keys (key, tip_id, created_at)
	SELECT 'o:' || origin_chat_id || ':' || origin_message_id, id, created_at FROM tips
	WHERE origin_chat_id IS NOT NULL AND origin_chat_id != 0
		AND origin_message_id IS NOT NULL AND origin_message_id != 0;
INSERT OR IGNORE INTO tip_keys (key, tip_id, created_at)
	SELECT 'f:' || a.file_unique_id, a.tip_id, t.created_at
	FROM attachments a JOIN tips t ON t.id = a.tip_id
	WHERE a.file_unique_id != ''
		AND (SELECT count(*) FROM attachments b WHERE b.tip_id = a.tip_id) = 1;

-- Image analysis of a downloaded photo: its 64-bit perceptual hash (as a
-- signed integer), the text OCR read from it ('' when none, NULL until
-- read), and when the analysis ended (Unix ms; NULL while it is owed).
-- analysis_note says why an analysis gave up (unreadable image), ''
-- otherwise. The analysis job takes photos whose download is done and
-- analysed_at is NULL.
ALTER TABLE attachments ADD COLUMN phash INTEGER;
ALTER TABLE attachments ADD COLUMN ocr_text TEXT;
ALTER TABLE attachments ADD COLUMN analysed_at INTEGER;
ALTER TABLE attachments ADD COLUMN analysis_note TEXT NOT NULL DEFAULT '';
CREATE INDEX attachments_phash ON attachments (phash) WHERE phash IS NOT NULL;
CREATE INDEX attachments_unanalysed ON attachments (id) WHERE analysed_at IS NULL AND kind = 'photo';

-- Photos stored before this migration are not analysed: hashing and
-- reading months of old screenshots at upgrade time would hold the
-- OCR worker for hours, and they are outside the duplicate window.
UPDATE attachments SET analysed_at = 0;
