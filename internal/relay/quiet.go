package relay

import (
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// QuietHours is a daily window of local time in which relayed messages to
// police chats that are not urgent are sent without a notification sound
// (disable_notification). From and To are offsets from local midnight; the
// window is [From, To) and wraps midnight when From > To. The zero value
// is the default, 22:00 to 06:00; Off disables it; From == To is an empty
// window.
type QuietHours struct {
	From, To time.Duration
	Off      bool
}

// DefaultQuietHours is the window a zero QuietHours takes: 22:00 to 06:00.
var DefaultQuietHours = QuietHours{From: 22 * time.Hour, To: 6 * time.Hour}

// contains reports whether local time t falls inside the window.
func (q QuietHours) contains(t time.Time) bool {
	if q.Off || q.From == q.To {
		return false
	}
	d := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute +
		time.Duration(t.Second())*time.Second + time.Duration(t.Nanosecond())
	if q.From < q.To {
		return q.From <= d && d < q.To
	}
	return d >= q.From || d < q.To
}

// silent reports whether m, sent at at, goes without a notification: a
// relayed message or a reminder to a police chat (a group) that is not
// urgent, inside the quiet hours of Options.Location. Urgent rows always
// notify.
func (w *Worker) silent(m tip.OutboxMessage, at time.Time) bool {
	if m.Silent {
		return true
	}
	if m.Urgent || m.Purpose != tip.PurposeRelay && m.Purpose != tip.PurposeReminder || m.Target.ChatID >= 0 || m.Kind == tip.AnswerCallback {
		return false
	}
	return w.opt.Quiet.contains(at.In(w.opt.Location))
}
