-- 0003_digest: uploaded files and send leases on the outbox, and the
-- record of digest runs. All times are INTEGER Unix milliseconds (UTC), as
-- in 0001.

-- The upload of a send_document or send_photo row. file_name is NULL when
-- the row has no file (and is the mark that it has one); file_data is added
-- last, so reads that stop before it (Pending, SentSince) never touch the
-- overflow pages a large file occupies.
ALTER TABLE outbox ADD COLUMN file_name TEXT;
ALTER TABLE outbox ADD COLUMN file_mime TEXT;

-- A process about to send a row leases it first, so that two processes on
-- one database never send the same row; NULL when nobody holds it. The
-- Mark* methods clear both columns.
ALTER TABLE outbox ADD COLUMN lease_owner TEXT;
ALTER TABLE outbox ADD COLUMN lease_until INTEGER;

ALTER TABLE outbox ADD COLUMN file_data BLOB;

-- The first sent relay row of each tip, which digests link to: only sent
-- relay rows are indexed, keyed by tip and id, so the lookup for a day's
-- tips reads one short index range per tip.
CREATE INDEX outbox_relay_sent ON outbox (tip_id, id)
	WHERE status = 'sent' AND purpose = 'relay';

-- One row per digest sent, so that a restart neither skips nor repeats a
-- scheduled digest; slot names the schedule and its time.
CREATE TABLE digest_runs (
	slot        TEXT    PRIMARY KEY,
	period_from INTEGER NOT NULL,
	period_to   INTEGER NOT NULL,
	tips        INTEGER NOT NULL,
	created_at  INTEGER NOT NULL
);
-- LastRun reads the last entry of this index.
CREATE INDEX digest_runs_latest ON digest_runs (period_to, created_at, slot);
