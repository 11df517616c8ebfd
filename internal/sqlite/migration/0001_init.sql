-- 0001_init: the initial tiprelay schema.
-- All times are INTEGER Unix milliseconds (UTC); an unknown time is NULL
-- (or 0 where the column is NOT NULL).

-- The raw Bot API update stream, stored before any processing.
CREATE TABLE updates (
	update_id    INTEGER PRIMARY KEY,
	raw          BLOB    NOT NULL,
	received_at  INTEGER NOT NULL,
	status       TEXT    NOT NULL DEFAULT 'received',
	error        TEXT    NOT NULL DEFAULT '',
	processed_at INTEGER
);
CREATE INDEX updates_received ON updates (update_id) WHERE status = 'received';

-- Small key/value settings; key 'offset' holds the getUpdates offset.
CREATE TABLE state (
	key   TEXT PRIMARY KEY,
	value
);

-- Tips; id is the number shown to people and is never reused.
CREATE TABLE tips (
	id                INTEGER PRIMARY KEY AUTOINCREMENT,
	update_id         INTEGER NOT NULL,
	reporter_id       INTEGER NOT NULL,
	reporter_first    TEXT    NOT NULL DEFAULT '',
	reporter_last     TEXT    NOT NULL DEFAULT '',
	reporter_username TEXT    NOT NULL DEFAULT '',
	chat_id           INTEGER NOT NULL,
	media_group_id    TEXT    NOT NULL DEFAULT '',
	text              TEXT    NOT NULL DEFAULT '',
	links             TEXT,   -- JSON array of strings, NULL when none
	origin_kind       TEXT,   -- NULL when the tip is not forwarded
	origin_date       INTEGER,
	origin_sender_name     TEXT,
	origin_sender_username TEXT,
	origin_sender_id       INTEGER,
	origin_chat_id         INTEGER,
	origin_chat_title      TEXT,
	origin_chat_username   TEXT,
	origin_message_id      INTEGER,
	sent_at           INTEGER,
	created_at        INTEGER NOT NULL,
	edited_at         INTEGER
);
CREATE INDEX tips_created_at ON tips (created_at);
CREATE INDEX tips_reporter ON tips (reporter_id, created_at);

-- The staff messages a tip is made of; the primary key makes
-- TipStore.Create idempotent on (chat_id, message_id).
CREATE TABLE tip_messages (
	chat_id    INTEGER NOT NULL,
	message_id INTEGER NOT NULL,
	tip_id     INTEGER NOT NULL REFERENCES tips (id) ON DELETE CASCADE,
	PRIMARY KEY (chat_id, message_id)
) WITHOUT ROWID;
CREATE INDEX tip_messages_tip ON tip_messages (tip_id);

-- The files of a tip, in message order (position).
CREATE TABLE attachments (
	id             INTEGER PRIMARY KEY,
	tip_id         INTEGER NOT NULL REFERENCES tips (id) ON DELETE CASCADE,
	position       INTEGER NOT NULL,
	kind           TEXT    NOT NULL,
	message_id     INTEGER NOT NULL DEFAULT 0,
	file_id        TEXT    NOT NULL,
	file_unique_id TEXT    NOT NULL DEFAULT '',
	file_size      INTEGER NOT NULL DEFAULT 0,
	file_name      TEXT    NOT NULL DEFAULT '',
	mime_type      TEXT    NOT NULL DEFAULT '',
	width          INTEGER NOT NULL DEFAULT 0,
	height         INTEGER NOT NULL DEFAULT 0,
	duration       INTEGER NOT NULL DEFAULT 0,
	UNIQUE (tip_id, position)
);
CREATE INDEX attachments_file_unique_id ON attachments (file_unique_id);

-- Album messages waiting for the album to be quiet.
CREATE TABLE album_parts (
	chat_id        INTEGER NOT NULL,
	message_id     INTEGER NOT NULL,
	media_group_id TEXT    NOT NULL,
	draft          TEXT    NOT NULL, -- JSON of the single-message tip draft
	received_at    INTEGER NOT NULL,
	PRIMARY KEY (chat_id, message_id)
) WITHOUT ROWID;
CREATE INDEX album_parts_group ON album_parts (chat_id, media_group_id);

-- Messages the bot owes to chats, drained in id order per target.
CREATE TABLE outbox (
	id               INTEGER PRIMARY KEY AUTOINCREMENT,
	tip_id           INTEGER REFERENCES tips (id),
	purpose          TEXT    NOT NULL DEFAULT '',
	target_chat_id   INTEGER NOT NULL,
	target_thread_id INTEGER NOT NULL DEFAULT 0,
	kind             TEXT    NOT NULL,
	text             TEXT    NOT NULL DEFAULT '',
	from_chat_id     INTEGER NOT NULL DEFAULT 0,
	message_ids      TEXT,   -- JSON array of message ids, NULL when none
	reply_to         INTEGER NOT NULL DEFAULT 0,
	dedupe_key       TEXT    UNIQUE, -- NULL when the message has none
	status           TEXT    NOT NULL DEFAULT 'pending'
		CHECK (status IN ('pending', 'sent', 'failed')),
	attempts         INTEGER NOT NULL DEFAULT 0,
	next_attempt_at  INTEGER NOT NULL DEFAULT 0,
	last_error       TEXT    NOT NULL DEFAULT '',
	sent_message_ids TEXT,   -- JSON array of message ids, NULL until sent
	created_at       INTEGER NOT NULL,
	sent_at          INTEGER
);
-- Only pending rows are indexed, so Due and NextAttempt stay fast however
-- many sent rows accumulate.
CREATE INDEX outbox_pending ON outbox (target_chat_id, target_thread_id, id)
	WHERE status = 'pending';
CREATE INDEX outbox_tip ON outbox (tip_id) WHERE tip_id IS NOT NULL;

-- Staff added by admins at run time.
CREATE TABLE staff (
	user_id  INTEGER PRIMARY KEY,
	added_by INTEGER NOT NULL,
	added_at INTEGER NOT NULL
);

-- Security-relevant events, append only.
CREATE TABLE audit (
	id       INTEGER PRIMARY KEY AUTOINCREMENT,
	at       INTEGER NOT NULL,
	actor_id INTEGER NOT NULL DEFAULT 0,
	action   TEXT    NOT NULL,
	subject  TEXT    NOT NULL DEFAULT '',
	detail   TEXT    NOT NULL DEFAULT ''
);
