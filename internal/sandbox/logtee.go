package sandbox

import (
	"context"
	"log/slog"
	"strings"
)

// LogHandler returns a handler that passes every record to next, as next
// decides, and also shows records at level Info and above in the page's
// event log, so that a person sees what the bot stored and decided
// ("tip received", "tip status set") next to the calls it made.
func (s *Sandbox) LogHandler(next slog.Handler) slog.Handler {
	return &teeHandler{next: next, s: s}
}

type teeHandler struct {
	next   slog.Handler
	s      *Sandbox
	attrs  []string // "key=value" of WithAttrs, groups applied
	prefix string   // the open groups, "a.b."
}

func (h *teeHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelInfo || h.next.Enabled(ctx, l)
}

func (h *teeHandler) Handle(ctx context.Context, r slog.Record) error {
	var err error
	if h.next.Enabled(ctx, r.Level) {
		err = h.next.Handle(ctx, r)
	}
	if r.Level >= slog.LevelInfo {
		attrs := append([]string(nil), h.attrs...)
		r.Attrs(func(a slog.Attr) bool {
			attrs = appendAttr(attrs, h.prefix, a)
			return true
		})
		h.s.hub.add(Entry{Kind: "log", Time: h.s.clock(r.Time), Level: r.Level.String(), Msg: r.Message, Attrs: strings.Join(attrs, " ")})
	}
	return err
}

func (h *teeHandler) WithAttrs(as []slog.Attr) slog.Handler {
	c := *h
	c.next = h.next.WithAttrs(as)
	c.attrs = append([]string(nil), h.attrs...)
	for _, a := range as {
		c.attrs = appendAttr(c.attrs, h.prefix, a)
	}
	return &c
}

func (h *teeHandler) WithGroup(name string) slog.Handler {
	c := *h
	c.next = h.next.WithGroup(name)
	if name != "" {
		c.prefix += name + "."
	}
	return &c
}

// appendAttr appends a as "key=value"; groups, such as the whole
// configuration logged at start, are left out: the log line is one line.
func appendAttr(out []string, prefix string, a slog.Attr) []string {
	v := a.Value.Resolve()
	if a.Key == "" || v.Kind() == slog.KindGroup {
		return out
	}
	s := v.String()
	if strings.ContainsAny(s, " \t\n\"") {
		s = `"` + strings.ReplaceAll(s, `"`, `'`) + `"`
	}
	return append(out, prefix+a.Key+"="+s)
}
