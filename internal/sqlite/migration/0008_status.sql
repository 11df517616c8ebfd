-- 0008_status: the police status of tips and its history, the
-- conversation between the police and a tip's reporter, the messages the
-- bot sent (to find the tip a reply or a press is about), and the
-- escalation of tips nobody took.

-- status is '' until an officer sets one; status_unit, status_officer_*
-- and status_at describe the last change; first_status_at is when the
-- first came (response times). escalated is 1 once the admins were told
-- about the tip: escalation has ended for it.
ALTER TABLE tips ADD COLUMN status TEXT NOT NULL DEFAULT '';
ALTER TABLE tips ADD COLUMN status_unit TEXT NOT NULL DEFAULT '';
ALTER TABLE tips ADD COLUMN status_officer_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tips ADD COLUMN status_officer_name TEXT NOT NULL DEFAULT '';
ALTER TABLE tips ADD COLUMN status_at INTEGER;
ALTER TABLE tips ADD COLUMN first_status_at INTEGER;
ALTER TABLE tips ADD COLUMN escalated INTEGER NOT NULL DEFAULT 0;

-- Tips stored before escalation existed are not escalated: an upgrade must
-- not remind the police of months of old tips at once.
UPDATE tips SET escalated = 1;

-- The tips escalation still looks at: no status, escalation not ended.
CREATE INDEX tips_unanswered ON tips (id) WHERE status = '' AND escalated = 0;

-- One row per status change: who (officer), which chat and unit, when,
-- from what to what.
CREATE TABLE tip_status (
	id            INTEGER PRIMARY KEY,
	tip_id        INTEGER NOT NULL REFERENCES tips (id),
	from_status   TEXT    NOT NULL,
	to_status     TEXT    NOT NULL,
	chat_id       INTEGER NOT NULL,
	unit          TEXT    NOT NULL,
	officer_id    INTEGER NOT NULL,
	officer_first TEXT    NOT NULL DEFAULT '',
	officer_last  TEXT    NOT NULL DEFAULT '',
	officer_username TEXT NOT NULL DEFAULT '',
	at            INTEGER NOT NULL
);
CREATE INDEX tip_status_tip ON tip_status (tip_id, id);

-- Questions from a police chat to a tip's reporter and the reporter's
-- answers, each as its author wrote it (chat_id, message_id), once.
CREATE TABLE conversation (
	id             INTEGER PRIMARY KEY,
	tip_id         INTEGER NOT NULL REFERENCES tips (id),
	direction      TEXT    NOT NULL CHECK (direction IN ('question', 'answer')),
	police_chat_id INTEGER NOT NULL,
	unit           TEXT    NOT NULL,
	from_id        INTEGER NOT NULL,
	from_first     TEXT    NOT NULL DEFAULT '',
	from_last      TEXT    NOT NULL DEFAULT '',
	from_username  TEXT    NOT NULL DEFAULT '',
	chat_id        INTEGER NOT NULL,
	message_id     INTEGER NOT NULL,
	kind           TEXT    NOT NULL,
	text           TEXT    NOT NULL,
	at             INTEGER NOT NULL,
	UNIQUE (chat_id, message_id)
);
CREATE INDEX conversation_tip ON conversation (tip_id, id);

-- Every message the bot sent, by chat and id, and the outbox row that sent
-- it (the first: an edit names the message it edits, a merged delivery
-- names the head's message for all its rows).
CREATE TABLE sent_messages (
	chat_id    INTEGER NOT NULL,
	message_id INTEGER NOT NULL,
	outbox_id  INTEGER NOT NULL,
	PRIMARY KEY (chat_id, message_id)
) WITHOUT ROWID;

INSERT OR IGNORE INTO sent_messages (chat_id, message_id, outbox_id)
	SELECT o.target_chat_id, j.value, o.id
	FROM outbox o, json_each(o.sent_message_ids) j
	WHERE o.status = 'sent' AND o.sent_message_ids IS NOT NULL AND json_valid(o.sent_message_ids)
	ORDER BY o.id;

-- Every send records its messages, whichever way the row was marked sent
-- (one row, or a merged delivery).
CREATE TRIGGER outbox_sent_messages AFTER UPDATE OF status ON outbox
WHEN NEW.status = 'sent' AND OLD.status <> 'sent' AND NEW.sent_message_ids IS NOT NULL
	AND json_valid(NEW.sent_message_ids)
BEGIN
	INSERT OR IGNORE INTO sent_messages (chat_id, message_id, outbox_id)
		SELECT NEW.target_chat_id, value, NEW.id FROM json_each(NEW.sent_message_ids);
END;
