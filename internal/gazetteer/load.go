package gazetteer

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// maxKey bounds a region key, so that a button's callback_data (64 bytes)
// always has room for it.
const maxKey = 32

// keyPattern is the shape of a region key: lower-case ascii letters, then
// letters, digits and underscores.
var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// LoadFile reads the gazetteer in the YAML file at path (see Load). Errors
// start with the path.
func LoadFile(path string) (*Gazetteer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	g, err := Load(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return g, nil
}

// Load reads a gazetteer from YAML of this form (bali.yaml is the full
// example):
//
//	province: Bali
//	regions:
//	  badung:
//	    name: Kabupaten Badung
//	    short: Badung
//	    unit: Polres Badung
//	    kecamatan:
//	      - Kuta
//	      - {name: Kuta Selatan, capital: Jimbaran}
//	      - {name: Petang, common: true}
//	    places: [Seminyak, Nusa Dua, {name: Tuban, common: true}]
//
// Regions keep the file's order. Every region needs a name and a unit;
// kecamatan, capitals and places are optional. A place marked common counts
// only after "Kecamatan", "Kec." or "Desa" (see Find); the region key, its
// underscores read as spaces, is a place of its region unless the region
// lists it itself.
//
// Load returns one error, on one line, naming the line and region of every
// problem: invalid YAML, an unknown field, a key that is not lower-case
// ascii (letters, digits, underscores, at most 32 bytes), a key that
// repeats, an empty name or unit, a place listed twice or in two regions,
// and a file without regions.
func Load(r io.Reader) (*Gazetteer, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read gazetteer: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("invalid YAML: %s", oneLine(strings.TrimPrefix(err.Error(), "yaml: ")))
	}
	p := &parser{g: &Gazetteer{byKey: map[tip.RegionKey]int{}, index: map[string][]place{}}}
	p.document(&doc)
	if len(p.problems) > 0 {
		return nil, errors.New(strings.Join(p.problems, "; "))
	}
	p.index()
	return p.g, nil
}

// parser collects the regions and places of a document and its problems.
type parser struct {
	g        *Gazetteer
	problems []string
	region   string // the region being read, for messages
}

// fail records a problem at line.
func (p *parser) fail(line int, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if p.region != "" {
		msg = fmt.Sprintf("region %q: %s", p.region, msg)
	}
	p.problems = append(p.problems, fmt.Sprintf("line %d: %s", line, msg))
}

// document reads the top-level mapping: province and regions.
func (p *parser) document(doc *yaml.Node) {
	if len(doc.Content) == 0 {
		p.problems = append(p.problems, "the file has no regions")
		return
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		p.fail(root.Line, "the file must be a mapping with province and regions")
		return
	}
	var regions *yaml.Node
	p.fields(root, func(key string, v *yaml.Node) {
		switch key {
		case "province":
			p.g.province, _ = p.scalar(v, "province")
		case "regions":
			regions = v
		default:
			p.fail(v.Line, "unknown field %q (want province, regions)", key)
		}
	})
	switch {
	case regions == nil:
		p.fail(root.Line, "regions is missing")
	case regions.Kind != yaml.MappingNode:
		p.fail(regions.Line, "regions must be a mapping of region key to region")
	default:
		seen := map[string]int{}
		for i := 0; i+1 < len(regions.Content); i += 2 {
			k, v := regions.Content[i], regions.Content[i+1]
			switch key := k.Value; {
			case k.Kind != yaml.ScalarNode || !keyPattern.MatchString(key) || len(key) > maxKey:
				p.fail(k.Line, "region key %q must be lower-case ascii letters, digits and underscores, starting with a letter, at most %d bytes", key, maxKey)
			case seen[key] != 0:
				p.fail(k.Line, "region %q repeats line %d", key, seen[key])
			default:
				seen[key] = k.Line
				p.readRegion(tip.RegionKey(key), k.Line, v)
			}
		}
		if len(regions.Content) == 0 {
			p.fail(regions.Line, "regions is empty")
		}
	}
	p.region = ""
	p.checkPlaces()
}

// readRegion reads one region's mapping.
func (p *parser) readRegion(key tip.RegionKey, line int, n *yaml.Node) {
	p.region = string(key)
	defer func() { p.region = "" }()
	if n.Kind != yaml.MappingNode {
		p.fail(n.Line, "must be a mapping with name, unit, kecamatan and places")
		return
	}
	r := Region{Key: key}
	p.fields(n, func(field string, v *yaml.Node) {
		switch field {
		case "name":
			r.Name, _ = p.scalar(v, "name")
		case "short":
			r.Short, _ = p.scalar(v, "short")
		case "unit":
			r.Unit, _ = p.scalar(v, "unit")
		case "kecamatan":
			p.list(v, key, kindKecamatan)
		case "places":
			p.list(v, key, kindPlace)
		default:
			p.fail(v.Line, "unknown field %q (want name, short, unit, kecamatan, places)", field)
		}
	})
	if r.Name == "" {
		p.fail(n.Line, "name is empty")
	}
	if r.Unit == "" {
		p.fail(n.Line, "unit is empty")
	}
	if r.Short == "" {
		r.Short = r.Name
	}
	p.g.byKey[key] = len(p.g.regions)
	p.g.regions = append(p.g.regions, r)
	p.g.places = append(p.g.places, place{name: strings.ReplaceAll(string(key), "_", " "),
		words: strings.Split(string(key), "_"), region: key, kind: kindKey, line: line})
}

// list reads a sequence of place entries of kind.
func (p *parser) list(n *yaml.Node, key tip.RegionKey, kind placeKind) {
	if n.Kind != yaml.SequenceNode {
		p.fail(n.Line, "must be a list of names or {name: ..., common: true}")
		return
	}
	for _, item := range n.Content {
		p.entry(item, key, kind)
	}
}

// entry reads one place: a name, or a mapping with name and common (and
// capital, for a kecamatan).
func (p *parser) entry(n *yaml.Node, key tip.RegionKey, kind placeKind) {
	pl := place{region: key, kind: kind, line: n.Line}
	var capital *yaml.Node
	switch n.Kind {
	case yaml.ScalarNode:
		pl.name = strings.TrimSpace(n.Value)
	case yaml.MappingNode:
		p.fields(n, func(field string, v *yaml.Node) {
			switch {
			case field == "name":
				pl.name, _ = p.scalar(v, "name")
			case field == "common":
				if v.Kind != yaml.ScalarNode || (v.Value != "true" && v.Value != "false") {
					p.fail(v.Line, "common must be true or false")
				}
				pl.common = v.Value == "true"
			case field == "capital" && kind == kindKecamatan:
				capital = v
			default:
				want := "name, common"
				if kind == kindKecamatan {
					want += ", capital"
				}
				p.fail(v.Line, "unknown field %q (want %s)", field, want)
			}
		})
	default:
		p.fail(n.Line, "a place must be a name or {name: ..., common: true}")
		return
	}
	pl.words = words(pl.name)
	if len(pl.words) == 0 {
		p.fail(n.Line, "a place name is empty")
		return
	}
	p.g.places = append(p.g.places, pl)
	if capital != nil {
		p.entry(capital, key, kindCapital)
	}
}

// fields calls fn for each key and value of the mapping n; a key that is
// not a plain name or that repeats is a problem.
func (p *parser) fields(n *yaml.Node, fn func(key string, v *yaml.Node)) {
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.fail(k.Line, "a field name must be a plain name")
			continue
		}
		if seen[k.Value] != 0 {
			p.fail(k.Line, "field %q repeats line %d", k.Value, seen[k.Value])
			continue
		}
		seen[k.Value] = k.Line
		fn(k.Value, v)
	}
}

// scalar returns the trimmed text of a scalar; ok is false (and a problem
// recorded) for a list or mapping.
func (p *parser) scalar(n *yaml.Node, field string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		p.fail(n.Line, "%s must be a plain value", field)
		return "", false
	}
	if n.Tag == "!!null" {
		return "", true
	}
	return strings.TrimSpace(n.Value), true
}

// checkPlaces reports a place listed twice, in one region or in two. The
// key's own name yields silently to an entry of its region.
func (p *parser) checkPlaces() {
	first := map[string]place{}
	kept := p.g.places[:0]
	for _, pl := range p.g.places {
		if pl.kind == kindKey {
			kept = append(kept, pl)
			continue
		}
		norm := strings.Join(pl.words, " ")
		if prev, ok := first[norm]; ok {
			p.region = string(pl.region)
			if prev.region == pl.region {
				p.fail(pl.line, "place %q repeats line %d", pl.name, prev.line)
			} else {
				p.fail(pl.line, "place %q is also in region %q (line %d)", pl.name, prev.region, prev.line)
			}
			p.region = ""
			continue
		}
		first[norm] = pl
		kept = append(kept, pl)
	}
	places := kept[:0]
	for _, pl := range kept {
		if pl.kind == kindKey {
			prev, ok := first[strings.Join(pl.words, " ")]
			if ok && prev.region == pl.region {
				continue
			}
			if ok {
				p.region = string(pl.region)
				p.fail(pl.line, "the key names place %q of region %q (line %d)", prev.name, prev.region, prev.line)
				p.region = ""
				continue
			}
		}
		places = append(places, pl)
	}
	p.g.places = places
}

// index builds the first-word index, longest places first.
func (p *parser) index() {
	for _, pl := range p.g.places {
		p.g.index[pl.words[0]] = append(p.g.index[pl.words[0]], pl)
	}
	for _, list := range p.g.index {
		slices.SortStableFunc(list, func(a, b place) int { return cmp.Compare(len(b.words), len(a.words)) })
	}
}

// oneLine joins the lines of a multi-line message.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
