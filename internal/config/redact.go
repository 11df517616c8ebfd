package config

import (
	"errors"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
)

// redacted replaces a secret wherever it would be shown.
const redacted = "<redacted>"

// minSecret is the shortest secret replaced inside other text. A shorter
// value cannot be a bot token, and replacing it everywhere would garble the
// text around it.
const minSecret = 8

// tokenLike matches anything shaped like a bot token, so that a token is
// hidden even where Load does not know it yet, e.g. in a broken YAML file.
var tokenLike = regexp.MustCompile(`[0-9]{3,}:[A-Za-z0-9_-]{20,}`)

// redactor hides the secrets it holds, and anything token-like, in text.
type redactor []string

// with returns r plus secret (and its trimmed form) if it is long enough.
func (r redactor) with(secret string) redactor {
	for _, s := range []string{secret, strings.TrimSpace(secret)} {
		if len(s) >= minSecret {
			r = append(r, s)
		}
	}
	return r
}

// string returns s with every secret replaced by <redacted>.
func (r redactor) string(s string) string {
	for _, secret := range r {
		s = strings.ReplaceAll(s, secret, redacted)
	}
	return tokenLike.ReplaceAllString(s, redacted)
}

// error returns err, or an error with the same message redacted if the
// message holds a secret. A FieldError keeps its Env.
func (r redactor) error(err error) error {
	msg := err.Error()
	if r.string(msg) == msg {
		return err
	}
	var fe *FieldError
	if errors.As(err, &fe) && fe.Error() == msg {
		inner := r.string(fe.Err.Error())
		var c clause
		var newErr error = errors.New(inner)
		if errors.As(fe.Err, &c) {
			newErr = clause(inner)
		}
		return &FieldError{Env: fe.Env, Source: r.string(fe.Source), Err: newErr}
	}
	return errors.New(r.string(msg))
}

// errors redacts every problem in errs.
func (r redactor) errors(errs Errors) Errors {
	out := make(Errors, len(errs))
	for i, err := range errs {
		out[i] = r.error(err)
	}
	return out
}

// settings returns every setting of c as key and text, in the order of
// options, with the token and the webhook secret shown as <redacted> and
// hidden in other values.
func (c Config) settings() [][2]string {
	r := redactor{}.with(c.BotToken).with(c.WebhookSecret)
	out := [][2]string{{"config", r.string(c.File)}}
	for _, o := range options() {
		v := o.get(c)
		if (o.key == keyBotToken || o.key == keyWebhookSecret) && v != "" {
			v = redacted
		}
		out = append(out, [2]string{o.key, r.string(v)})
	}
	return out
}

// String returns every setting as key=value on one line, for logs and the
// "config" output; the bot token is shown as <redacted>.
func (c Config) String() string {
	var b strings.Builder
	for i, kv := range c.settings() {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(kv[0])
		b.WriteByte('=')
		v := kv[1]
		if v == "" || strings.ContainsAny(v, " \t\n\"=") {
			v = strconv.Quote(v)
		}
		b.WriteString(v)
	}
	return b.String()
}

// GoString is String, so that %#v does not print the token either.
func (c Config) GoString() string { return "config.Config{" + c.String() + "}" }

// LogValue returns every setting as a slog group of strings; the bot token
// is shown as <redacted>.
func (c Config) LogValue() slog.Value {
	kvs := c.settings()
	attrs := make([]slog.Attr, len(kvs))
	for i, kv := range kvs {
		attrs[i] = slog.String(kv[0], kv[1])
	}
	return slog.GroupValue(attrs...)
}
