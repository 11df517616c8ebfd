package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/config"
	"github.com/tiprelay/tiprelay/internal/lockfile"
	"github.com/tiprelay/tiprelay/internal/ocr"
	"github.com/tiprelay/tiprelay/internal/sandbox"
)

// defaultSandboxListen is where the sandbox's page listens: this machine
// only.
const defaultSandboxListen = "127.0.0.1:8080"

// defaultSandboxDB is the sandbox's database unless TIPRELAY_DB_PATH says
// otherwise: not the bot's ./data/tiprelay.db.
const defaultSandboxDB = "./data/sandbox.db"

// runSandbox implements `tiprelay sandbox [--listen 127.0.0.1:8080]`: the
// real bot (runBot) on the built-in Bot API emulator peopled with a demo
// world, and a web page that plays its staff and officers. It needs no
// token and no network; it returns nil when ctx ends (SIGTERM, Ctrl-C).
func runSandbox(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	listen := fl.String("listen", defaultSandboxListen, "address of the web page")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, sandboxUsage)
			return err
		}
		return usageError(err.Error())
	}
	if fl.NArg() > 0 {
		return usageError(fmt.Sprintf("sandbox takes no arguments, got %q", fl.Args()))
	}
	sb := sandbox.New(sandbox.Options{})
	defer sb.Close()
	cfg, err := config.LoadFlagSet(flag.NewFlagSet("sandbox settings", flag.ContinueOnError), nil, sandboxEnv(getenv, sb.Env()))
	if err != nil {
		return err
	}
	base, err := newLogger(stderr, cfg)
	if err != nil {
		return err
	}
	log := slog.New(sb.LogHandler(base.Handler()))
	if err := prepareSandboxDB(ctx, cfg); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return fmt.Errorf("sandbox page: %w", err)
	}
	addr := ln.Addr().(*net.TCPAddr)
	if !addr.IP.IsLoopback() {
		log.Warn("the sandbox page listens beyond this machine and has no login: anyone who reaches it can play", "listen", addr.String())
	}
	ocrOn, ocrNote := sandboxOCR(ctx, cfg)
	sb.SetDisplay(sandbox.Display{Location: cfg.Timezone, Settings: sandboxSettings(cfg), OCR: ocrOn, OCRNote: ocrNote})
	srv := &http.Server{
		Handler:           sb.Handler(sandbox.HandlerOptions{AnyHost: !addr.IP.IsLoopback()}),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(base.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	watched := make(chan error, 1)
	go func() { watched <- sb.Run(ctx) }()
	url := "http://" + addr.String() + "/"
	fmt.Fprintf(stdout, "tiprelay sandbox: open %s in a browser; Ctrl-C stops it.\n", url)
	log.Info("sandbox page", "url", url, "db", cfg.DBPath)

	err = runBot(ctx, cfg, log)
	if err != nil && errors.Is(err, context.Canceled) && ctx.Err() != nil {
		// Stopped while starting (Ctrl-C before the database was open):
		// a stop as asked, not a failure.
		log.Info("tiprelay stopped while starting", "err", err)
		err = nil
	}
	// The bot has stopped: end the event streams and the emulator, then
	// the page.
	sb.Close()
	if werr := <-watched; werr != nil {
		log.Warn("sandbox event log stopped", "err", werr)
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if serr := srv.Shutdown(sctx); serr != nil {
		log.Warn("sandbox page did not stop cleanly", "err", serr)
	}
	if serr := <-served; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = fmt.Errorf("sandbox page: %w", serr)
	}
	return err
}

const sandboxUsage = `Usage: tiprelay sandbox [--listen 127.0.0.1:8080]

Runs the real bot on a built-in Telegram Bot API emulator with a demo world
(three staff members, an admin, the Polda chat and one Polres chat per
region, officers, two public channels, screenshots, and repeated posts,
screenshots and links that show how repeats are folded) and serves a web
page that plays it. It needs no token and no network. The page answers on
localhost only. Screenshots are read when tesseract is installed
(tesseract-ocr, tesseract-ocr-ind); without it the page still works.

The world's settings (token, API URL, chats, staff, admins) override the
environment. Other TIPRELAY_* settings apply as for "run"; the sandbox's
defaults differ for:
  TIPRELAY_DB_PATH         ./data/sandbox.db (emptied at every start)
  TIPRELAY_FILES_DIR       sandbox-files/ beside the database
  TIPRELAY_ESCALATE_AFTER  2m
  TIPRELAY_LOG_FORMAT      text
`

// sandboxEnv returns the environment the sandbox's bot reads: the world's
// settings override getenv; settings that would take the bot out of the
// sandbox (a YAML file, a token file, another gazetteer, other digest
// chats, a webhook) are blanked; a few settings have sandbox defaults.
func sandboxEnv(getenv func(string) string, world map[string]string) func(string) string {
	return func(key string) string {
		if v, ok := world[key]; ok {
			return v
		}
		switch key {
		case "TIPRELAY_CONFIG", "TIPRELAY_BOT_TOKEN_FILE", "TIPRELAY_REGIONS_FILE", "TIPRELAY_DIGEST_CHAT_IDS",
			"TIPRELAY_WEBHOOK_URL", "TIPRELAY_WEBHOOK_SECRET", "TIPRELAY_WEBHOOK_SECRET_FILE":
			return ""
		}
		if v := getenv(key); v != "" {
			return v
		}
		switch key {
		case "TIPRELAY_DB_PATH":
			return defaultSandboxDB
		case "TIPRELAY_FILES_DIR":
			// Not the files/ of a bot's database in the same directory.
			db := getenv("TIPRELAY_DB_PATH")
			if db == "" {
				db = defaultSandboxDB
			}
			return filepath.Join(filepath.Dir(db), "sandbox-files")
		case "TIPRELAY_ESCALATE_AFTER":
			return "2m"
		case "TIPRELAY_LOG_FORMAT":
			return "text"
		}
		return ""
	}
}

// sandboxMarker is the file beside a database that says the sandbox made
// it.
func sandboxMarker(cfg config.Config) string { return cfg.DBPath + ".sandbox" }

// prepareSandboxDB makes sure the bot starts on an empty database: the
// world lives in the emulator's memory, so an earlier run's database (its
// update offset, the message ids it knows) would not match it. A database
// an earlier sandbox made (marked by sandboxMarker) is removed; any other
// file at the path is refused, so that the sandbox never deletes a bot's
// database. The bot's lock is held meanwhile, so a running bot or sandbox
// on the same path is refused too.
func prepareSandboxDB(ctx context.Context, cfg config.Config) error {
	lock, err := acquireBotLock(ctx, botLockPath(cfg))
	if errors.Is(err, lockfile.ErrLocked) {
		return fmt.Errorf("another tiprelay bot or sandbox is running on %s: %w", cfg.DBPath, err)
	}
	if err != nil {
		return err
	}
	defer lock.Release() //nolint:errcheck // runBot takes the lock next
	_, err = os.Stat(cfg.DBPath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return fmt.Errorf("database %s: %w", cfg.DBPath, err)
	default:
		if _, err := os.Stat(sandboxMarker(cfg)); err != nil {
			return config.Errors{&config.FieldError{Env: "TIPRELAY_DB_PATH", Err: fmt.Errorf(
				"%s exists and was not made by the sandbox, which starts on an empty database every time: choose another path", cfg.DBPath)}}
		}
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			if err := os.Remove(cfg.DBPath + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("remove the previous sandbox database: %w", err)
			}
		}
	}
	return os.WriteFile(sandboxMarker(cfg), []byte("tiprelay sandbox: the database beside this file is emptied at every start of the sandbox\n"), 0o644)
}

// sandboxSettings lists the settings the page shows.
func sandboxSettings(cfg config.Config) []sandbox.Setting {
	escalate := "off"
	if cfg.EscalateAfter > 0 {
		escalate = cfg.EscalateAfter.String()
	}
	window := "off"
	if cfg.DuplicateWindow > 0 {
		window = cfg.DuplicateWindow.String()
	}
	var regions []string
	for _, k := range regionChatKeys(cfg) {
		regions = append(regions, fmt.Sprintf("%s=%d", k, cfg.Regions[k].ChatID))
	}
	return []sandbox.Setting{
		{Name: "TIPRELAY_API_URL", Value: cfg.APIURL + " (emulator)"},
		{Name: "TIPRELAY_DB_PATH", Value: cfg.DBPath},
		{Name: "TIPRELAY_RELAY_CHAT_ID", Value: cfg.RelayChat.String()},
		{Name: "TIPRELAY_REGIONS", Value: strings.Join(regions, ", ")},
		{Name: "TIPRELAY_STAFF_IDS", Value: joinIDs(cfg.StaffIDs)},
		{Name: "TIPRELAY_ADMIN_IDS", Value: joinIDs(cfg.AdminIDs)},
		{Name: "TIPRELAY_LANG", Value: cfg.Lang},
		{Name: "TIPRELAY_TIMEZONE", Value: cfg.TimezoneName},
		{Name: "TIPRELAY_ESCALATE_AFTER", Value: escalate},
		{Name: "TIPRELAY_GROUP_RATE", Value: cfg.GroupRate.String()},
		{Name: "TIPRELAY_CHAT_RATE", Value: cfg.ChatRate.String()},
		{Name: "TIPRELAY_GLOBAL_RATE", Value: cfg.GlobalRate.String()},
		{Name: "TIPRELAY_ALBUM_WINDOW", Value: cfg.AlbumWindow.String()},
		{Name: "TIPRELAY_RELAY_FORWARDS", Value: string(cfg.RelayForwards)},
		{Name: "TIPRELAY_DUPLICATE_WINDOW", Value: window},
		{Name: "TIPRELAY_OCR", Value: onOff(cfg.OCR)},
		{Name: "TIPRELAY_FILES_DIR", Value: cfg.FilesDir},
	}
}

// onOff words a switch as the settings are written.
func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}

// sandboxOCR tells the page whether the bot reads screenshots: off when
// TIPRELAY_OCR=off or when tesseract or its languages are missing (the
// bot's analysis worker checks the same at start and logs it; this
// check only words it for the page), with the reason.
func sandboxOCR(ctx context.Context, cfg config.Config) (bool, string) {
	if !cfg.OCR {
		return false, "TIPRELAY_OCR=off"
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := ocr.New(ctx, ocr.Options{}); err != nil {
		return false, err.Error()
	}
	return true, ""
}

// joinIDs lists user ids with commas.
func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = fmt.Sprint(id)
	}
	return strings.Join(s, ",")
}
