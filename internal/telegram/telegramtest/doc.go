// Package telegramtest is an in-process emulator of the Telegram Bot API for
// tests, in the spirit of net/http/httptest.
//
// NewServer starts a real HTTP server on 127.0.0.1 that answers
// /bot<token>/<method> and /file/bot<token>/<path> the way api.telegram.org
// does: the {"ok":...} envelope, HTTP status equal to error_code, Telegram's
// error texts, per-chat message ids, long polling with offset confirmation,
// and the multipart, JSON, urlencoded and query-string request forms
// (including the chunked multipart bodies that github.com/go-telegram/bot
// streams through an io.Pipe).
//
// Tests inject what users do (UserSends, ChatSends, SendAlbum, EditMessage,
// ClickButton, InjectRawUpdate), inspect what the bot did (Calls, Messages,
// Message.InlineKeyboard and Message.Button, Message.DisableNotification,
// Answer, Uploaded, Commands, AllowedUpdates, PendingUpdates), wait for conditions
// without sleeping (WaitFor), and inject faults (FailNext, SetFaultFunc,
// Outage, SetRateLimits).
//
// Groups behave as for a bot with Telegram's default group privacy mode:
// a user's ordinary group message is stored but queues no update unless it
// is a command, a reply to the bot, a mention of the bot or a service
// message, or the bot is an administrator (SetPrivacy turns the mode off).
// Members are set with SetMember and SetRestricted, as getChatMember
// reports them.
//
// The emulator keeps all state in memory and is safe for concurrent use.
// Message dates use the clock given with WithClock; fault windows and rate
// limits always use the real monotonic clock so that a frozen test clock
// cannot stall them.
//
// While a webhook is set (setWebhook, or SetWebhook for one left by an
// earlier deployment), getUpdates answers 409 and queued updates are
// posted to the webhook one at a time, in order, with the secret header,
// until it answers 2xx (see webhook.go). Unlike Telegram, the emulator
// accepts http:// webhooks on loopback, and it reaches an https webhook
// only through ProxyWebhook, which plays the TLS-terminating reverse
// proxy: no test needs a certificate or leaves the machine.
package telegramtest
