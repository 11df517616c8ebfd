package botapi

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestSplitArray(t *testing.T) {
	tests := []struct {
		name string
		raw  string
	}{
		{"empty", `[]`},
		{"empty with spaces", " [ \n ] "},
		{"updates", `[{"update_id":1,"message":{"text":"a ] } [ {"}},{"update_id":2}]`},
		{"escaped quotes and brackets", `[ "x\"]", {"a":"\\"} , ["[", "]"] ]`},
		{"scalars", "[1, -2.5e3,true,false,null,\"s\"]\n"},
		{"nested", `[[[]],{"a":[{"b":{}}]}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []json.RawMessage
			if err := json.Unmarshal([]byte(tt.raw), &want); err != nil {
				t.Fatal(err)
			}
			got, err := SplitArray([]byte(tt.raw))
			if err != nil {
				t.Fatal(err)
			}
			if !sameElements(got, want) {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
	for _, raw := range []string{``, `{}`, `5`, `"[1]"`} {
		if _, err := SplitArray([]byte(raw)); err == nil {
			t.Errorf("SplitArray(%q) succeeded, want an error", raw)
		}
	}
}

func sameElements(got, want []json.RawMessage) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if !bytes.Equal(got[i], want[i]) {
			return false
		}
	}
	return true
}

// FuzzSplitArray: on every valid JSON array SplitArray finds the elements
// encoding/json finds, and on any input it does not panic.
func FuzzSplitArray(f *testing.F) {
	for _, s := range []string{`[]`, `[{"update_id":1}]`, `[1,"a",[2]]`, `[`, `[1,]`, `["\"",{}]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := SplitArray(data)
		var want []json.RawMessage
		if json.Unmarshal(data, &want) != nil || want == nil {
			return
		}
		if err != nil || !sameElements(got, want) {
			t.Errorf("SplitArray(%q) = %q, %v; want %q", data, got, err, want)
		}
	})
}
