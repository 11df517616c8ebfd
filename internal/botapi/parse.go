package botapi

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
// For a my_chat_member update it fills Member, for a callback_query
// update Callback.
// Draft.Links lists the public t.me link of a forwarded channel post first,
// then the links of the text in order, each once. Commands are recognised
// only in the text of a message the staff member wrote (not in a caption,
// not in a forward), so a forwarded "/start" is evidence, not a command.
func Parse(raw []byte) (Update, error) {
	if !json.Valid(raw) {
		var probe any
		return Update{}, fmt.Errorf("parse update: %w", json.Unmarshal(raw, &probe))
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
			return u, nil
		}
	}
	if value, ok := member(members, string(KindMyChatMember)); ok && isObject(value) {
		u.Kind, u.Field = KindMyChatMember, string(KindMyChatMember)
		u.Member = parseMemberUpdate(value)
		return u, nil
	}
	if value, ok := member(members, string(KindCallbackQuery)); ok && isObject(value) {
		u.Kind, u.Field = KindCallbackQuery, string(KindCallbackQuery)
		u.Callback = parseCallback(value)
	}
	return u, nil
}

// jsonMember is one name/value pair of a JSON object.
type jsonMember struct {
	key   string
	value json.RawMessage
}

// objectMembers returns the members of the JSON object raw, in the order
// they appear. raw must be valid JSON (Parse checks it first): the scan
// below only finds where each key and value ends, which is several times
// faster than a json.Decoder's tokens on the hot path of every update.
func objectMembers(raw []byte) ([]jsonMember, error) {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return nil, errors.New("not a JSON object")
	}
	var out []jsonMember
	i = skipSpace(raw, i+1)
	if i < len(raw) && raw[i] == '}' {
		return out, nil
	}
	for i < len(raw) {
		if raw[i] != '"' {
			return nil, errors.New("malformed object")
		}
		end := skipString(raw, i)
		key := string(raw[i+1 : end-1])
		if needsDecoding(raw[i:end]) {
			if err := json.Unmarshal(raw[i:end], &key); err != nil {
				return nil, err
			}
		}
		i = skipSpace(raw, end)
		if i >= len(raw) || raw[i] != ':' {
			return nil, errors.New("malformed object")
		}
		start := skipSpace(raw, i+1)
		vend := skipValue(raw, start)
		out = append(out, jsonMember{key: key, value: raw[start:vend]})
		i = skipSpace(raw, vend)
		if i < len(raw) && raw[i] == ',' {
			i = skipSpace(raw, i+1)
			continue
		}
		break
	}
	return out, nil
}

// needsDecoding reports whether a JSON string token has escapes or
// non-ASCII bytes, which encoding/json must decode (invalid UTF-8 becomes
// U+FFFD); plain ASCII keys are used as they are.
func needsDecoding(tok []byte) bool {
	for _, c := range tok {
		if c == '\\' || c >= 0x80 {
			return true
		}
	}
	return false
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index after the string starting at b[i] == '"'.
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
}

// skipValue returns the index after the JSON value starting at b[i].
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				i = skipString(b, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return len(b)
	default:
		for i < len(b) && b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] != ' ' && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' {
			i++
		}
		return i
	}
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
