-- 0002_relay: backlog coalescing, rate pacing across restarts, chat
-- migrations (a group that became a supergroup) and failing targets.
-- All times are INTEGER Unix milliseconds (UTC), as in 0001.

-- coalesce is 1 for a row that may be merged with its coalescable
-- neighbours into one text; compact is its part of that text (HTML), NULL
-- when it has none. Rows written before this migration read 0 and NULL.
ALTER TABLE outbox ADD COLUMN coalesce INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN compact TEXT;

-- Only sent rows are indexed, by send time, so SentSince reads the recent
-- tail of a table holding every message ever sent. Pending(target) needs
-- no new index: outbox_pending (0001) is keyed by target and id.
CREATE INDEX outbox_sent ON outbox (sent_at, id) WHERE status = 'sent';

-- Chats that refuse the bot permanently; their messages wait until the
-- chat works again. failing_since is kept while the error repeats.
CREATE TABLE relay_targets (
	chat_id       INTEGER PRIMARY KEY,
	failing_since INTEGER NOT NULL,
	last_error    TEXT    NOT NULL
);

-- Groups that became supergroups: a row enqueued for old_chat_id is
-- written for new_chat_id (following chains of migrations).
CREATE TABLE chat_migrations (
	old_chat_id INTEGER PRIMARY KEY,
	new_chat_id INTEGER NOT NULL,
	migrated_at INTEGER NOT NULL
);
