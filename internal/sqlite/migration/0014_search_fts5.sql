-- 0014_search_fts5: /cari finds parts of words. Indonesian words take
-- prefixes and suffixes (di-, meN-, peN-...-an, ber-, ter-, -nya): "tutup"
-- must find "DITUTUP" and "penutupan", "pilkada" "#hoakspilkada", a part
-- of a link its link. The FTS4 word index of 0009 finds only the words a
-- term begins, so it is replaced by an FTS5 table with the trigram
-- tokenizer (mattn/go-sqlite3 has FTS5 only with the build tag
-- sqlite_fts5; a binary built without it refuses to open the database,
-- see fts5_missing.go).
--
-- One table, not two. The trigram tokenizer cannot match a term shorter
-- than three characters ("17", "c1"), so the first design was a trigram
-- table for long terms beside a unicode61 word table for short ones. But
-- "tps 17" then needs the intersection of two FTS5 tables, and SQLite
-- cannot do that well: `rowid IN (SELECT rowid FROM other_fts ...)` is
-- handed to FTS5 as a rowid lookup, which re-runs the full-text query for
-- every row (3.6 s and 48 s for "pilkada 17" over 1,000,000 tips), and
-- `+rowid IN (...)` builds the whole other match set first (120-160 ms).
-- Instead each column holds the tip's words, as tip.SearchWords splits
-- them, separated by two spaces and framed by two spaces:
-- "Hoaks: TPS 17 DITUTUP!" is indexed as "  Hoaks  TPS  17  DITUTUP  ".
-- Every term is then a trigram phrase of one table, and FTS5 intersects
-- the terms itself (the same "pilkada 17": its first page in 1 ms, all
-- 7,807 matches counted in 34 ms; the two tables also took 30% more
-- space):
--   a typed word of 3 or more characters is a substring anywhere
--     ("tutup" finds "ditutup"; "fb.com/hoaks" is "fb  com  hoaks", its
--     words in a row whatever punctuation stood between them);
--   a typed word of 1 or 2 characters is the start of a word ("  17"
--     finds "17" and "170", not "2017");
--   a "quoted phrase" is whole words in a row ("  tps  17  ").
-- Case and accents are folded by the tokenizer (remove_diacritics 1, the
-- only folding trigram has).
--
-- meN- and peN- replace the first letter of a root that begins with t, p,
-- k or s ("menutup", "penutupan", "memilih", "pengiriman", "penyebaran"),
-- so the root is not inside the word. The column roots holds the roots
-- of such words (tip.NasalRoot: tutup, tutupan, pilih, kiriman, sebaran),
-- and "tutup" finds "penutupan" there at no cost to the query. Adding the
-- forms to the query instead ("tutup" OR "menutup" OR "penutup") cost up
-- to 140 ms a form on the benchmark's 1,000,000 tips when the form is in
-- no tip but its trigrams are in many ("memilkada" of "pilkada").
--
-- The normalising is Go's (tiprelay_search_text, tiprelay_search_roots,
-- registered on every connection, see search_text.go), so the index is
-- written by Go-registered SQL: this migration and DB.IndexSearch.
-- Contentless (content=''): the text is in tips already, and results are
-- shown from there; contentless_delete=1 lets a row be replaced or
-- deleted. The rowid is the tip number. Columns: body (text or caption),
-- links, origin (forwarded chat's title and username, sender's name and
-- username), ocr (the text read from the tip's screenshots, 0013), roots
-- (of body, links and ocr).
DROP TRIGGER tips_fts_update;
DROP TRIGGER tips_fts_delete;
DROP TABLE tips_fts;

CREATE VIRTUAL TABLE tips_fts USING fts5(body, links, origin, ocr, roots,
	content='', contentless_delete=1, tokenize='trigram remove_diacritics 1');

-- Tips whose indexed text changed after they were indexed: an edit of
-- their text, links or origin, or a screenshot's text read (or gone).
-- New tips are indexed after their transaction (0012: the insert trigger
-- cost the ingest benchmark a tenth of its pace); the triggers below only
-- note a change, in the changing transaction, and DB.IndexSearch
-- re-indexes the noted tips when intake is idle and before every search,
-- so an OCR result or an edit is found by the next search. Writing the
-- index in the triggers would also make every write to tips need
-- tiprelay_search_text, which the sqlite3 shell does not have.
CREATE TABLE search_stale (
	tip_id INTEGER PRIMARY KEY
);

CREATE TRIGGER tips_search_edit AFTER UPDATE OF text, links,
	origin_chat_title, origin_chat_username, origin_sender_name, origin_sender_username ON tips
BEGIN
	INSERT OR IGNORE INTO search_stale (tip_id) VALUES (NEW.id);
END;

CREATE TRIGGER attachments_search_ocr AFTER UPDATE OF ocr_text ON attachments
BEGIN
	INSERT OR IGNORE INTO search_stale (tip_id) VALUES (NEW.tip_id);
END;

CREATE TRIGGER attachments_search_delete AFTER DELETE ON attachments
WHEN OLD.ocr_text IS NOT NULL AND OLD.ocr_text <> ''
BEGIN
	INSERT OR IGNORE INTO search_stale (tip_id) VALUES (OLD.tip_id);
END;

CREATE TRIGGER tips_search_delete AFTER DELETE ON tips
BEGIN
	DELETE FROM tips_fts WHERE rowid = OLD.id;
	DELETE FROM search_stale WHERE tip_id = OLD.id;
END;

-- A search in a region's police chat keeps the tips relayed there: this
-- index answers "was tip N relayed to chat C?" without reading the relay
-- rows themselves (their text and buttons), a third of the time of the
-- benchmark's region-chat search. Only first relay rows are in it.
CREATE INDEX outbox_relay_chat ON outbox (tip_id, target_chat_id)
	WHERE purpose = 'relay' AND edit_of IS NULL;

-- A /cari answered with more than one page: its buttons carry
-- "q<id>:<page>", since the words typed do not fit in the 64 bytes of a
-- button's callback_data. Only the latest 10,000 are kept (SaveSearch).
CREATE TABLE searches (
	id         INTEGER PRIMARY KEY,
	chat_id    INTEGER NOT NULL,
	user_id    INTEGER NOT NULL,
	query      TEXT    NOT NULL,
	created_at INTEGER NOT NULL
);

-- Every stored tip, indexed now (the same columns as DB.IndexSearch).
INSERT INTO tips_fts (rowid, body, links, origin, ocr, roots)
	SELECT id, tiprelay_search_text(body), tiprelay_search_text(links), tiprelay_search_text(origin),
		tiprelay_search_text(ocr), tiprelay_search_roots(concat_ws(' ', body, links, ocr))
	FROM (SELECT t.id, t.text AS body,
		CASE WHEN json_valid(t.links) THEN (SELECT group_concat(value, ' ') FROM json_each(t.links)) END AS links,
		concat_ws(' ', t.origin_chat_title, t.origin_chat_username, t.origin_sender_name, t.origin_sender_username) AS origin,
		(SELECT group_concat(a.ocr_text, ' ') FROM attachments a WHERE a.tip_id = t.id) AS ocr
	FROM tips t)
	ORDER BY id;

INSERT OR REPLACE INTO state (key, value)
	VALUES ('search_indexed_through', (SELECT coalesce(max(id), 0) FROM tips));
