// Package gazetteer knows the regions of a province (its kabupaten and
// kota), their police units and the place names that locate a text in one
// of them. A gazetteer is read from a YAML file (see Load); the one of Bali
// is built in (see Bali).
//
// A Gazetteer is immutable once loaded: its methods are safe for
// concurrent use.
package gazetteer

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/tiprelay/tiprelay/internal/tip"
)

//go:embed bali.yaml
var baliYAML string

// bali parses the embedded Bali file once; the result is never modified.
var bali = sync.OnceValue(func() *Gazetteer {
	g, err := Load(strings.NewReader(baliYAML))
	if err != nil {
		panic("gazetteer: the built-in bali.yaml is invalid: " + err.Error())
	}
	return g
})

// Bali returns the built-in gazetteer of Bali: its nine kabupaten/kota, 57
// kecamatan and well-known places. Every call returns the same value; it
// must not be modified (no method does).
func Bali() *Gazetteer { return bali() }

// Region is one kabupaten or kota.
type Region struct {
	// Key names the region in settings, hashtags and buttons ("badung").
	Key tip.RegionKey
	// Name is the display name ("Kabupaten Badung").
	Name string
	// Short is the name for buttons and headers ("Badung"); Name when the
	// file gives none.
	Short string
	// Unit is the police unit of the region ("Polres Badung").
	Unit string
}

// Gazetteer is the regions of a province and the place names in them.
type Gazetteer struct {
	province string
	regions  []Region
	byKey    map[tip.RegionKey]int
	// index maps a place's first word (lower case) to the places starting
	// with it, longest first.
	index map[string][]place
	// places are every place name, in file order, for tests and listings.
	places []place
}

// placeKind says where a place name comes from in the file.
type placeKind int

const (
	kindKecamatan placeKind = iota
	kindCapital
	kindPlace
	kindKey
)

// place is one name that locates a text in a region.
type place struct {
	name   string   // as written in the file
	words  []string // lower-case words
	region tip.RegionKey
	common bool
	kind   placeKind
	line   int
}

// Province returns the province's name from the file; empty if it has none.
func (g *Gazetteer) Province() string { return g.province }

// Keys returns the region keys in file order, which is display order.
func (g *Gazetteer) Keys() []tip.RegionKey {
	keys := make([]tip.RegionKey, len(g.regions))
	for i, r := range g.regions {
		keys[i] = r.Key
	}
	return keys
}

// Region returns the region with key; ok is false if there is none.
func (g *Gazetteer) Region(key tip.RegionKey) (r Region, ok bool) {
	i, ok := g.byKey[key]
	if !ok {
		return Region{}, false
	}
	return g.regions[i], true
}

// Name returns the short name of the region with key ("Badung"), or "" if
// there is none.
func (g *Gazetteer) Name(key tip.RegionKey) string {
	r, _ := g.Region(key)
	return r.Short
}

// HashtagRegion returns the region a hashtag names: tag is "#badung" or
// "badung", in any case. ok is false when tag names no region.
func (g *Gazetteer) HashtagRegion(tag string) (key tip.RegionKey, ok bool) {
	k := tip.RegionKey(strings.ToLower(strings.TrimPrefix(strings.TrimSpace(tag), "#")))
	if _, ok := g.byKey[k]; !ok {
		return "", false
	}
	return k, true
}
