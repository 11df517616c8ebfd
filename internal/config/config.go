// Package config turns defaults, an optional YAML file, TIPRELAY_*
// environment variables and command-line flags into one validated Config.
//
// Precedence, lowest to highest: defaults < YAML file (--config or
// TIPRELAY_CONFIG) < environment < flags. Every problem found is reported,
// one line each, in an Errors value, and the bot token never appears in an
// error, in String or in LogValue. The package imports no infrastructure: it
// knows only the domain package tip.
package config

import (
	"log/slog"
	"time"

	// The binary must work in a minimal container or on a host without a
	// zoneinfo database. The Docker image installs tzdata too, but embedding
	// the database (about 450 KB) makes time.LoadLocation("Asia/Makassar")
	// independent of the host.
	_ "time/tzdata"

	"github.com/tiprelay/tiprelay/internal/gazetteer"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// Defaults of the settings that have one. The bot token and the relay chat
// are required and have none; the digest chats default to the relay chat.
const (
	DefaultAPIURL          = "https://api.telegram.org"
	DefaultDBPath          = "./data/tiprelay.db"
	DefaultDigestCron      = "0 7 * * *"
	DefaultTimezone        = "Asia/Makassar"
	DefaultLang            = "id"
	DefaultGroupRate       = "20/1m"
	DefaultChatRate        = "1/1s"
	DefaultGlobalRate      = "30/1s"
	DefaultPollTimeout     = 50 * time.Second
	DefaultAlbumWindow     = 2 * time.Second
	DefaultShutdownTimeout = 10 * time.Second
	DefaultLogLevel        = "info"
	DefaultLogFormat       = "json"
	DefaultEscalateAfter   = 30 * time.Minute
)

// Config is the complete, validated configuration of one tiprelay process.
// Load builds it; tests elsewhere may build one by hand and call Validate.
type Config struct {
	// File is the YAML file the configuration was read from; empty if none.
	File string

	// BotToken is the secret token from BotFather. It is printed as
	// <redacted> by String and LogValue and never appears in errors.
	BotToken string
	// BotTokenFile is the file BotToken was read from; empty if it was set
	// directly.
	BotTokenFile string
	// APIURL is the Bot API base URL without a trailing slash: the cloud
	// API or a self-hosted Bot API server.
	APIURL string
	// DBPath is the SQLite database file. Load makes sure its directory
	// exists and is writable.
	DBPath string
	// FilesDir is the content-addressed store of downloaded evidence files
	// (sha256/ab/cd/<hash>); by default "files" beside the database.
	FilesDir string

	// RelayChat is the police group (optionally a forum topic) tips go to.
	RelayChat tip.Target
	// Gazetteer holds the regions and their place names: the built-in Bali
	// one, or the file RegionsFile. Load always sets it.
	Gazetteer *gazetteer.Gazetteer
	// RegionsFile is the YAML gazetteer file; empty for the built-in Bali.
	RegionsFile string
	// Regions are the police chats of the regions that have one; every key
	// is a region of Gazetteer. A region without a chat is still a region.
	Regions map[tip.RegionKey]tip.Target
	// Categories are the categories offered to staff, in button order.
	Categories []tip.Category

	// StaffIDs are the Telegram user ids allowed to submit tips.
	StaffIDs []int64
	// AdminIDs are the Telegram user ids allowed to administer the bot.
	AdminIDs []int64

	// DigestChats receive the digests; by default the relay chat.
	DigestChats []tip.Target
	// DigestSkipEmpty skips scheduled digests of periods without tips.
	DigestSkipEmpty bool
	// DigestCron holds the cron specs of the digest runs, unvalidated: the
	// digest scheduler checks their syntax.
	DigestCron []string
	// Timezone is used for digests and displayed times; TimezoneName is the
	// IANA name it was loaded from.
	Timezone     *time.Location
	TimezoneName string
	// Lang is the language of the bot's messages: "id" or "en".
	Lang string

	// GroupRate limits messages to one group, ChatRate messages to one
	// private chat, GlobalRate all messages together. An Off rate is no
	// limit.
	GroupRate  Rate
	ChatRate   Rate
	GlobalRate Rate

	// RelayForwards says how a forwarded post is relayed: ForwardsCopy or
	// ForwardsNative.
	RelayForwards ForwardMode
	// RegionDigests sends each region chat a daily digest of its own tips.
	RegionDigests bool
	// ShowOfficer shows the reporter the name of the officer who set a
	// status or asked a question, not only the police unit.
	ShowOfficer bool
	// EscalateAfter is how long a relayed tip may go without a police
	// status before it gets a reminder in each chat it was relayed to; 0
	// is off. Otherwise it is at least MinEscalateAfter.
	EscalateAfter time.Duration
	// DuplicateWindow is how far back a repeat is folded into an earlier
	// tip; 0 folds nothing.
	DuplicateWindow time.Duration
	// OCR reads the text in screenshots with Tesseract.
	OCR bool

	// WebhookURL is the public HTTPS URL Telegram posts updates to; empty
	// means long polling (see webhook.go). WebhookListen is the address
	// the webhook server listens on, behind the reverse proxy.
	// WebhookSecret is the secret_token Telegram sends with every update;
	// like the bot token it is shown as <redacted> and never appears in
	// errors. WebhookSecretFile is the file it was read from, if any.
	WebhookURL        string
	WebhookListen     string
	WebhookSecret     string
	WebhookSecretFile string

	// Coalesce merges waiting text-only tips into combined messages when a
	// group's backlog is longer than its rate allows in one window.
	Coalesce bool
	// PollTimeout is the long-polling timeout of getUpdates.
	PollTimeout time.Duration
	// AlbumWindow is the quiet time after the last part of an album before
	// the album becomes one tip.
	AlbumWindow time.Duration
	// ShutdownTimeout bounds the graceful shutdown after a signal.
	ShutdownTimeout time.Duration
	// HTTPListen is the address of the health and metrics server
	// (GET /healthz, GET /metrics), such as 127.0.0.1:9090 or :9090;
	// empty turns it off (see http.go).
	HTTPListen string

	// LogLevel is one of slog.LevelDebug, LevelInfo, LevelWarn, LevelError.
	LogLevel slog.Level
	// LogFormat is "json" or "text".
	LogFormat string
}
