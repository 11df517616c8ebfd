// Package intake is tiprelay's application core. Every incoming update
// becomes a use case (a tip, an edit, an album, a command, a change of the
// bot's membership of a chat) carried out in one database transaction with
// the outbox rows it owes; it never sends anything itself. Updates enter
// through Ingest, which the poller (and later the webhook and the
// sandbox) feeds, and are processed by Run. It imports no Telegram
// library: what it needs from outside it declares here (DB) or in package
// tip (the stores of a transaction).
package intake

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// DB is the database the service works on (sqlite.DB implements it).
type DB interface {
	// InTx runs fn in one write transaction with the stores bound to it,
	// committing when fn returns nil.
	InTx(ctx context.Context, fn func(tx tip.Tx) error) error
	// Updates is the update stream outside a transaction: reads, and
	// SaveBatch, which is a transaction of its own.
	Updates() tip.UpdateStore
	// Albums is the album store outside a transaction, for reads.
	Albums() tip.AlbumStore
}

// Settings are the service's behaviour settings.
type Settings struct {
	// Relay is the provincial police (Polda) chat, and topic, every tip is
	// relayed to.
	Relay tip.Target
	// Regions are the police chats of the regions that have one: a tip
	// with region R is relayed to Regions[R] too.
	Regions map[tip.RegionKey]tip.Target
	// Places is the gazetteer: the regions and the place names that
	// locate a text; nil offers no region.
	Places Places
	// Categories are the categories offered, in button order; empty means
	// all of tip.Categories().
	Categories []tip.Category
	// NativeForwards relays a forwarded post as a header and Telegram's
	// own forward (TIPRELAY_RELAY_FORWARDS=native) instead of one copy.
	NativeForwards bool
	// StaffIDs may submit tips; AdminIDs may submit and manage staff.
	StaffIDs []int64
	AdminIDs []int64
	// Location is the time zone of displayed times.
	Location *time.Location
	Texts    text.Catalog
	// AlbumWindow is how long after an album's last part it becomes a tip.
	AlbumWindow time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Members tells whether a user is a member of a police chat; nil
	// makes every police button and reply come from an unknown person
	// (refused).
	Members Members
	// Units names the police unit of each police chat by chat id
	// ("Polres Badung"): statuses, questions and reminders name it.
	Units map[int64]string
	// ShowOfficer shows the reporter the name of the officer who set a
	// status or asked a question, not only the unit
	// (TIPRELAY_SHOW_OFFICER).
	ShowOfficer bool
	// EscalateAfter is how long a relayed tip may wait for a police
	// status before its chats are reminded (a third of it for an urgent
	// tip), and twice that before the admins are told; 0 turns
	// escalation off (TIPRELAY_ESCALATE_AFTER).
	EscalateAfter time.Duration
	// DuplicateWindow is how far back a repeat is folded into an earlier
	// tip; 0 folds nothing (TIPRELAY_DUPLICATE_WINDOW).
	DuplicateWindow time.Duration
	// ImageHold is how long the relay of a tip with a photo waits for the
	// photo's analysis (download, hash, OCR) so that a repeat screenshot
	// is folded before the police get a copy; 0 relays at once (no
	// analysis runs). An urgent tip never waits.
	ImageHold time.Duration
	// Digest builds the digest of the period of length since ending now,
	// as messages to target, for /digest; nil disables the command.
	Digest func(ctx context.Context, since time.Duration, target tip.Target) ([]tip.OutboxMessage, error)
	// Observer, when set, hears of the updates and tips stored (see
	// observe.go).
	Observer Observer
}

// Service receives updates, turns them into tips and answers, and queues
// what must be sent. It holds no store: all its work on the database goes
// through a transaction (see txn), so no use case can write outside one.
// notify wakes the relay worker.
type Service struct {
	db      DB
	set     Settings
	log     *slog.Logger
	notify  func()
	staff   map[int64]bool
	admins  map[int64]bool
	botName atomic.Pointer[string]
	albums  chan struct{}
	stored  chan struct{} // Ingest stored updates: wake the processor
	// batches counts the batches Ingest stored; caughtUp is the count the
	// processor had seen when it last found nothing left to process.
	// They differ while intake is busy (see Busy).
	batches  atomic.Int64
	caughtUp atomic.Int64
	failures map[int64]int // used by the processing goroutine only
	// kbOnce builds kbRows, the buttons of every triage keyboard.
	kbOnce sync.Once
	kbRows [][]buttonSpec
	// members caches answers of Settings.Members for a short time.
	members *memberCache
	// police are the Polda chat and the region chats (policeChats).
	police []int64
}

// NewService wires a service. notify is called after rows were enqueued,
// and when intake has caught up with the updates it received (see Busy).
func NewService(db DB, set Settings, log *slog.Logger, notify func()) *Service {
	if set.Now == nil {
		set.Now = time.Now
	}
	if set.Location == nil {
		set.Location = time.UTC
	}
	if set.AlbumWindow <= 0 {
		set.AlbumWindow = 2 * time.Second
	}
	if notify == nil {
		notify = func() {}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Service{
		db: db, set: set, log: log, notify: notify,
		staff: idSet(set.StaffIDs), admins: idSet(set.AdminIDs),
		albums: make(chan struct{}, 1), stored: make(chan struct{}, 1), failures: map[int64]int{},
		members: newMemberCache(set.Members, memberTTL, set.Now), police: policeChats(set),
	}
	// Updates stored before a restart may be waiting: intake counts as
	// busy until the processor has looked.
	s.batches.Store(1)
	return s
}

func idSet(ids []int64) map[int64]bool {
	m := make(map[int64]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// SetBotUsername sets the bot's own username, used to tell commands
// addressed to this bot from commands for other bots in groups.
func (s *Service) SetBotUsername(username string) {
	s.botName.Store(&username)
}

// botUsername returns the name set by SetBotUsername, or "".
func (s *Service) botUsername() string {
	if p := s.botName.Load(); p != nil {
		return *p
	}
	return ""
}

// Busy reports whether updates were received that are not processed yet.
// The relay worker holds acknowledgements back while it is true; the
// service wakes the worker (notify) when it has caught up.
func (s *Service) Busy() bool {
	return s.batches.Load() != s.caughtUp.Load()
}

// Run processes stored updates and turns quiet albums into tips until ctx
// is done. It returns nil on cancellation, and an error matching
// tip.ErrCorrupt when the database is damaged.
func (s *Service) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		s.runAlbums(ctx)
	}()
	go func() {
		defer wg.Done()
		s.runEscalation(ctx)
	}()
	err := s.processLoop(ctx)
	cancel()
	wg.Wait()
	return err
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
