package intake

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Parse decodes one Bot API update as Telegram sent it.
//
// It fails only when raw is not a JSON object or has no positive integer
// update_id; the error then starts with "parse update: ". Anything else
// decodes: fields and update kinds it does not know are ignored or reported
// as KindOther with their Field name, an unknown forward origin type is
// kept verbatim, and a field of an unexpected JSON type is left at its zero
// value.
//
// For a message or edited message, Parse fills Message and its Draft (the
// tip the message would become); see Message for the meaning of each field.
// Draft.Links lists the public t.me link of a forwarded channel post first,
// then the links of the text in order, each once. Commands are recognised
// only in the text of a message the staff member wrote (not in a caption,
// not in a forward), so a forwarded "/start" is evidence, not a command.
func Parse(raw []byte) (Update, error) {
	var probe struct{}
	if err := json.Unmarshal(raw, &probe); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return Update{}, fmt.Errorf("parse update: not a JSON object")
		}
		return Update{}, fmt.Errorf("parse update: %w", err)
	}
	members, err := objectMembers(raw)
	if err != nil {
		return Update{}, fmt.Errorf("parse update: %w", err)
	}

	var u Update
	for _, m := range members {
		if m.key != "update_id" {
			if u.Field == "" {
				u.Field = m.key
			}
			continue
		}
		if err := json.Unmarshal(m.value, &u.ID); err != nil {
			return Update{}, fmt.Errorf("parse update: update_id: %w", err)
		}
	}
	if u.ID <= 0 {
		return Update{}, fmt.Errorf("parse update: missing or non-positive update_id")
	}

	u.Kind = KindOther
	for _, kind := range []UpdateKind{KindMessage, KindEditedMessage} {
		value, ok := member(members, string(kind))
		if ok && isObject(value) {
			u.Kind, u.Field = kind, string(kind)
			u.Message = parseMessage(value, u.ID)
			break
		}
	}
	return u, nil
}

// jsonMember is one name/value pair of a JSON object.
type jsonMember struct {
	key   string
	value json.RawMessage
}

// objectMembers returns the members of the JSON object raw, in the order
// they appear. raw must be valid JSON.
func objectMembers(raw []byte) ([]jsonMember, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if tok != json.Delim('{') {
		return nil, errors.New("not a JSON object")
	}
	var out []jsonMember
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, err
		}
		out = append(out, jsonMember{key: key, value: value})
	}
	return out, nil
}

// member returns the value of the last member named key, as
// encoding/json would decode it.
func member(members []jsonMember, key string) (json.RawMessage, bool) {
	for i := len(members) - 1; i >= 0; i-- {
		if members[i].key == key {
			return members[i].value, true
		}
	}
	return nil, false
}

// isObject reports whether the JSON value v is an object.
func isObject(v json.RawMessage) bool {
	v = bytes.TrimLeft(v, " \t\r\n")
	return len(v) > 0 && v[0] == '{'
}
