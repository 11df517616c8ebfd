package botapi

import (
	"encoding/json"
	"errors"
)

// SplitArray returns the elements of the JSON array raw, in order, as
// slices of raw. raw must be valid JSON, as the result of a Bot API answer
// that encoding/json has already decoded: SplitArray only finds where each
// element ends, which saves a second validating pass over a getUpdates
// answer of up to a hundred updates. On input that is not an array it
// returns an error; on otherwise invalid JSON its result is unspecified
// (but it never panics).
func SplitArray(raw []byte) ([]json.RawMessage, error) {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '[' {
		return nil, errors.New("not a JSON array")
	}
	out := []json.RawMessage{}
	i = skipSpace(raw, i+1)
	if i < len(raw) && raw[i] == ']' {
		return out, nil
	}
	for i < len(raw) {
		end := skipValue(raw, i)
		if end <= i {
			return nil, errors.New("malformed array")
		}
		out = append(out, raw[i:end:end])
		i = skipSpace(raw, end)
		if i < len(raw) && raw[i] == ',' {
			i = skipSpace(raw, i+1)
			continue
		}
		break
	}
	return out, nil
}
