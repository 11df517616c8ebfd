package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// Stores are the stores the service reads and writes.
type Stores struct {
	Updates tip.UpdateStore
	Tips    tip.TipStore
	Albums  tip.AlbumStore
	Outbox  tip.OutboxStore
	Staff   tip.StaffStore
	Audit   tip.AuditLog
	// InTx, when set, runs work in one transaction with stores bound to
	// it: a batch of updates then costs one commit. Without it every store
	// call commits on its own.
	InTx InTx
}

// Settings are the service's behaviour settings.
type Settings struct {
	// Relay is the police group (and topic) tips are relayed to.
	Relay tip.Target
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
	// Digest builds the digest of the period of length since ending now,
	// as messages to target, for /digest; nil disables the command.
	Digest func(ctx context.Context, since time.Duration, target tip.Target) ([]tip.OutboxMessage, error)
}

// Service receives updates, turns them into tips and answers, and queues
// what must be sent. It never sends a message itself: every message goes
// through the outbox, and Notify wakes the relay worker.
type Service struct {
	client  *Client
	st      Stores
	set     Settings
	log     *slog.Logger
	notify  func()
	staff   map[int64]bool
	admins  map[int64]bool
	botName string
	albums  chan struct{}
	stored  chan struct{} // poll stored updates: wake processLoop
	// batches counts the batches poll stored; caughtUp is the count the
	// processor had seen when it last found nothing left to process.
	// They differ while intake is busy (see Busy).
	batches  atomic.Int64
	caughtUp atomic.Int64
	failures map[int64]int // used by the processing goroutine only
	// preparsed holds updates poll decoded, for the processor.
	preparsed *preparsed
}

// NewService wires a service. notify is called after rows were enqueued,
// and when intake has caught up with the updates it received (see Busy).
func NewService(client *Client, st Stores, set Settings, log *slog.Logger, notify func()) *Service {
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
	s := &Service{
		client: client, st: st, set: set, log: log, notify: notify,
		staff: set2(set.StaffIDs), admins: set2(set.AdminIDs),
		albums: make(chan struct{}, 1), stored: make(chan struct{}, 1), failures: map[int64]int{},
		preparsed: newPreparsed(),
	}
	// Updates stored before a restart may be waiting: intake counts as
	// busy until the processor has looked.
	s.batches.Store(1)
	return s
}

func set2(ids []int64) map[int64]bool {
	m := make(map[int64]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// setIdentity sets the bot's own username, used to tell commands
// addressed to this bot from commands for other bots in groups.
func (s *Service) setIdentity(username string) {
	s.botName = username
}

// Busy reports whether updates were received that are not processed yet.
// The relay worker holds acknowledgements back while it is true; the
// service wakes the worker (notify) when it has caught up.
func (s *Service) Busy() bool {
	return s.batches.Load() != s.caughtUp.Load()
}

// Start identifies the bot (getMe, retried until Telegram answers), removes
// a webhook left on its token, and publishes its command menus. It returns ErrUnauthorized at once when the
// token is rejected.
func (s *Service) Start(ctx context.Context) error {
	delay := time.Second
	for {
		me, err := s.client.Me(ctx)
		if err == nil {
			s.setIdentity(me.Username)
			s.log.Info("connected to telegram", "bot_id", me.ID, "bot_username", me.Username)
			break
		}
		if errors.Is(err, ErrUnauthorized) {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		s.log.Warn("telegram not reachable; retrying", "err", err, "retry_in", delay)
		if !sleep(ctx, delay) {
			return ctx.Err()
		}
		delay = min(delay*2, time.Minute)
	}
	// Polling needs the token free of any webhook.
	s.removeLeftoverWebhook(ctx)
	if err := s.client.publishCommands(ctx, s.set.Texts, s.set.AdminIDs); err != nil {
		// Menus are a convenience; the bot works without them.
		s.log.Warn("could not publish command menus", "err", err)
	}
	return nil
}

// Run polls for updates and processes them until ctx is done, and turns
// quiet albums into tips. It returns nil on cancellation and
// ErrUnauthorized if the token is rejected.
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
		s.processLoop(ctx)
	}()
	err := s.poll(ctx)
	cancel()
	wg.Wait()
	if err != nil {
		return fmt.Errorf("poll updates: %w", err)
	}
	return nil
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
