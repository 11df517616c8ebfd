package config

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tiprelay/tiprelay/internal/gazetteer"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// ForwardMode is how a forwarded post is relayed to the police chats.
type ForwardMode string

// The forward modes of TIPRELAY_RELAY_FORWARDS.
const (
	// ForwardsCopy copies a forwarded post into the tip's one message, its
	// origin linked in the header.
	ForwardsCopy ForwardMode = "copy"
	// ForwardsNative sends the header, then Telegram's own forward.
	ForwardsNative ForwardMode = "native"
)

// Names of the region settings, which Load and Validate relate.
const (
	envRegions     = "TIPRELAY_REGIONS"
	envRegionsFile = "TIPRELAY_REGIONS_FILE"
	keyRegionsFile = "regions_file"
)

// defaultCategories is every category in the default order, comma-joined.
func defaultCategories() string { return joinCategories(tip.Categories()) }

// setRegionsFile loads the gazetteer file v, or the built-in Bali one when
// v is empty. A bad file is one problem on one line.
func setRegionsFile(c *Config, v string) error {
	path := strings.TrimSpace(v)
	if path == "" {
		c.Gazetteer, c.RegionsFile = gazetteer.Bali(), ""
		return nil
	}
	g, err := gazetteer.LoadFile(path)
	if err != nil {
		return err
	}
	c.Gazetteer, c.RegionsFile = g, path
	return nil
}

// parseRegions parses a comma-separated list of key=chat or
// key=chat:thread. Keys are lower-cased; whether they are regions of the
// gazetteer is Validate's to check. Every bad item is its own problem.
func parseRegions(s string) (map[tip.RegionKey]tip.Target, error) {
	var errs Errors
	regions := map[tip.RegionKey]tip.Target{}
	for _, item := range splitList(s, ",") {
		k, chat, ok := strings.Cut(item, "=")
		key := tip.RegionKey(strings.ToLower(strings.TrimSpace(k)))
		if !ok || key == "" {
			errs.add(fmt.Errorf("%q is not key=chat_id or key=chat_id:thread, e.g. badung=-1001234567890", item))
			continue
		}
		t, err := tip.ParseTarget(chat)
		if err != nil {
			errs.add(fmt.Errorf("region %s: %w", key, err))
			continue
		}
		if prev, dup := regions[key]; dup && prev != t {
			errs.add(fmt.Errorf("region %s is set twice: %s and %s", key, prev, t))
			continue
		}
		regions[key] = t
	}
	if len(regions) == 0 {
		regions = nil
	}
	return regions, errs.orNil()
}

// joinRegions formats regions as key=chat items, sorted by key.
func joinRegions(regions map[tip.RegionKey]tip.Target) string {
	keys := sortedKeys(regions)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = string(k) + "=" + regions[k].String()
	}
	return strings.Join(parts, ",")
}

// parseCategories parses a comma-separated list of category keys, keeping
// its order. Every unknown key is its own problem.
func parseCategories(s string) ([]tip.Category, error) {
	var out []tip.Category
	var errs Errors
	for _, item := range splitList(s, ",") {
		c, err := tip.ParseCategory(item)
		switch {
		case err != nil:
			errs.add(err)
		case !slices.Contains(out, c):
			out = append(out, c)
		}
	}
	return out, errs.orNil()
}

// joinCategories formats categories as a comma-separated list.
func joinCategories(cats []tip.Category) string {
	parts := make([]string, len(cats))
	for i, c := range cats {
		parts[i] = string(c)
	}
	return strings.Join(parts, ",")
}

// validateTriage checks the region, category and forward settings of c.
func (c Config) validateTriage(bad func(env string, err error)) {
	if c.Gazetteer == nil {
		bad(envRegionsFile, fmt.Errorf("%w: a gazetteer (Load sets the built-in Bali one when the file is empty)", ErrRequired))
	} else {
		for _, key := range sortedKeys(c.Regions) {
			if _, ok := c.Gazetteer.Region(key); !ok {
				bad(envRegions, fmt.Errorf("%q is not a region of the gazetteer: use one of %s", key, joinKeys(c.Gazetteer.Keys())))
			}
		}
	}
	for _, key := range sortedKeys(c.Regions) {
		switch t := c.Regions[key]; {
		case t.ChatID > 0:
			bad(envRegions, fmt.Errorf("region %s: %d is a user's chat, not a group: group chat ids are negative, e.g. -1001234567890", key, t.ChatID))
		case t.ChatID == 0 || t.ThreadID < 0:
			bad(envRegions, fmt.Errorf("region %s: %q is not a chat", key, t.String()))
		}
	}
	if len(c.Categories) == 0 {
		bad("TIPRELAY_CATEGORIES", fmt.Errorf("%w: at least one of %s", ErrRequired, defaultCategories()))
	}
	for _, cat := range c.Categories {
		if _, err := tip.ParseCategory(string(cat)); err != nil {
			bad("TIPRELAY_CATEGORIES", err)
		}
	}
	if c.RelayForwards != ForwardsCopy && c.RelayForwards != ForwardsNative {
		bad("TIPRELAY_RELAY_FORWARDS", fmt.Errorf("%q is not a forward mode: use copy or native", c.RelayForwards))
	}
}

// sortedKeys returns the keys of regions in order.
func sortedKeys(regions map[tip.RegionKey]tip.Target) []tip.RegionKey {
	keys := make([]tip.RegionKey, 0, len(regions))
	for k := range regions {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// joinKeys formats region keys as a comma-separated list.
func joinKeys(keys []tip.RegionKey) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = string(k)
	}
	return strings.Join(parts, ", ")
}
