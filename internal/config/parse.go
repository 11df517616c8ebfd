package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// maxTokenFile bounds how much of a token file is read, so that a wrong path
// such as /dev/zero cannot hang or exhaust the process.
const maxTokenFile = 4096

// setTokenFile reads the bot token from the file v, if v is not empty.
func setTokenFile(c *Config, v string) error {
	path := strings.TrimSpace(v)
	if path == "" {
		return nil
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrPermission) {
		// In a container this ends in a restart loop: say what to fix.
		return fmt.Errorf("the bot (uid %d) may not read %s: make it readable by that user (the Docker image runs as uid 10001)", os.Getuid(), path)
	}
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxTokenFile+1))
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if len(data) > maxTokenFile {
		return fmt.Errorf("file %s is larger than %d bytes: not a token file", path, maxTokenFile)
	}
	token := strings.TrimSpace(string(data))
	if token == "" {
		return fmt.Errorf("file %s is empty", path)
	}
	c.BotToken, c.BotTokenFile = token, path
	return nil
}

// setRelayChat reads the relay chat; empty leaves it unset for Validate.
func setRelayChat(c *Config, v string) error {
	if strings.TrimSpace(v) == "" {
		return nil
	}
	t, err := tip.ParseTarget(v)
	if err != nil {
		return err
	}
	c.RelayChat = t
	return nil
}

// splitList splits s at sep, trims each item, drops empty items and
// duplicates, and keeps the first occurrence's order. It returns nil for a
// list with no items.
func splitList(s, sep string) []string {
	var out []string
	seen := map[string]bool{}
	for item := range strings.SplitSeq(s, sep) {
		item = strings.TrimSpace(item)
		if item == "" || seen[item] {
			continue
		}
		seen[item] = true
		out = append(out, item)
	}
	return out
}

// parseUserIDs parses a comma-separated list of Telegram user ids. Every bad
// item is its own problem.
func parseUserIDs(s string) ([]int64, error) {
	var ids []int64
	var errs Errors
	seen := map[int64]bool{}
	for _, item := range splitList(s, ",") {
		id, err := strconv.ParseInt(item, 10, 64)
		switch {
		case err != nil:
			errs.add(fmt.Errorf("%q is not a numeric user id", item))
		case id <= 0:
			errs.add(fmt.Errorf("%q is not a user id: user ids are positive (negative ids are chats)", item))
		case !seen[id]:
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, errs.orNil()
}

// parseTargets parses a comma-separated list of chat or chat:thread values.
// Every bad item is its own problem.
func parseTargets(s string) ([]tip.Target, error) {
	var targets []tip.Target
	var errs Errors
	seen := map[tip.Target]bool{}
	for _, item := range splitList(s, ",") {
		t, err := tip.ParseTarget(item)
		switch {
		case err != nil:
			errs.add(err)
		case !seen[t]:
			seen[t] = true
			targets = append(targets, t)
		}
	}
	return targets, errs.orNil()
}

// joinIDs formats ids as a comma-separated list.
func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

// joinTargets formats targets as a comma-separated list.
func joinTargets(targets []tip.Target) string {
	parts := make([]string, len(targets))
	for i, t := range targets {
		parts[i] = t.String()
	}
	return strings.Join(parts, ",")
}

// setTimezone loads the IANA time zone v.
func setTimezone(c *Config, v string) error {
	name := strings.TrimSpace(v)
	if strings.EqualFold(name, "Local") {
		return fmt.Errorf("%q depends on the host: use an IANA name such as %s", name, DefaultTimezone)
	}
	if iana, ok := indonesianZone(name); ok {
		return fmt.Errorf("%q is an abbreviation, not a zone name: use %s", name, iana)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return fmt.Errorf("unknown time zone %q: use an IANA name such as %s", name, DefaultTimezone)
	}
	c.Timezone, c.TimezoneName = loc, name
	return nil
}

// indonesianZone returns the IANA zone of an abbreviation people in
// Indonesia use for it.
func indonesianZone(abbr string) (string, bool) {
	switch strings.ToUpper(abbr) {
	case "WIB":
		return "Asia/Jakarta", true
	case "WITA":
		return "Asia/Makassar", true
	case "WIT":
		return "Asia/Jayapura", true
	}
	return "", false
}

// parseDuration parses a Go duration such as 50s or 2m.
func parseDuration(v string) (time.Duration, error) {
	v = strings.TrimSpace(v)
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration such as 50s, 2m or 1m30s", v)
	}
	return d, nil
}

// levels maps the accepted log level names to their slog levels.
func levels() map[string]slog.Level {
	return map[string]slog.Level{
		"debug": slog.LevelDebug, "info": slog.LevelInfo,
		"warn": slog.LevelWarn, "error": slog.LevelError,
	}
}

// setLogLevel reads one of the names in levels.
func setLogLevel(c *Config, v string) error {
	name := strings.ToLower(strings.TrimSpace(v))
	level, ok := levels()[name]
	if !ok {
		return fmt.Errorf("%q is not a log level: use debug, info, warn or error", v)
	}
	c.LogLevel = level
	return nil
}

// levelName is the name setLogLevel reads for level, or level's own text.
func levelName(level slog.Level) string {
	for name, l := range levels() {
		if l == level {
			return name
		}
	}
	return strings.ToLower(level.String())
}

// setSwitch parses an on/off switch into b.
func setSwitch(b *bool, v string) error {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "on", "true", "yes", "1":
		*b = true
	case "off", "false", "no", "0":
		*b = false
	default:
		return fmt.Errorf("%q is not on or off", v)
	}
	return nil
}

// onOff formats a switch.
func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}
