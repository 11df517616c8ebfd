package config

import (
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Webhook mode: TIPRELAY_WEBHOOK_URL turns long polling off; Telegram then
// posts every update to that URL, which the operator's reverse proxy
// (TLS) forwards to TIPRELAY_WEBHOOK_LISTEN.

// DefaultWebhookListen is where the webhook server listens unless
// TIPRELAY_WEBHOOK_LISTEN says otherwise: loopback, behind the proxy.
const DefaultWebhookListen = "127.0.0.1:8443"

// Names of the webhook settings.
const (
	envWebhookURL        = "TIPRELAY_WEBHOOK_URL"
	envWebhookListen     = "TIPRELAY_WEBHOOK_LISTEN"
	envWebhookSecret     = "TIPRELAY_WEBHOOK_SECRET"
	envWebhookSecretFile = "TIPRELAY_WEBHOOK_SECRET_FILE"
	keyWebhookSecret     = "webhook_secret"
)

// webhookPorts are the only ports the Bot API posts webhooks to.
var webhookPorts = []string{"443", "80", "88", "8443"}

// webhookSecretPattern is the Bot API's rule for secret_token: 1-256
// characters of A-Z, a-z, 0-9, _ and -.
var webhookSecretPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// maxSecretFile bounds how much of a secret file is read (the secret has
// at most 256 characters; a wrong path such as /dev/zero must not hang).
const maxSecretFile = 4096

// errSecretShape is the problem of a secret Telegram would refuse. It
// never quotes the secret.
var errSecretShape error = clause("must be 1 to 256 characters of A-Z, a-z, 0-9, _ and - (the Bot API's rule for secret_token), e.g. from `openssl rand -hex 32`")

// setWebhookSecretFile reads the webhook secret from the file v, if v is
// not empty. The secret option comes first in options, so a secret set
// directly is known here: both set is an error. The path is kept even
// when the file cannot be read, so that validateWebhook knows the missing
// secret is already reported.
func setWebhookSecretFile(c *Config, v string) error {
	path := strings.TrimSpace(v)
	if path == "" {
		return nil
	}
	c.WebhookSecretFile = path
	if c.WebhookSecret != "" {
		return clause("and " + envWebhookSecret + " are both set: keep only one")
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSecretFile+1))
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if len(data) > maxSecretFile {
		return fmt.Errorf("file %s is larger than %d bytes: not a secret file", path, maxSecretFile)
	}
	secret := strings.TrimSpace(string(data))
	if secret == "" {
		return fmt.Errorf("file %s is empty", path)
	}
	c.WebhookSecret = secret
	return nil
}

// Webhook reports whether the bot runs in webhook mode.
func (c Config) Webhook() bool { return c.WebhookURL != "" }

// WebhookPath is the path of TIPRELAY_WEBHOOK_URL, where the webhook
// server answers ("/" for a URL without one); empty in polling mode.
func (c Config) WebhookPath() string {
	if c.WebhookURL == "" {
		return ""
	}
	u, err := url.Parse(c.WebhookURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

// validateWebhook checks the webhook settings. In polling mode (no URL)
// the secret is not needed and is ignored, so that switching back to
// polling means emptying one setting.
func (c Config) validateWebhook(bad func(env string, err error)) {
	if err := checkListen(c.WebhookListen); err != nil {
		bad(envWebhookListen, err)
	}
	if c.WebhookURL == "" {
		return
	}
	if err := checkWebhookURL(c.WebhookURL); err != nil {
		bad(envWebhookURL, err)
	}
	switch {
	case c.WebhookSecret == "" && c.WebhookSecretFile != "":
		// The file could not be read: reported with TIPRELAY_WEBHOOK_SECRET_FILE.
	case c.WebhookSecret == "":
		bad(envWebhookSecret, fmt.Errorf("%w with %s (or %s): Telegram sends it in every request so that the bot can refuse anyone else's; make one with `openssl rand -hex 32`",
			ErrRequired, envWebhookURL, envWebhookSecretFile))
	case !webhookSecretPattern.MatchString(c.WebhookSecret) && c.WebhookSecretFile != "":
		bad(envWebhookSecretFile, fmt.Errorf("the secret in %s %w", c.WebhookSecretFile, errSecretShape))
	case !webhookSecretPattern.MatchString(c.WebhookSecret):
		bad(envWebhookSecret, errSecretShape)
	}
}

// checkWebhookURL accepts what the Bot API accepts for setWebhook: an
// absolute https URL with a host, on port 443, 80, 88 or 8443, without
// user information or fragment. The message quotes the URL, which is not
// a secret; a bot token put in it is redacted like everywhere else.
func checkWebhookURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return fmt.Errorf("%q is not a URL such as https://bot.example.go.id/telegram/webhook", s)
	}
	if u.Scheme != "https" {
		return fmt.Errorf("%q must start with https://: Telegram posts updates only over HTTPS (terminate TLS at a reverse proxy, see README \"Webhook mode\")", s)
	}
	if u.User != nil || u.Fragment != "" {
		return fmt.Errorf("%q must not have user information or a fragment", s)
	}
	if u.Hostname() == "" {
		return fmt.Errorf("%q has no host name", s)
	}
	if p := u.Port(); p != "" && !slices.Contains(webhookPorts, p) {
		return fmt.Errorf("%q uses port %s, but Telegram posts webhooks only to ports 443, 80, 88 and 8443", s, p)
	}
	return nil
}

// checkListen accepts host:port with a port from 1 to 65535; an empty host
// listens on every interface.
func checkListen(s string) error {
	_, port, err := net.SplitHostPort(s)
	if err != nil {
		return fmt.Errorf("%q is not host:port such as %s", s, DefaultWebhookListen)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return fmt.Errorf("%q has no port from 1 to 65535", s)
	}
	return nil
}
