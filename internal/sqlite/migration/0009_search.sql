-- 0009_search: full-text search of tips (/cari).
--
-- FTS4, not FTS5: mattn/go-sqlite3 compiles FTS3/FTS4 in by default but
-- FTS5 only with the build tag sqlite_fts5, and tiprelay builds and tests
-- with no tags (a forgotten tag would be a binary whose migration fails).
-- unicode61 with remove_diacritics=2 folds case and accents ("cafe" finds
-- "café") and splits words at punctuation, so a link is the sequence of
-- its words (fb, com, hoaks) and a hashtag its word.
--
-- The table keeps its own copy of the indexed text rather than being an
-- external-content table (content=): its columns are computed from
-- several columns of tips (the links' JSON, four origin fields), which an
-- external-content table cannot express, and FTS4 cannot update or delete
-- rows of a contentless (content="") table. The rowid (docid) is the tip
-- number.
--
-- Columns: body is the tip's text or caption; links its links, one after
-- the other; origin the forwarded post's chat title and username and its
-- sender's name and username; ocr the text read from the tip's
-- screenshots (issue 13 item 5, not built yet: the column exists and
-- stays empty until the OCR job fills it with
-- UPDATE tips_fts SET ocr = ? WHERE docid = ?; the triggers below never
-- touch it).
CREATE VIRTUAL TABLE tips_fts USING fts4(body, links, origin, ocr,
	tokenize=unicode61 "remove_diacritics=2");

-- The tips stored before this migration.
INSERT INTO tips_fts (docid, body, links, origin, ocr)
	SELECT id, text,
		CASE WHEN links IS NOT NULL AND json_valid(links)
			THEN coalesce((SELECT group_concat(value, ' ') FROM json_each(links)), '') ELSE '' END,
		trim(coalesce(origin_chat_title, '') || ' ' || coalesce(origin_chat_username, '') || ' ' ||
			coalesce(origin_sender_name, '') || ' ' || coalesce(origin_sender_username, '')),
		''
	FROM tips;

CREATE TRIGGER tips_fts_insert AFTER INSERT ON tips
BEGIN
	INSERT INTO tips_fts (docid, body, links, origin, ocr) VALUES (NEW.id, NEW.text,
		CASE WHEN NEW.links IS NOT NULL AND json_valid(NEW.links)
			THEN coalesce((SELECT group_concat(value, ' ') FROM json_each(NEW.links)), '') ELSE '' END,
		trim(coalesce(NEW.origin_chat_title, '') || ' ' || coalesce(NEW.origin_chat_username, '') || ' ' ||
			coalesce(NEW.origin_sender_name, '') || ' ' || coalesce(NEW.origin_sender_username, '')),
		'');
END;

-- An edit changes text and links; the origin columns are listed too so
-- that any later change of them is indexed. Triage and status updates do
-- not touch the index.
CREATE TRIGGER tips_fts_update AFTER UPDATE OF text, links,
	origin_chat_title, origin_chat_username, origin_sender_name, origin_sender_username ON tips
BEGIN
	UPDATE tips_fts SET body = NEW.text,
		links = CASE WHEN NEW.links IS NOT NULL AND json_valid(NEW.links)
			THEN coalesce((SELECT group_concat(value, ' ') FROM json_each(NEW.links)), '') ELSE '' END,
		origin = trim(coalesce(NEW.origin_chat_title, '') || ' ' || coalesce(NEW.origin_chat_username, '') || ' ' ||
			coalesce(NEW.origin_sender_name, '') || ' ' || coalesce(NEW.origin_sender_username, ''))
	WHERE docid = NEW.id;
END;

CREATE TRIGGER tips_fts_delete AFTER DELETE ON tips
BEGIN
	DELETE FROM tips_fts WHERE docid = OLD.id;
END;
