package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/tiprelay/tiprelay/internal/analysis"
	"github.com/tiprelay/tiprelay/internal/config"
	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/fetch"
	"github.com/tiprelay/tiprelay/internal/intake"
	"github.com/tiprelay/tiprelay/internal/metrics"
	"github.com/tiprelay/tiprelay/internal/relay"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// The Telegram client answers intake's membership checks.
var _ intake.Members = (*telegram.Client)(nil)

// bot is the whole bot wired on one database: the application core fed
// by the poller, the relay worker and the digest scheduler.
type bot struct {
	cfg    config.Config
	log    *slog.Logger
	db     *sqlite.DB
	client *telegram.Client
	texts  text.Catalog
	svc    *intake.Service
	worker *relay.Worker
	sched  *digest.Scheduler
	// fetcher downloads the tips' files (downloads.go).
	fetcher *fetch.Worker
	// analyser hashes and reads the downloaded photos (analysis.go).
	analyser *analysis.Worker
	// indexer adds new tips to the search index (searchindex.go).
	indexer *searchIndexer
	// metrics hear from intake, the worker and the scheduler (observe.go).
	metrics *metrics.Metrics
}

// newBot wires the bot's parts.
func newBot(cfg config.Config, specs []digest.Spec, db *sqlite.DB, client *telegram.Client, log *slog.Logger) *bot {
	b := &bot{cfg: cfg, log: log, db: db, client: client, texts: text.For(text.Lang(cfg.Lang))}
	b.metrics = newMetrics(db, client, log)
	digests := sqlite.NewDigestStore(db)
	// The worker holds acks back while intake is busy, and intake wakes
	// the worker: each needs the other, so the worker is made second.
	var places intake.Places
	if cfg.Gazetteer != nil {
		places = cfg.Gazetteer
	}
	b.svc = intake.NewService(faultInject(db), intake.Settings{
		Relay:           cfg.RelayChat,
		Regions:         cfg.Regions,
		Places:          places,
		Categories:      cfg.Categories,
		NativeForwards:  cfg.RelayForwards == config.ForwardsNative,
		StaffIDs:        cfg.StaffIDs,
		AdminIDs:        cfg.AdminIDs,
		Location:        cfg.Timezone,
		Texts:           b.texts,
		AlbumWindow:     cfg.AlbumWindow,
		Members:         client,
		Units:           policeUnits(cfg),
		ShowOfficer:     cfg.ShowOfficer,
		EscalateAfter:   cfg.EscalateAfter,
		DuplicateWindow: cfg.DuplicateWindow,
		ImageHold:       holdFor(cfg),
		Observer:        b.metrics,
		Digest: func(ctx context.Context, since time.Duration, to tip.Target) ([]tip.OutboxMessage, error) {
			d, err := digestLayout(cfg).Build(ctx, digests, digest.Last(time.Now(), since), cfg.Timezone)
			if err != nil {
				return nil, err
			}
			return digest.Messages(d, b.texts, []tip.Target{to}, true), nil
		},
	}, log.With("component", "intake"), func() { b.worker.Notify(); b.fetcher.Notify(); b.indexer.Notify() })
	b.analyser = newAnalyser(cfg, db, b.svc, b.metrics, log)
	b.fetcher = newFetcher(cfg, db, client, wakeOnDownload{b.metrics, b.analyser.Notify}, log)
	b.indexer = newSearchIndexer(db, b.svc.Busy, log.With("component", "search"))
	wopt := workerOptions(cfg, b.texts)
	wopt.Busy = b.svc.Busy
	wopt.Observer = b.metrics
	b.worker = relay.New(sqlite.NewOutboxStore(db), client.Sender(), log.With("component", "relay"), wopt)
	b.sched = digest.NewScheduler(specs, cfg.Timezone, digests, scheduledDigest(cfg, digests, b.texts),
		b.worker.Notify, log.With("component", "digest"), nil)
	b.sched.Observe(b.metrics)
	return b
}

// run runs the bot until ctx is done or a part fails for good (a rejected
// token, a damaged database), and returns when every part has stopped,
// with the time the shutdown began.
func (b *bot) run(ctx context.Context) (stopping time.Time, err error) {
	// The worker and the scheduler start before Telegram is known to be
	// reachable: tips stored before a restart are delivered as soon as it
	// answers.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// A damaged database stops everything at once, whoever met it first
	// (intake, the relay, the digest, the background check): the poller
	// then never confirms another update.
	go func() {
		select {
		case <-b.db.Damaged():
			cancel()
		case <-ctx.Done():
		}
	}()
	workerDone := make(chan error, 1)
	go func() { workerDone <- b.worker.Run(ctx) }()
	schedDone := make(chan error, 1)
	go func() { schedDone <- b.sched.Run(ctx) }()
	fetchDone := make(chan error, 1)
	go func() { fetchDone <- b.fetcher.Run(ctx) }()
	analyseDone := make(chan struct{})
	go func() { defer close(analyseDone); b.analyser.Run(ctx) }()
	indexDone := make(chan struct{})
	go func() { defer close(indexDone); b.indexer.Run(ctx) }()

	err = b.serveUpdates(ctx)
	cancel()
	stopping = time.Now()
	<-schedDone
	<-fetchDone
	<-analyseDone
	<-indexDone
	if werr := <-workerDone; werr != nil && err == nil {
		err = werr
	}
	return stopping, err
}

// serveUpdates identifies the bot, publishes its menus, and then receives
// (polling or webhook, see receiveUpdates) and processes updates until ctx
// is done or either fails for good.
func (b *bot) serveUpdates(ctx context.Context) error {
	log := b.log.With("component", "intake")
	me, err := b.client.Connect(ctx, log)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	b.svc.SetBotUsername(me.Username)
	if err := b.client.PublishCommands(ctx, b.texts, b.cfg.AdminIDs); err != nil {
		// Menus are a convenience; the bot works without them.
		log.Warn("could not publish command menus", "err", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	checked := make(chan struct{})
	go func() {
		defer close(checked)
		checkAtStartup(ctx, b.cfg, me.ID, b.client, b.client, b.texts, log)
	}()
	defer func() { cancel(); <-checked }()
	done := make(chan error, 2)
	go func() { done <- b.svc.Run(ctx) }()
	go func() { done <- b.receiveUpdates(ctx, log) }()
	err = <-done
	cancel()
	if err2 := <-done; err == nil {
		err = err2
	}
	return err
}
