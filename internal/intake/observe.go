package intake

import "github.com/tiprelay/tiprelay/internal/tip"

// Observer hears of what intake stored, for the metrics (internal/metrics
// implements it). It is told only of what is committed, after the
// commit, from intake's goroutines and Ingest's callers at once; it must
// not block.
type Observer interface {
	// UpdatesReceived reports n updates that Ingest stored. An update
	// Telegram delivers again (after a crash) counts again.
	UpdatesReceived(n int)
	// TipCreated reports a new tip, with the triage it was created with
	// (from its hashtags and place names). Later changes of its triage,
	// edits and repeated deliveries of its update are not reported.
	TipCreated(t tip.Tip)
}

// observeUpdates reports n stored updates to the Observer, if any.
func (s *Service) observeUpdates(n int) {
	if s.set.Observer != nil {
		s.set.Observer.UpdatesReceived(n)
	}
}

// observeTips reports the tips a committed transaction created.
func (s *Service) observeTips(created []tip.Tip) {
	if s.set.Observer == nil {
		return
	}
	for _, t := range created {
		s.set.Observer.TipCreated(t)
	}
}
