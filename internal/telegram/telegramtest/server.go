package telegramtest

import (
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Server is a running Bot API emulator. Create it with NewServer and stop it
// with Close. All methods are safe for concurrent use.
type Server struct {
	token   string
	bot     User
	now     func() time.Time
	hs      *httptest.Server
	done    chan struct{}
	closing sync.Once
	methods map[string]methodSpec

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every state change
	chats   map[int64]*chatState
	users   map[int64]*userState
	files   fileStore
	uploads []Upload
	calls   []Call
	queue   updateQueue
	cmds    map[string][]BotCommand
	webhook WebhookInfo
	hook    webhookState // webhook delivery (see webhook.go)
	faults  faultState
	rate    rateState
	answers map[string]*CallbackAnswer // callback query id -> answer, nil until answered
	privacy bool                       // group privacy mode (see SetPrivacy)
	seq     int64                      // source of unique ids for groups, polls, callbacks, albums
}

// Option configures a Server.
type Option func(*Server)

// WithClock sets the clock used for message dates; the default is time.Now.
func WithClock(now func() time.Time) Option {
	return func(s *Server) { s.now = now }
}

// WithFirstUpdateID sets the update_id of the first queued update.
func WithFirstUpdateID(id int64) Option {
	return func(s *Server) { s.queue.next = id }
}

// NewServer starts an emulator that accepts the given bot token. It listens
// on a random port of 127.0.0.1; pass URL() to bot.WithServerURL.
func NewServer(token string, opts ...Option) *Server {
	id, _ := strconv.ParseInt(strings.SplitN(token, ":", 2)[0], 10, 64)
	s := &Server{
		token:   token,
		bot:     User{ID: id, IsBot: true, FirstName: "TipRelay Test", Username: "tiprelay_test_bot"},
		now:     time.Now,
		done:    make(chan struct{}),
		methods: methodTable(),
		changed: make(chan struct{}),
		chats:   make(map[int64]*chatState),
		users:   make(map[int64]*userState),
		files:   newFileStore(),
		cmds:    make(map[string][]BotCommand),
		answers: make(map[string]*CallbackAnswer),
		queue:   updateQueue{next: 731_846_102},
		rate:    newRateState(),
		privacy: true,
		seq:     1_000,
	}
	for _, o := range opts {
		o(s)
	}
	s.hs = httptest.NewServer(s)
	return s
}

// URL returns the base URL of the server, e.g. "http://127.0.0.1:41234",
// suitable for bot.WithServerURL.
func (s *Server) URL() string { return s.hs.URL }

// Token returns the bot token the server accepts.
func (s *Server) Token() string { return s.token }

// Bot returns the bot's own user.
func (s *Server) Bot() User { return s.bot }

// Close ends pending long polls and waits, then shuts the server down. It is
// safe to call more than once.
func (s *Server) Close() {
	s.closing.Do(func() {
		close(s.done)
		s.hs.Close()
		s.stopDelivery()
	})
}

// notifyLocked wakes every waiter; the caller holds s.mu.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// nextSeqLocked returns a fresh number; the caller holds s.mu.
func (s *Server) nextSeqLocked() int64 {
	s.seq++
	return s.seq
}
