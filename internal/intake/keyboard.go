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

// buttonSpec is one button of the triage keyboard without its tip: the
// part of its data after the tip number, its label and what it sets.
type buttonSpec struct {
	field  tip.TriageField
	key    string
	suffix string // ":<field>:<key>"
	label  string
}

// keyboardSpecs returns the buttons every tip's keyboard has, in rows of
// three: every region, every category offered, every priority. They are
// built once, on first use: a keyboard is made for every tip stored.
func (s *Service) keyboardSpecs() [][]buttonSpec {
	s.kbOnce.Do(func() {
		var regions, categories, priorities []buttonSpec
		add := func(list *[]buttonSpec, f tip.TriageField, key, label string) {
			spec := buttonSpec{field: f, key: key, suffix: ":" + string(f) + ":" + key, label: label}
			if len("t")+maxTipDigits+len(spec.suffix) > tip.MaxCallbackData {
				s.log.Warn("key too long for a button; not offered", "field", f.String(), "key", key)
				return
			}
			*list = append(*list, spec)
		}
		if s.set.Places != nil {
			for _, k := range s.set.Places.Keys() {
				add(&regions, tip.FieldRegion, string(k), s.regionName(k))
			}
		}
		for _, c := range s.categories() {
			add(&categories, tip.FieldCategory, string(c), s.set.Texts.CategoryName(c))
		}
		for _, p := range tip.Priorities() {
			add(&priorities, tip.FieldPriority, string(p), s.set.Texts.PriorityName(p))
		}
		for _, list := range [][]buttonSpec{regions, categories, priorities} {
			for len(list) > 0 {
				n := min(3, len(list))
				s.kbRows = append(s.kbRows, list[:n])
				list = list[n:]
			}
		}
	})
	return s.kbRows
}

// maxTipDigits is the most digits a tip number has (an int64).
const maxTipDigits = 19

// keyboard returns the reporter's buttons for tip t: every region, every
// category offered and every priority, one press each, the current choice
// of each marked ✅ and the regions a text named ❓ while none is chosen.
func (s *Service) keyboard(t tip.Tip) [][]tip.Button {
	specs := s.keyboardSpecs()
	prefix := "t" + strconv.FormatInt(t.ID, 10)
	rows := make([][]tip.Button, len(specs))
	for i, row := range specs {
		rows[i] = make([]tip.Button, len(row))
		for j, b := range row {
			label := b.label
			switch b.field {
			case tip.FieldRegion:
				k := tip.RegionKey(b.key)
				switch {
				case k == t.Triage.Region:
					label = "✅ 📍 " + label
				case t.Triage.Region == "" && containsKey(t.Triage.RegionChoices, k):
					label = "❓ " + label
				default:
					label = "📍 " + label
				}
			case tip.FieldCategory:
				if tip.Category(b.key) == t.Triage.Category {
					label = "✅ " + label
				}
			case tip.FieldPriority:
				if tip.Priority(b.key) == t.Triage.EffectivePriority() {
					label = "✅ " + label
				}
			}
			rows[i][j] = tip.Button{Text: label, Data: prefix + b.suffix}
		}
	}
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
