package sandbox

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// maxEntries is how many event log entries the sandbox keeps for pages
// that connect later.
const maxEntries = 500

// Entry is one line of the page's event log: a Bot API call the bot made
// (Kind "call"), a line the bot logged ("log"), or something a person did
// on the page ("user"). The page words "user" entries in its language.
type Entry struct {
	Seq  int64  `json:"seq"`
	Time string `json:"time"`
	Kind string `json:"kind"`
	// Method and Status of a call; Chat is the chat it names, if any.
	Method string `json:"method,omitempty"`
	Status int    `json:"status,omitempty"`
	// Level, Msg and Attrs of a log line.
	Level string `json:"level,omitempty"`
	Msg   string `json:"msg,omitempty"`
	Attrs string `json:"attrs,omitempty"`
	// Action (send, album, forward, press, reply, digest), Who acted and
	// What (a content kind, a button's text) of a person's action.
	Action string `json:"action,omitempty"`
	Who    string `json:"who,omitempty"`
	What   string `json:"what,omitempty"`
	Chat   string `json:"chat,omitempty"`
	Error  string `json:"error,omitempty"`
}

// hub keeps the event log and a version number that grows with every
// change of the world, and wakes the subscribers (the open event
// streams) when either changes. A subscriber reads what is new itself,
// so a slow one misses nothing and blocks no one.
type hub struct {
	mu      sync.Mutex
	entries []Entry
	seq     int64
	version int64
	subs    map[chan struct{}]struct{}
}

func newHub() *hub { return &hub{subs: make(map[chan struct{}]struct{})} }

// add appends e to the log, numbering it.
func (h *hub) add(e Entry) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.seq++
	e.Seq = h.seq
	h.entries = append(h.entries, e)
	if len(h.entries) > maxEntries {
		h.entries = append(h.entries[:0:0], h.entries[len(h.entries)-maxEntries:]...)
	}
	h.wakeLocked()
}

// changed records a change of the world.
func (h *hub) changed() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.version++
	h.wakeLocked()
}

func (h *hub) wakeLocked() {
	for ch := range h.subs {
		select {
		case ch <- struct{}{}:
		default: // already woken
		}
	}
}

// since returns the entries after seq and the current version.
func (h *hub) since(seq int64) ([]Entry, int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []Entry
	for _, e := range h.entries {
		if e.Seq > seq {
			out = append(out, e)
		}
	}
	return out, h.version
}

// last returns the number of the latest entry.
func (h *hub) last() int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.seq
}

// current returns the version.
func (h *hub) current() int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.version
}

// subscribe returns a channel that receives a value after changes; call
// the returned func to unsubscribe.
func (h *hub) subscribe() (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	h.mu.Lock()
	h.subs[ch] = struct{}{}
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		delete(h.subs, ch)
		h.mu.Unlock()
	}
}

// watch turns the bot's Bot API calls into log entries and changes until
// ctx is done. Every message the bot sends, edits or copies is a call, so
// a new call is what tells the page to look again.
func (s *Sandbox) watch(ctx context.Context) error {
	seen := 0
	for {
		err := s.emu.WaitFor(ctx, func() bool { return len(s.emu.Calls()) != seen })
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		calls := s.emu.Calls()
		for _, c := range calls[seen:] {
			s.hub.add(s.callEntry(c))
		}
		seen = len(calls)
		s.hub.changed()
	}
}

// callEntry describes a call for the event log.
func (s *Sandbox) callEntry(c telegramtest.Call) Entry {
	e := Entry{Kind: "call", Time: s.clock(c.Time), Method: c.Method, Status: c.Status, Error: c.Description}
	for _, p := range []string{"chat_id", "user_id"} {
		if v := c.Params[p]; v != "" {
			var id int64
			if _, err := fmt.Sscan(v, &id); err == nil {
				e.Chat = s.world.chatName(id)
			}
			break
		}
	}
	return e
}

// user records a person's action.
func (s *Sandbox) user(action, who, what, chat string) {
	s.hub.add(Entry{Kind: "user", Time: s.clock(time.Now()), Action: action, Who: who, What: what, Chat: chat})
	s.hub.changed()
}

// clock formats t as the log shows it.
func (s *Sandbox) clock(t time.Time) string { return t.In(s.loc()).Format("15:04:05") }
