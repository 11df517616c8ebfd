package intake

import (
	"slices"
	"strings"
	"unicode"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Places is the gazetteer of the province: its regions and the place
// names that locate a text (gazetteer.Gazetteer, adapted in cmd).
type Places interface {
	// Keys returns the region keys in display order.
	Keys() []tip.RegionKey
	// Name returns the short display name of a region ("Badung").
	Name(key tip.RegionKey) string
	// Find returns the regions whose places text names, in order of first
	// mention.
	Find(text string) []tip.RegionKey
}

// triageFromText sets what the reporter's text says: #hashtags set the
// region, category and priority (the first of each kind wins); without a
// region hashtag, place names suggest the region, set when they name one
// region and offered as choices when they name several.
func (s *Service) triageFromText(text string) tip.Triage {
	tr := tip.Triage{Priority: tip.PriorityNormal}
	var regions []tip.RegionKey
	if s.set.Places != nil {
		regions = s.set.Places.Keys()
	}
	for _, tag := range hashtags(text) {
		switch {
		case tr.Region == "" && slices.Contains(regions, tip.RegionKey(tag)):
			tr.Region, tr.RegionSource = tip.RegionKey(tag), tip.SetByHashtag
		case tr.Category == "" && s.offersCategory(tip.Category(tag)):
			tr.Category = tip.Category(tag)
		default:
			if p, err := tip.ParsePriority(tag); err == nil && tr.Priority == tip.PriorityNormal {
				tr.Priority = p
			}
		}
	}
	if tr.Region != "" || s.set.Places == nil {
		return tr
	}
	switch found := s.set.Places.Find(text); len(found) {
	case 0:
	case 1:
		tr.Region, tr.RegionSource = found[0], tip.SetByPlace
	default:
		tr.RegionChoices = found
	}
	return tr
}

// offersCategory reports whether c is one of the categories offered.
func (s *Service) offersCategory(c tip.Category) bool {
	return slices.Contains(s.categories(), c)
}

// categories returns the categories offered, in button order.
func (s *Service) categories() []tip.Category {
	if len(s.set.Categories) > 0 {
		return s.set.Categories
	}
	return tip.Categories()
}

// regionName returns the display name of key, "" when unset.
func (s *Service) regionName(key tip.RegionKey) string {
	if key == "" {
		return ""
	}
	if s.set.Places != nil {
		if n := s.set.Places.Name(key); n != "" {
			return n
		}
	}
	return string(key)
}

// hashtags returns the #words of text, lower case, in order: a hashtag is
// # followed by letters, digits and underscores, not preceded by a letter
// or digit (so "a#b" is none).
func hashtags(text string) []string {
	var out []string
	rs := []rune(text)
	for i := 0; i < len(rs); i++ {
		if rs[i] != '#' || (i > 0 && (unicode.IsLetter(rs[i-1]) || unicode.IsDigit(rs[i-1]))) {
			continue
		}
		j := i + 1
		for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j]) || rs[j] == '_') {
			j++
		}
		if j > i+1 {
			out = append(out, strings.ToLower(string(rs[i+1:j])))
		}
		i = j - 1
	}
	return out
}
