-- 0012_search_async: new tips enter the search index after their
-- transaction, not in it. Indexing a tip's text in the intake transaction
-- (the trigger of 0009) cost the ingest benchmark about a tenth of its
-- pace; the bot now indexes what is new when intake is idle, and every
-- search first indexes what is still missing (DB.IndexSearch), so a
-- search never misses a stored tip. search_indexed_through is the highest
-- tip number indexed: tip numbers only grow (AUTOINCREMENT), and the edit
-- and delete triggers of 0009 stay (an edit of a tip not indexed yet
-- changes nothing there; the indexer then takes its current text).
DROP TRIGGER tips_fts_insert;

INSERT OR REPLACE INTO state (key, value)
	VALUES ('search_indexed_through', (SELECT coalesce(max(id), 0) FROM tips));
