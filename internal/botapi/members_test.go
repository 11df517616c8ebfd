package botapi

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// decoderMembers is the straightforward json.Decoder version of
// objectMembers, kept as the reference the fast scanner must match.
func decoderMembers(raw []byte) ([]jsonMember, bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	var out []jsonMember
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, false
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, false
		}
		out = append(out, jsonMember{key: tok.(string), value: v})
	}
	return out, true
}

func FuzzObjectMembers(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, p := range files {
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
	f.Add([]byte(`{"a\\u0041\"b": [1, {"x": "}]\\""}], "c" : -1.5e3 , "d":null}`))
	f.Add([]byte(` { } `))
	f.Fuzz(func(t *testing.T, raw []byte) {
		if !json.Valid(raw) {
			return
		}
		want, ok := decoderMembers(raw)
		got, err := objectMembers(raw)
		if !ok {
			if err == nil && len(got) > 0 {
				t.Fatalf("got members %q of a non-object", got)
			}
			return
		}
		if err != nil || len(got) != len(want) {
			t.Fatalf("got %d members (%v), want %d", len(got), err, len(want))
		}
		for i := range want {
			var gv, wv any
			json.Unmarshal(got[i].value, &gv)
			json.Unmarshal(want[i].value, &wv)
			if got[i].key != want[i].key || !bytes.Equal(mustJSON(gv), mustJSON(wv)) {
				t.Fatalf("member %d: got %q=%s, want %q=%s", i, got[i].key, got[i].value, want[i].key, want[i].value)
			}
		}
	})
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}
