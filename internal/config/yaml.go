package config

import (
	"fmt"
	"os"
	"strings"

	"gopkg.in/yaml.v3"
)

// readYAML reads the settings of the YAML file at path, keyed by YAML key,
// leaving out empty values. The file is a mapping of the keys in options to
// scalars; list settings also take a sequence. Unknown and repeated keys are
// errors naming the key and its line. Errors never quote a value: a line of
// the file may hold the bot token.
func readYAML(path string, byKey map[string]option) (map[string]setting, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		// yaml.v3 syntax errors are fixed phrases with a line number; the
		// caller still redacts anything that looks like a token.
		return nil, fmt.Errorf("%s: invalid YAML: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	settings := map[string]setting{}
	if len(doc.Content) == 0 {
		return settings, nil // empty file or only comments
	}
	root := deref(doc.Content[0])
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return settings, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: line %d: the file must be a mapping of settings, such as relay_chat_id: -1001234567890", path, root.Line)
	}
	var errs Errors
	lines := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := deref(root.Content[i]), root.Content[i+1]
		key := k.Value
		o, known := byKey[key]
		switch {
		case k.Kind != yaml.ScalarNode:
			errs.add(fmt.Errorf("%s: line %d: a key must be a plain name", path, k.Line))
			continue
		case !known:
			errs.add(fmt.Errorf("%s: line %d: unknown key %q", path, k.Line, key))
			continue
		case lines[key] != 0:
			errs.add(fmt.Errorf("%s: line %d: key %q repeats line %d", path, k.Line, key, lines[key]))
			continue
		}
		lines[key] = k.Line
		value, err := text(v, o.sep)
		if err != nil {
			errs.add(fmt.Errorf("%s: line %d: %s %w", path, v.Line, key, err))
			continue
		}
		if value != "" {
			settings[key] = setting{value: value, source: key + " in " + path}
		}
	}
	return settings, errs.orNil()
}

// text returns the text form of a YAML value: a scalar as written (null is
// empty), a sequence of scalars joined with sep. It never quotes the value.
func text(n *yaml.Node, sep string) (string, error) {
	n = deref(n)
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "", nil
		}
		return n.Value, nil
	case yaml.SequenceNode:
		if sep == "" {
			return "", fmt.Errorf("takes one value, not a list")
		}
		items := make([]string, 0, len(n.Content))
		for _, item := range n.Content {
			item = deref(item)
			if item.Kind != yaml.ScalarNode {
				return "", fmt.Errorf("must be a list of plain values")
			}
			items = append(items, item.Value)
		}
		return strings.Join(items, sep), nil
	default:
		return "", fmt.Errorf("must be a plain value, not a mapping")
	}
}

// deref follows YAML aliases (*anchor) to the node they name.
func deref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}
