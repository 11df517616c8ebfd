package telegramtest

import (
	"encoding/json"
	"slices"
	"time"
)

// maxPollTimeout caps getUpdates' timeout like Telegram (50 s).
const maxPollTimeout = 50

type queuedUpdate struct {
	id   int64
	raw  json.RawMessage
	kind string
}

// updateQueue holds unconfirmed updates and the getUpdates state.
type updateQueue struct {
	next      int64 // id of the next update
	pending   []queuedUpdate
	offset    int64    // highest offset confirmed
	allowed   []string // last allowed_updates received; nil if never
	pollGen   int64
	pollStop  chan struct{}
	polling   bool
	delivered int // updates returned by getUpdates, re-deliveries included
}

// wantsLocked reports whether updates of kind are created under the current
// allowed_updates. Like Telegram, the filter applies when an update is
// created, not to updates already queued.
func (q *updateQueue) wantsLocked(kind string) bool {
	if len(q.allowed) == 0 {
		// Telegram leaves these out unless asked for.
		return kind != "chat_member" && kind != "message_reaction" && kind != "message_reaction_count"
	}
	return slices.Contains(q.allowed, kind)
}

// enqueueLocked queues an update of the given kind unless allowed_updates
// excludes it, and returns its id (0 when filtered out).
func (s *Server) enqueueLocked(kind string, u Update) int64 {
	if !s.queue.wantsLocked(kind) {
		return 0
	}
	u.UpdateID = s.queue.next
	raw, err := json.Marshal(u)
	if err != nil {
		panic("telegramtest: marshal update: " + err.Error())
	}
	return s.enqueueRawLocked(kind, raw)
}

func (s *Server) enqueueRawLocked(kind string, raw json.RawMessage) int64 {
	id := s.queue.next
	s.queue.next++
	s.queue.pending = append(s.queue.pending, queuedUpdate{id: id, raw: raw, kind: kind})
	s.notifyLocked()
	return id
}

// confirmLocked applies a getUpdates offset: ids below a positive offset
// are forgotten; a negative offset keeps only the last -offset updates.
func (q *updateQueue) confirmLocked(offset int64) {
	switch {
	case offset > 0:
		i := 0
		for i < len(q.pending) && q.pending[i].id < offset {
			i++
		}
		q.pending = q.pending[i:]
		q.offset = max(q.offset, offset)
	case offset < 0:
		if keep := int(-offset); keep < len(q.pending) {
			q.pending = q.pending[len(q.pending)-keep:]
		}
	}
}

// PendingUpdates returns how many updates are queued and not yet confirmed.
func (s *Server) PendingUpdates() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue.pending)
}

// ConfirmedOffset returns the highest offset a getUpdates call has passed,
// 0 if none: every update with a lower id is confirmed.
func (s *Server) ConfirmedOffset() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.queue.offset
}

// LastUpdateID returns the id of the most recently queued update, or the
// id before the first when none was queued.
func (s *Server) LastUpdateID() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.queue.next - 1
}

// AllowedUpdates returns the allowed_updates of the last getUpdates or
// setWebhook call that sent one; nil if none did.
func (s *Server) AllowedUpdates() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.queue.allowed)
}

// Polling reports whether a getUpdates long poll is waiting right now.
func (s *Server) Polling() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.queue.polling
}

func (s *Server) getUpdates(r *request) (any, *apiError) {
	offset, _, err := r.p.int64("offset")
	if err != nil {
		return nil, err
	}
	limit, ok, err := r.p.int64("limit")
	if err != nil {
		return nil, err
	}
	if !ok || limit < 1 || limit > 100 {
		limit = 100
	}
	timeout, _, err := r.p.int64("timeout")
	if err != nil {
		return nil, err
	}
	timeout = min(max(timeout, 0), maxPollTimeout)
	var allowed []string
	hasAllowed, err := r.p.json("allowed_updates", &allowed)
	if err != nil {
		return nil, err
	}

	s.mu.Lock()
	if s.webhook.URL != "" {
		s.mu.Unlock()
		return nil, conflict("can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
	}
	q := &s.queue
	if hasAllowed {
		q.allowed = append([]string{}, allowed...)
	}
	if q.pollStop != nil {
		close(q.pollStop)
	}
	q.pollGen++
	gen, stop := q.pollGen, make(chan struct{})
	q.pollStop, q.polling = stop, timeout > 0
	q.confirmLocked(offset)
	s.notifyLocked()
	s.mu.Unlock()

	defer func() {
		s.mu.Lock()
		if q.pollGen == gen {
			q.pollStop, q.polling = nil, false
		}
		s.notifyLocked()
		s.mu.Unlock()
	}()

	timer := time.NewTimer(time.Duration(timeout) * time.Second)
	defer timer.Stop()
	for {
		s.mu.Lock()
		n := min(int(limit), len(q.pending))
		out := make([]json.RawMessage, 0, n)
		for _, u := range q.pending[:n] {
			out = append(out, u.raw)
		}
		q.delivered += n
		changed := s.changed
		s.mu.Unlock()
		if n > 0 || timeout == 0 {
			return out, nil
		}
		select {
		case <-changed:
		case <-stop:
			return nil, conflict("terminated by other getUpdates request; make sure that only one bot instance is running")
		case <-timer.C:
			timeout = 0 // one last look, then answer
		case <-r.ctx.Done():
			return nil, errCanceled
		case <-s.done:
			return []json.RawMessage{}, nil
		}
	}
}
