package botapi

import (
	"path/filepath"
	"slices"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that Parse never panics and that what it returns keeps
// its invariants, whatever the input. The seeds are the testdata fixtures.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		f.Add(MustReadFixture(f, filepath.Base(file)))
	}
	f.Add([]byte(`{"update_id":1,"message":{"text":"😀 a","entities":[{"type":"url","offset":1,"length":2}]}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		u, err := Parse(raw)
		if err != nil {
			return
		}
		if u.ID <= 0 {
			t.Fatalf("got update id %d without an error", u.ID)
		}
		if (u.Message != nil) != (u.Kind == KindMessage || u.Kind == KindEditedMessage) {
			t.Fatalf("got kind %q with message %v", u.Kind, u.Message)
		}
		if (u.Member != nil) != (u.Kind == KindMyChatMember) {
			t.Fatalf("got kind %q with member update %v", u.Kind, u.Member)
		}
		m := u.Message
		if m == nil {
			return
		}
		if m.HasEvidence && (m.Command != nil || m.Unsupported != "" || m.Service) {
			t.Fatalf("got evidence for a command, unsupported or service message: %+v", m)
		}
		if !utf8.ValidString(m.Text) || m.Draft.Text != m.Text {
			t.Fatalf("got text %q, draft text %q", m.Text, m.Draft.Text)
		}
		if !slices.Equal(m.Draft.MessageIDs, []int64{m.ID}) || m.Draft.UpdateID != u.ID {
			t.Fatalf("got draft ids %v/%d for message %d of update %d", m.Draft.MessageIDs, m.Draft.UpdateID, m.ID, u.ID)
		}
		if r := m.ReplyTo; r != nil && (r.MessageID <= 0 || m.ThreadID != 0 && r.MessageID == m.ThreadID) {
			t.Fatalf("got reply to %+v in thread %d", r, m.ThreadID)
		}
		seen := map[string]bool{}
		for _, l := range m.Draft.Links {
			if l == "" || seen[l] {
				t.Fatalf("got empty or repeated link in %q", m.Draft.Links)
			}
			seen[l] = true
		}
		for _, a := range m.Draft.Attachments {
			if a.FileID == "" || a.MessageID != m.ID {
				t.Fatalf("got attachment %+v in message %d", a, m.ID)
			}
		}
	})
}
