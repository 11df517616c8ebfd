-- 0006_urgent: the order in which a target's queue is drained. Urgent rows
-- go before the waiting rows that are not urgent; within each class rows
-- keep their id order. Answers to button presses are not messages and wait
-- for nothing: they are kept out of the targets' queues.

-- The queue of a target, in drain order: the head is one seek however
-- long the backlog (Due, NextAttempt, Pending, PendingAcks).
CREATE INDEX outbox_queue ON outbox (target_chat_id, target_thread_id, urgent DESC, id)
	WHERE status = 'pending' AND kind <> 'answer_callback';

-- Pending answers, by when they are due: each is its own head.
CREATE INDEX outbox_pending_answer ON outbox (next_attempt_at, id)
	WHERE status = 'pending' AND kind = 'answer_callback';
