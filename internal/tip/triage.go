package tip

import (
	"fmt"
	"slices"
	"strings"
)

// Category is what kind of threat a tip reports. Its key is what hashtags,
// buttons, settings and exports use; the names people read are in package
// text.
type Category string

// The categories, in the default button order (DESIGN.md, settings
// contract).
const (
	CategoryHoax          Category = "hoaks"
	CategoryProvocation   Category = "provokasi"
	CategorySARA          Category = "sara"
	CategoryHateSpeech    Category = "ujaran_kebencian"
	CategoryBlackCampaign Category = "kampanye_hitam"
	CategoryMoneyPolitics Category = "politik_uang"
	CategoryNeutrality    Category = "netralitas"
	CategoryThreat        Category = "ancaman"
	CategoryOther         Category = "lainnya"
)

// Categories returns every category, in the default order.
func Categories() []Category {
	return []Category{
		CategoryHoax, CategoryProvocation, CategorySARA, CategoryHateSpeech, CategoryBlackCampaign,
		CategoryMoneyPolitics, CategoryNeutrality, CategoryThreat, CategoryOther,
	}
}

// ParseCategory returns the category with key s (case-insensitive).
func ParseCategory(s string) (Category, error) {
	c := Category(strings.ToLower(strings.TrimSpace(s)))
	if !slices.Contains(Categories(), c) {
		return "", &ParseError{Value: s, Want: "a category (" + joinKeys(Categories()) + ")"}
	}
	return c, nil
}

// Priority is how urgently a tip needs the police.
type Priority string

// The priorities; a tip without one is PriorityNormal.
const (
	PriorityNormal    Priority = "biasa"
	PriorityImportant Priority = "penting"
	PriorityUrgent    Priority = "darurat"
)

// Priorities returns every priority, lowest first.
func Priorities() []Priority {
	return []Priority{PriorityNormal, PriorityImportant, PriorityUrgent}
}

// ParsePriority returns the priority with key s (case-insensitive).
func ParsePriority(s string) (Priority, error) {
	p := Priority(strings.ToLower(strings.TrimSpace(s)))
	if !slices.Contains(Priorities(), p) {
		return "", &ParseError{Value: s, Want: "a priority (" + joinKeys(Priorities()) + ")"}
	}
	return p, nil
}

// Rank orders priorities: higher is more urgent.
func (p Priority) Rank() int {
	switch p {
	case PriorityUrgent:
		return 2
	case PriorityImportant:
		return 1
	}
	return 0
}

// RegionKey names a regency or city (kabupaten/kota) of the gazetteer,
// such as "badung".
type RegionKey string

// TriageSource says how a field of a tip's triage was set.
type TriageSource string

// Triage sources.
const (
	// SetByHashtag: the reporter wrote #key in the text or caption.
	SetByHashtag TriageSource = "hashtag"
	// SetByPlace: a place name of the gazetteer in the text; shown as
	// automatic, for the reporter to correct.
	SetByPlace TriageSource = "place"
	// SetByButton: the reporter (or an admin) pressed a button.
	SetByButton TriageSource = "button"
)

// Triage is where a tip happened, what it is and how urgent it is. Empty
// Region and Category mean not set yet; an empty Priority is
// PriorityNormal.
type Triage struct {
	Region       RegionKey
	RegionSource TriageSource
	// RegionChoices are the regions a text named when it named places in
	// more than one: they are offered as buttons rather than guessed.
	RegionChoices []RegionKey
	Category      Category
	Priority      Priority
}

// EffectivePriority returns t.Priority, or PriorityNormal when unset.
func (t Triage) EffectivePriority() Priority {
	if t.Priority == "" {
		return PriorityNormal
	}
	return t.Priority
}

// RegionAuto reports whether the region was set automatically from a
// place name.
func (t Triage) RegionAuto() bool { return t.Region != "" && t.RegionSource == SetByPlace }

func joinKeys[K ~string](keys []K) string {
	s := make([]string, len(keys))
	for i, k := range keys {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// TriageField names a field a button or command changes.
type TriageField string

// Triage fields.
const (
	FieldRegion   TriageField = "r"
	FieldCategory TriageField = "c"
	FieldPriority TriageField = "p"
)

// String returns the field's name for logs and audit rows.
func (f TriageField) String() string {
	switch f {
	case FieldRegion:
		return "region"
	case FieldCategory:
		return "category"
	case FieldPriority:
		return "priority"
	}
	return fmt.Sprintf("field(%s)", string(f))
}
