// Package telegram is tiprelay's adapter to the Telegram Bot API, and the
// only package of the bot that imports github.com/go-telegram/bot. It
// holds Telegram I/O and nothing else:
//
//   - Client, whose every request goes through one guarded HTTP client
//     (transport.go) that keeps the token out of answers and errors;
//   - Poll, the owned getUpdates loop, which hands each batch to a Sink
//     (the application core) and confirms it to Telegram only once stored;
//   - Webhook, webhook mode: setWebhook and the server whose handler
//     (NewWebhookHandler) checks the secret and hands each update to a
//     WebhookSink, answering 200 only once it is stored;
//   - Sender, which delivers outbox messages for the relay worker;
//   - IsMember, the membership check of a user in a chat (getChatMember);
//   - command menus, getFile downloads, webhook removal and direct alerts.
//
// What an update means is decided elsewhere (package intake).
package telegram
