package config

import (
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Names of the settings that Load treats specially.
const (
	envConfig       = "TIPRELAY_CONFIG"
	flagConfig      = "config"
	envBotToken     = "TIPRELAY_BOT_TOKEN"
	envBotTokenFile = "TIPRELAY_BOT_TOKEN_FILE"
	envDBPath       = "TIPRELAY_DB_PATH"
	keyBotToken     = "bot_token"
	keyBotTokenFile = "bot_token_file"
)

// option is one setting: its names in each source, its default, its help
// line, and how it is read into and shown from a Config.
type option struct {
	key  string // YAML key
	env  string // environment variable
	flag string // flag name without dashes; empty for none (the token)
	def  string // default in the setting's text form; empty for none
	// show is what Usage says when def is empty ("required", ...).
	show string
	help string
	// sep joins a YAML sequence into the text form; empty when the setting
	// takes one value.
	sep string
	// set reads the text form into c; v is the default when no source set
	// the setting. An error may be Errors, one per bad item.
	set func(c *Config, v string) error
	// get returns the setting of c in its text form, unredacted.
	get func(c Config) string
}

// options returns the table of settings, in the order Usage, String and the
// example files use. It is a function so that no package state is shared.
func options() []option {
	return []option{
		{key: keyBotToken, env: envBotToken, show: "required",
			help: "bot token from BotFather (secret; prefer " + envBotTokenFile + "; no flag, it would show in ps)",
			set:  func(c *Config, v string) error { c.BotToken = strings.TrimSpace(v); return nil },
			get:  func(c Config) string { return c.BotToken }},
		{key: keyBotTokenFile, env: envBotTokenFile, flag: "bot-token-file", show: "default none",
			help: "file holding the bot token, e.g. a Docker secret (whitespace is trimmed)",
			set:  setTokenFile,
			get:  func(c Config) string { return c.BotTokenFile }},
		{key: "api_url", env: "TIPRELAY_API_URL", flag: "api-url", def: DefaultAPIURL,
			help: "Bot API base URL: the cloud API or a self-hosted Bot API server",
			set:  func(c *Config, v string) error { c.APIURL = strings.TrimRight(strings.TrimSpace(v), "/"); return nil },
			get:  func(c Config) string { return c.APIURL }},
		{key: "db_path", env: envDBPath, flag: "db-path", def: DefaultDBPath,
			help: "SQLite database file; its directory is created if missing",
			set:  func(c *Config, v string) error { c.DBPath = strings.TrimSpace(v); return nil },
			get:  func(c Config) string { return c.DBPath }},
		{key: "files_dir", env: "TIPRELAY_FILES_DIR", flag: "files-dir", show: "default files/ beside the database",
			help: "content-addressed store of downloaded evidence files (sha256/ab/cd/<hash>)",
			set:  setFilesDir,
			get:  func(c Config) string { return c.FilesDir }},
		{key: "relay_chat_id", env: "TIPRELAY_RELAY_CHAT_ID", flag: "relay-chat-id", show: "required",
			help: "police group chat id tips are relayed to, optionally chat:thread for a forum topic",
			set:  setRelayChat,
			get:  func(c Config) string { return targetOrEmpty(c.RelayChat) }},
		{key: "regions", env: envRegions, flag: "regions", sep: ",", show: "default none",
			help: "police chats of the regions, comma-separated key=chat_id or key=chat_id:thread with keys from the gazetteer",
			set:  func(c *Config, v string) (err error) { c.Regions, err = parseRegions(v); return err },
			get:  func(c Config) string { return joinRegions(c.Regions) }},
		{key: keyRegionsFile, env: envRegionsFile, flag: "regions-file", show: "default built-in Bali",
			help: "YAML gazetteer: per region key, name, police unit, kecamatan and place names",
			set:  setRegionsFile,
			get:  func(c Config) string { return c.RegionsFile }},
		{key: "categories", env: "TIPRELAY_CATEGORIES", flag: "categories", sep: ",", def: defaultCategories(),
			help: "comma-separated category keys offered to staff, in button order",
			set:  func(c *Config, v string) (err error) { c.Categories, err = parseCategories(v); return err },
			get:  func(c Config) string { return joinCategories(c.Categories) }},
		{key: "staff_ids", env: "TIPRELAY_STAFF_IDS", flag: "staff-ids", sep: ",", show: "default none",
			help: "comma-separated Telegram user ids allowed to submit tips",
			set:  func(c *Config, v string) (err error) { c.StaffIDs, err = parseUserIDs(v); return err },
			get:  func(c Config) string { return joinIDs(c.StaffIDs) }},
		{key: "admin_ids", env: "TIPRELAY_ADMIN_IDS", flag: "admin-ids", sep: ",", show: "default none",
			help: "comma-separated Telegram user ids allowed to administer the bot",
			set:  func(c *Config, v string) (err error) { c.AdminIDs, err = parseUserIDs(v); return err },
			get:  func(c Config) string { return joinIDs(c.AdminIDs) }},
		{key: "digest_chat_ids", env: "TIPRELAY_DIGEST_CHAT_IDS", flag: "digest-chat-ids", sep: ",", show: "default the relay chat",
			help: "comma-separated chat ids (chat or chat:thread) that receive the digests",
			set:  func(c *Config, v string) (err error) { c.DigestChats, err = parseTargets(v); return err },
			get:  func(c Config) string { return joinTargets(c.DigestChats) }},
		{key: "digest_cron", env: "TIPRELAY_DIGEST_CRON", flag: "digest-cron", sep: ";", def: DefaultDigestCron,
			help: "cron specs of the digest runs in the time zone, several separated by ';'",
			set:  func(c *Config, v string) error { c.DigestCron = splitList(v, ";"); return nil },
			get:  func(c Config) string { return strings.Join(c.DigestCron, "; ") }},
		{key: "digest_skip_empty", env: "TIPRELAY_DIGEST_SKIP_EMPTY", flag: "digest-skip-empty", def: "off",
			help: "skip the scheduled digest of a period without tips instead of sending a short one: on or off",
			set:  func(c *Config, v string) error { return setSwitch(&c.DigestSkipEmpty, v) },
			get:  func(c Config) string { return onOff(c.DigestSkipEmpty) }},
		{key: "region_digests", env: "TIPRELAY_REGION_DIGESTS", flag: "region-digests", def: "on",
			help: "send each region chat a daily digest of its own tips too: on or off",
			set:  func(c *Config, v string) error { return setSwitch(&c.RegionDigests, v) },
			get:  func(c Config) string { return onOff(c.RegionDigests) }},
		{key: "timezone", env: "TIPRELAY_TIMEZONE", flag: "timezone", def: DefaultTimezone,
			help: "IANA time zone of digests and displayed times (Asia/Makassar is WITA)",
			set:  setTimezone,
			get:  func(c Config) string { return c.TimezoneName }},
		{key: "lang", env: "TIPRELAY_LANG", flag: "lang", def: DefaultLang,
			help: "language of the bot's messages: id or en",
			set:  func(c *Config, v string) error { c.Lang = strings.ToLower(strings.TrimSpace(v)); return nil },
			get:  func(c Config) string { return c.Lang }},
		rateOption("group_rate", "TIPRELAY_GROUP_RATE", "group-rate", DefaultGroupRate,
			"most messages to one group per window, N/duration or off",
			func(c *Config) *Rate { return &c.GroupRate }),
		rateOption("chat_rate", "TIPRELAY_CHAT_RATE", "chat-rate", DefaultChatRate,
			"most messages to one private chat per window, N/duration or off",
			func(c *Config) *Rate { return &c.ChatRate }),
		rateOption("global_rate", "TIPRELAY_GLOBAL_RATE", "global-rate", DefaultGlobalRate,
			"most messages overall per window, N/duration or off",
			func(c *Config) *Rate { return &c.GlobalRate }),
		{key: "relay_forwards", env: "TIPRELAY_RELAY_FORWARDS", flag: "relay-forwards", def: string(ForwardsCopy),
			help: "how forwarded posts are relayed: copy (one message, origin linked in the header) or native (header, then Telegram's forward)",
			set: func(c *Config, v string) error {
				c.RelayForwards = ForwardMode(strings.ToLower(strings.TrimSpace(v)))
				return nil
			},
			get: func(c Config) string { return string(c.RelayForwards) }},
		{key: "show_officer", env: "TIPRELAY_SHOW_OFFICER", flag: "show-officer", def: "off",
			help: "show the reporter the officer's name, not only the police unit, with a status or a question: on or off",
			set:  func(c *Config, v string) error { return setSwitch(&c.ShowOfficer, v) },
			get:  func(c Config) string { return onOff(c.ShowOfficer) }},
		{key: "escalate_after", env: "TIPRELAY_ESCALATE_AFTER", flag: "escalate-after", def: shortDuration(DefaultEscalateAfter),
			help: "a relayed tip without a police status this long gets one reminder in each of its chats: a duration of at least 1m, or off",
			set:  func(c *Config, v string) (err error) { c.EscalateAfter, err = parseEscalateAfter(v); return err },
			get:  func(c Config) string { return escalateString(c.EscalateAfter) }},
		{key: "duplicate_window", env: "TIPRELAY_DUPLICATE_WINDOW", flag: "duplicate-window", def: shortDuration(DefaultDuplicateWindow),
			help: "how far back a repeat (same post, file, screenshot or link) is folded into an earlier tip: a duration, or off",
			set:  func(c *Config, v string) (err error) { c.DuplicateWindow, err = parseDuplicateWindow(v); return err },
			get:  func(c Config) string { return windowString(c.DuplicateWindow) }},
		{key: "ocr", env: "TIPRELAY_OCR", flag: "ocr", def: "on",
			help: "read the text in screenshots with Tesseract (Indonesian and English), for search, triage and duplicates: on or off",
			set:  func(c *Config, v string) error { return setSwitch(&c.OCR, v) },
			get:  func(c Config) string { return onOff(c.OCR) }},
		{key: "webhook_url", env: envWebhookURL, flag: "webhook-url", show: "default none: long polling",
			help: "public HTTPS URL (port 443, 80, 88 or 8443) Telegram posts updates to; empty means long polling",
			set:  func(c *Config, v string) error { c.WebhookURL = strings.TrimSpace(v); return nil },
			get:  func(c Config) string { return c.WebhookURL }},
		{key: "webhook_listen", env: envWebhookListen, flag: "webhook-listen", def: DefaultWebhookListen,
			help: "host:port the webhook server listens on, behind the reverse proxy that terminates TLS",
			set:  func(c *Config, v string) error { c.WebhookListen = strings.TrimSpace(v); return nil },
			get:  func(c Config) string { return c.WebhookListen }},
		{key: keyWebhookSecret, env: envWebhookSecret, show: "required with " + envWebhookURL,
			help: "secret_token Telegram sends in X-Telegram-Bot-Api-Secret-Token, 1-256 of A-Z a-z 0-9 _ - (secret; no flag)",
			set:  func(c *Config, v string) error { c.WebhookSecret = strings.TrimSpace(v); return nil },
			get:  func(c Config) string { return c.WebhookSecret }},
		{key: "webhook_secret_file", env: envWebhookSecretFile, flag: "webhook-secret-file", show: "default none",
			help: "file holding the webhook secret, e.g. a Docker secret (whitespace is trimmed)",
			set:  setWebhookSecretFile,
			get:  func(c Config) string { return c.WebhookSecretFile }},
		{key: "coalesce", env: "TIPRELAY_COALESCE", flag: "coalesce", def: "on",
			help: "merge waiting text-only tips into combined messages when a group's backlog exceeds its rate: on or off",
			set:  func(c *Config, v string) error { return setSwitch(&c.Coalesce, v) },
			get:  func(c Config) string { return onOff(c.Coalesce) }},
		durationOption("poll_timeout", "TIPRELAY_POLL_TIMEOUT", "poll-timeout", DefaultPollTimeout,
			"long-polling timeout of getUpdates",
			func(c *Config) *time.Duration { return &c.PollTimeout }),
		durationOption("album_window", "TIPRELAY_ALBUM_WINDOW", "album-window", DefaultAlbumWindow,
			"quiet time after the last part of an album before it becomes one tip",
			func(c *Config) *time.Duration { return &c.AlbumWindow }),
		durationOption("shutdown_timeout", "TIPRELAY_SHUTDOWN_TIMEOUT", "shutdown-timeout", DefaultShutdownTimeout,
			"longest graceful shutdown after SIGINT or SIGTERM",
			func(c *Config) *time.Duration { return &c.ShutdownTimeout }),
		{key: "http_listen", env: envHTTPListen, flag: "http-listen", show: "default none: off",
			help: "host:port of the health and metrics server (GET /healthz, GET /metrics), e.g. 127.0.0.1:9090 or :9090; empty turns it off",
			set:  func(c *Config, v string) error { c.HTTPListen = strings.TrimSpace(v); return nil },
			get:  func(c Config) string { return c.HTTPListen }},
		{key: "log_level", env: "TIPRELAY_LOG_LEVEL", flag: "log-level", def: DefaultLogLevel,
			help: "least severe log level written: debug, info, warn or error",
			set:  setLogLevel,
			get:  func(c Config) string { return levelName(c.LogLevel) }},
		{key: "log_format", env: "TIPRELAY_LOG_FORMAT", flag: "log-format", def: DefaultLogFormat,
			help: "log format: json or text",
			set:  func(c *Config, v string) error { c.LogFormat = strings.ToLower(strings.TrimSpace(v)); return nil },
			get:  func(c Config) string { return c.LogFormat }},
	}
}

// rateOption is the option of a Rate field.
func rateOption(key, env, flag, def, help string, field func(*Config) *Rate) option {
	return option{key: key, env: env, flag: flag, def: def, help: help,
		set: func(c *Config, v string) (err error) { *field(c), err = ParseRate(v); return err },
		get: func(c Config) string { return field(&c).String() }}
}

// durationOption is the option of a time.Duration field.
func durationOption(key, env, flag string, def time.Duration, help string, field func(*Config) *time.Duration) option {
	return option{key: key, env: env, flag: flag, def: shortDuration(def), help: help,
		set: func(c *Config, v string) (err error) { *field(c), err = parseDuration(v); return err },
		get: func(c Config) string { return shortDuration(*field(&c)) }}
}

// targetOrEmpty formats t, or returns "" for the zero Target.
func targetOrEmpty(t tip.Target) string {
	if t == (tip.Target{}) {
		return ""
	}
	return t.String()
}
