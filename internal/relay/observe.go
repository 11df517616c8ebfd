package relay

import (
	"errors"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// SendResult is the outcome of one send, as the worker's Observer hears
// of it.
type SendResult string

// The outcomes of a send.
const (
	// SendOK: Telegram accepted the message.
	SendOK SendResult = "ok"
	// SendRetry: Telegram refused it for now (an outage, a network error, a
	// chat that refuses the bot, a merged text it rejected, a group that
	// became a supergroup); the row is tried again.
	SendRetry SendResult = "retry"
	// SendFailed: Telegram refused it for good (its original was deleted,
	// a user blocked the bot); the row is marked failed.
	SendFailed SendResult = "failed"
	// SendRateLimited: Telegram answered 429 Too Many Requests; the row is
	// tried again after retry_after.
	SendRateLimited SendResult = "429"
)

// SendResults lists every outcome.
func SendResults() []SendResult {
	return []SendResult{SendOK, SendRetry, SendFailed, SendRateLimited}
}

// Observer hears of every send the worker makes, for the metrics
// (internal/metrics implements it). It is called from many goroutines at
// once, after the send, and must not block.
type Observer interface {
	// Sent reports one send: its outcome and how long Telegram took to
	// answer it (every call of one delivery, e.g. a header and its album).
	// A send cut short by shutdown is not reported.
	Sent(result SendResult, took time.Duration)
}

// observe reports a send to the Observer, if any.
func (w *Worker) observe(result SendResult, took time.Duration) {
	if w.opt.Observer != nil {
		w.opt.Observer.Sent(result, took)
	}
}

// outcome classifies the refusal err of delivery d as failed (in
// deliver.go) treats it: it mirrors that switch.
func outcome(d delivery, err error) SendResult {
	head := d.rows[0]
	se := &tip.SendError{Kind: tip.SendTemporary, Err: err}
	errors.As(err, &se)
	switch {
	case se.Kind == tip.SendRejected && d.merged():
		return SendRetry
	case se.Kind == tip.SendRejected, se.Kind == tip.SendPermanent && (head.Target.ChatID > 0 || head.Kind == tip.AnswerCallback):
		return SendFailed
	case se.Kind == tip.SendRateLimited && se.RetryAfter > 0:
		return SendRateLimited
	}
	return SendRetry
}
