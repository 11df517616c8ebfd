-- 0011_sent_messages_scope: sent_messages records only the messages a reply
-- or a button press can be about (SentAs): a tip's relay, a reminder, a
-- question, an answer, a card. Acknowledgements, status notices and
-- digests are most of what the bot sends under a flood, and no reply to
-- them means anything, so they are no longer written there (the ingest
-- benchmark moved within its noise). Rows recorded before stay.
DROP TRIGGER outbox_sent_messages;

CREATE TRIGGER outbox_sent_messages AFTER UPDATE OF status ON outbox
WHEN NEW.status = 'sent' AND OLD.status <> 'sent' AND NEW.sent_message_ids IS NOT NULL
	AND (NEW.purpose IN ('relay', 'reminder', 'question', 'answer')
		OR (NEW.purpose = 'notice' AND NEW.tip_id IS NOT NULL))
	AND json_valid(NEW.sent_message_ids)
BEGIN
	INSERT OR IGNORE INTO sent_messages (chat_id, message_id, outbox_id)
		SELECT NEW.target_chat_id, value, NEW.id FROM json_each(NEW.sent_message_ids);
END;
