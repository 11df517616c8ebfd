// Package sandbox is the demo world of `tiprelay sandbox`: the Bot API
// emulator (package telegramtest) peopled with staff, an admin, the Polda
// chat and one Polres chat per region, officers, public channels and sample
// screenshots, and a web page that plays them. Its repeats demo (demo.go)
// sends pairs of messages, the second a repeat of the first from another
// staff member (the same post, link or screenshot re-encoded), so that a
// person sees a repeat folded; its screenshots are drawn with the Go fonts
// so that OCR reads them (screens.go).
//
// The page (embedded under web/, no external resources) shows a staff
// member's phone, the police chats as their officers see them and an event
// log of what the bot called and logged. It talks to a small JSON API under
// /api/ and follows changes through server-sent events at /api/events.
//
// The package runs no bot: the command wires the real bot to the emulator
// (see Sandbox.Env) and tees its log into the page (see Sandbox.LogHandler).
// Everything the page does goes through the emulator as a Telegram user
// would act, so the bot cannot tell the sandbox from Telegram.
package sandbox
