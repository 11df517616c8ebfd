package relay

import (
	"math/rand/v2"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Backoff bounds used by DefaultBackoff.
const (
	minBackoff       = time.Second
	maxBackoff       = 5 * time.Minute
	permanentBackoff = 10 * time.Minute
)

// DefaultBackoff returns an exponential delay with equal jitter for the
// attempts-th failure: between half and all of min(1s·2^(attempts-1), 5m).
// A permanent refusal (the bot was removed from the group, the chat does not
// exist) is retried every 10 minutes so that the tips are delivered once the
// target works again.
func DefaultBackoff(attempts int, kind tip.SendErrorKind) time.Duration {
	if kind == tip.SendPermanent {
		return permanentBackoff
	}
	d := minBackoff
	for i := 1; i < attempts && d < maxBackoff; i++ {
		d *= 2
	}
	d = min(d, maxBackoff)
	half := d / 2
	return half + rand.N(half+1)
}
