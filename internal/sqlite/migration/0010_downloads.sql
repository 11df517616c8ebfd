-- 0010_downloads: one download job per attachment, and its outcome.
-- The job is queued in the transaction that stores the attachment and
-- carried out later by the fetch worker; the relay never waits for it.
-- An attachment removed by an edit takes its job with it.
CREATE TABLE downloads (
	attachment_id   INTEGER PRIMARY KEY REFERENCES attachments (id) ON DELETE CASCADE,
	status          TEXT    NOT NULL DEFAULT 'pending'
		CHECK (status IN ('pending', 'done', 'too_large', 'gone', 'failed')),
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_at INTEGER NOT NULL DEFAULT 0, -- Unix ms; 0 = due now
	lease_until     INTEGER NOT NULL DEFAULT 0, -- Unix ms; a claim holds the job until then
	reason          TEXT    NOT NULL DEFAULT '', -- why not fetched, or the last temporary error
	sha256          TEXT,    -- lower-case hex, NULL until done
	size            INTEGER, -- bytes stored, NULL until done
	mime_type       TEXT,    -- NULL until done
	finished_at     INTEGER  -- Unix ms, NULL while pending
);
CREATE INDEX downloads_due ON downloads (max(next_attempt_at, lease_until)) WHERE status = 'pending';
CREATE INDEX downloads_sha256 ON downloads (sha256) WHERE sha256 IS NOT NULL;

-- The attachments of tips stored before this migration are fetched too.
INSERT INTO downloads (attachment_id) SELECT id FROM attachments;
