-- Error texts written by earlier versions may hold the bot token (a proxy
-- page that echoed the request URL) and whole HTML pages: redact tokens
-- and cut them short (see redact.go).
UPDATE outbox SET last_error = tiprelay_redact(last_error) WHERE last_error <> '';
UPDATE relay_targets SET last_error = tiprelay_redact(last_error) WHERE last_error <> '';
UPDATE updates SET error = tiprelay_redact(error) WHERE error <> '';
UPDATE audit SET detail = tiprelay_redact(detail) WHERE detail <> '';
