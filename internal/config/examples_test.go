package config

import (
	"bufio"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

const (
	exampleYAML = "../../configs/tiprelay.example.yaml"
	exampleEnv  = "../../configs/tiprelay.env.example"
)

// settingsWithout returns c's settings as a map, without the config file.
func settingsWithout(c Config) map[string]string {
	m := map[string]string{}
	for _, kv := range c.settings() {
		if kv[0] != "config" {
			m[kv[0]] = kv[1]
		}
	}
	return m
}

// MustReadEnvExample returns the variables assigned in the env example, in
// order, and fails if one has no comment line above it.
func MustReadEnvExample(tb testing.TB) (names []string, values map[string]string) {
	tb.Helper()
	f, err := os.Open(exampleEnv)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	values = map[string]string{}
	prev := ""
	for s := bufio.NewScanner(f); s.Scan(); prev = s.Text() {
		line := s.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok || !strings.HasPrefix(name, "TIPRELAY_") {
			tb.Fatalf("%s: line %q is not NAME=value", exampleEnv, line)
		}
		if !strings.HasPrefix(prev, "# ") {
			tb.Errorf("%s: %s has no comment line above it", exampleEnv, name)
		}
		names = append(names, name)
		values[name] = value
	}
	return names, values
}

func TestExampleEnvMatchesLoad(t *testing.T) {
	names, values := MustReadEnvExample(t)
	want := []string{envConfig}
	for _, o := range options() {
		want = append(want, o.env)
	}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("%s documents:\n%q\nLoad knows:\n%q", exampleEnv, names, want)
	}

	// Loading the example gives the defaults.
	required := minimalEnv(t, nil)
	for k, v := range required {
		values[k] = v
	}
	got := settingsWithout(MustLoad(t, nil, values))
	if want := settingsWithout(MustLoad(t, nil, required)); !reflect.DeepEqual(got, want) {
		t.Errorf("loading %s:\n%v\nwant the defaults:\n%v", exampleEnv, got, want)
	}
}

func TestExampleYAMLMatchesLoad(t *testing.T) {
	data, err := os.ReadFile(exampleYAML)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for key := range doc {
		got = append(got, key)
	}
	for _, o := range options() {
		want = append(want, o.key)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s keys:\n%q\nLoad knows:\n%q", exampleYAML, got, want)
	}

	lines := strings.Split(string(data), "\n")
	for i, line := range lines {
		key, _, ok := strings.Cut(line, ":")
		if _, known := doc[key]; ok && known {
			if i == 0 || !strings.HasPrefix(lines[i-1], "# ") {
				t.Errorf("%s: %s has no comment line above it", exampleYAML, key)
			}
		}
	}

	// Loading the example gives the defaults (env overrides its db_path).
	env := minimalEnv(t, nil)
	c := MustLoad(t, []string{"--config", exampleYAML}, env)
	if c.File != exampleYAML {
		t.Errorf("File = %q, want %q", c.File, exampleYAML)
	}
	if got, want := settingsWithout(c), settingsWithout(MustLoad(t, nil, env)); !reflect.DeepEqual(got, want) {
		t.Errorf("loading %s:\n%v\nwant the defaults:\n%v", exampleYAML, got, want)
	}
}
