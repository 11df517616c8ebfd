package config

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// tokenPattern is the shape of a BotFather token: the bot's numeric id, a
// colon and about 35 characters of URL-safe base64.
var tokenPattern = regexp.MustCompile(`^[0-9]{1,20}:[A-Za-z0-9_-]{30,80}$`)

// Validate checks the settings together and returns Errors, one line per
// problem, or nil. It is pure: Load also checks that the database directory
// is writable. Problems name the environment variable of the setting, and
// none quotes the bot token.
func (c Config) Validate() error {
	var errs Errors
	bad := func(env string, err error) { errs.add(&FieldError{Env: env, Err: err}) }

	switch {
	case c.BotToken == "":
		bad(envBotToken, fmt.Errorf("%w (or %s): create a bot with @BotFather in Telegram (/newbot) and copy the token it gives; or try `tiprelay sandbox`, which needs none", ErrRequired, envBotTokenFile))
	case !tokenPattern.MatchString(c.BotToken):
		bad(envBotToken, errBadToken)
	}
	if err := checkURL(c.APIURL); err != nil {
		bad("TIPRELAY_API_URL", err)
	}
	if c.DBPath == "" {
		bad(envDBPath, ErrRequired)
	}

	switch {
	case c.RelayChat.ChatID == 0:
		bad("TIPRELAY_RELAY_CHAT_ID", fmt.Errorf("%w: the police group's chat id, e.g. -1001234567890 (send /id in the group to find it)", ErrRequired))
	case c.RelayChat.ChatID > 0:
		bad("TIPRELAY_RELAY_CHAT_ID", fmt.Errorf("%d is a user's chat, not a group: group chat ids are negative, e.g. -1001234567890", c.RelayChat.ChatID))
	case c.RelayChat.ThreadID < 0:
		bad("TIPRELAY_RELAY_CHAT_ID", fmt.Errorf("thread id %d is negative", c.RelayChat.ThreadID))
	}
	c.validateTriage(bad)
	c.validatePolice(bad)
	c.validateWebhook(bad)
	c.validateHTTP(bad)
	for _, ids := range []struct {
		env string
		ids []int64
	}{{"TIPRELAY_STAFF_IDS", c.StaffIDs}, {"TIPRELAY_ADMIN_IDS", c.AdminIDs}} {
		for _, id := range ids.ids {
			if id <= 0 {
				bad(ids.env, fmt.Errorf("%d is not a user id: user ids are positive", id))
			}
		}
	}
	if len(c.DigestChats) == 0 {
		bad("TIPRELAY_DIGEST_CHAT_IDS", fmt.Errorf("%w: at least one chat", ErrRequired))
	}
	for _, t := range c.DigestChats {
		if t.ChatID == 0 || t.ThreadID < 0 {
			bad("TIPRELAY_DIGEST_CHAT_IDS", fmt.Errorf("%q is not a chat", t.String()))
		}
	}
	if len(c.DigestCron) == 0 {
		bad("TIPRELAY_DIGEST_CRON", fmt.Errorf("%w: at least one spec such as %q", ErrRequired, DefaultDigestCron))
	}
	if c.Timezone == nil {
		bad("TIPRELAY_TIMEZONE", fmt.Errorf("%w: an IANA name such as %s", ErrRequired, DefaultTimezone))
	}
	if c.Lang != "id" && c.Lang != "en" {
		bad("TIPRELAY_LANG", fmt.Errorf("%q is not supported: use id or en", c.Lang))
	}

	for _, r := range []struct {
		env  string
		rate Rate
	}{{"TIPRELAY_GROUP_RATE", c.GroupRate}, {"TIPRELAY_CHAT_RATE", c.ChatRate}, {"TIPRELAY_GLOBAL_RATE", c.GlobalRate}} {
		if err := r.rate.validate(); err != nil {
			bad(r.env, err)
		}
	}
	if c.PollTimeout < 0 {
		bad("TIPRELAY_POLL_TIMEOUT", fmt.Errorf("%s is negative", c.PollTimeout))
	}
	if c.AlbumWindow <= 0 {
		bad("TIPRELAY_ALBUM_WINDOW", fmt.Errorf("%s is not positive", c.AlbumWindow))
	}
	if c.ShutdownTimeout <= 0 {
		bad("TIPRELAY_SHUTDOWN_TIMEOUT", fmt.Errorf("%s is not positive", c.ShutdownTimeout))
	}
	if _, ok := levels()[levelName(c.LogLevel)]; !ok {
		bad("TIPRELAY_LOG_LEVEL", fmt.Errorf("%s is not one of debug, info, warn, error", c.LogLevel))
	}
	if c.LogFormat != "json" && c.LogFormat != "text" {
		bad("TIPRELAY_LOG_FORMAT", fmt.Errorf("%q is not a log format: use json or text", c.LogFormat))
	}
	return errs.orNil()
}

// checkURL accepts an absolute http or https URL with a host and without
// query, fragment or trailing slash.
func checkURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http(s) URL such as %s", s, DefaultAPIURL)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("%q must not have a query or fragment", s)
	}
	if strings.HasSuffix(s, "/") {
		return fmt.Errorf("%q must not end with a slash", s)
	}
	return nil
}
