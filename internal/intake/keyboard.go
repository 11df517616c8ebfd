package intake

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// A triage button's callback_data is "t<tip>:<field>:<key>", for example
// "t1234:r:badung": everything a press needs is in it, so a button works
// the same after a restart and no state is kept behind it. It stays far
// below Telegram's 64 bytes for the keys of the contract; a longer key of
// a custom gazetteer gets no button (logged).

// triagePress is a decoded triage button.
type triagePress struct {
	tipID int64
	field tip.TriageField
	key   string
}

func (p triagePress) data() string {
	return fmt.Sprintf("t%d:%s:%s", p.tipID, string(p.field), p.key)
}

// parsePress decodes callback data; ok is false for data that is not a
// triage button (another bot's, or a later feature's).
func parsePress(data string) (triagePress, bool) {
	rest, ok := strings.CutPrefix(data, "t")
	if !ok {
		return triagePress{}, false
	}
	parts := strings.SplitN(rest, ":", 3)
	if len(parts) != 3 {
		return triagePress{}, false
	}
	id, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil || id <= 0 {
		return triagePress{}, false
	}
	f := tip.TriageField(parts[1])
	if f != tip.FieldRegion && f != tip.FieldCategory && f != tip.FieldPriority {
		return triagePress{}, false
	}
	return triagePress{tipID: id, field: f, key: parts[2]}, true
}

// keyboard returns the reporter's buttons for tip t: every region, every
// category offered and every priority, one press each, the current choice
// of each marked. Regions come three to a row, categories and priorities
// three and three.
func (s *Service) keyboard(t tip.Tip) [][]tip.Button {
	var rows [][]tip.Button
	add := func(perRow int, buttons []tip.Button) {
		for len(buttons) > 0 {
			n := min(perRow, len(buttons))
			rows = append(rows, buttons[:n])
			buttons = buttons[n:]
		}
	}
	button := func(f tip.TriageField, key, label string, current bool) (tip.Button, bool) {
		p := triagePress{tipID: t.ID, field: f, key: key}
		if len(p.data()) > tip.MaxCallbackData {
			s.log.Warn("key too long for a button; not offered", "field", f.String(), "key", key)
			return tip.Button{}, false
		}
		if current {
			label = "✅ " + label
		}
		return tip.Button{Text: label, Data: p.data()}, true
	}
	var regions, categories, priorities []tip.Button
	if s.set.Places != nil {
		suggested := t.Triage.RegionChoices
		for _, k := range s.set.Places.Keys() {
			label := "📍 " + s.regionName(k)
			if t.Triage.Region == "" && containsKey(suggested, k) {
				label = "❓ " + s.regionName(k)
			}
			if b, ok := button(tip.FieldRegion, string(k), label, k == t.Triage.Region); ok {
				regions = append(regions, b)
			}
		}
	}
	for _, c := range s.categories() {
		if b, ok := button(tip.FieldCategory, string(c), s.set.Texts.CategoryName(c), c == t.Triage.Category); ok {
			categories = append(categories, b)
		}
	}
	for _, p := range tip.Priorities() {
		if b, ok := button(tip.FieldPriority, string(p), s.set.Texts.PriorityName(p), p == t.Triage.EffectivePriority()); ok {
			priorities = append(priorities, b)
		}
	}
	add(3, regions)
	add(3, categories)
	add(3, priorities)
	return rows
}

func containsKey(keys []tip.RegionKey, k tip.RegionKey) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}
