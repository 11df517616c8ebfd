package tip

import "sort"

// MergeAlbum combines the single-message drafts of an album into one tip:
// message ids ascending, attachments in message order, the first non-empty
// caption as text, links and origin of the first part that has them.
// It returns the zero Tip when parts is empty.
func MergeAlbum(parts []Tip) Tip {
	if len(parts) == 0 {
		return Tip{}
	}
	sorted := append([]Tip(nil), parts...)
	sort.Slice(sorted, func(i, j int) bool { return firstID(sorted[i]) < firstID(sorted[j]) })
	t := sorted[0]
	t.MessageIDs = nil
	t.Attachments = nil
	t.Links = nil
	seen := map[string]bool{}
	for _, p := range sorted {
		t.MessageIDs = append(t.MessageIDs, p.MessageIDs...)
		t.Attachments = append(t.Attachments, p.Attachments...)
		if t.Text == "" {
			t.Text = p.Text
		}
		if t.Origin == nil {
			t.Origin = p.Origin
		}
		for _, l := range p.Links {
			if !seen[l] {
				seen[l] = true
				t.Links = append(t.Links, l)
			}
		}
		if p.UpdateID < t.UpdateID {
			t.UpdateID = p.UpdateID
		}
		if p.SentAt.Before(t.SentAt) {
			t.SentAt = p.SentAt
		}
	}
	return t
}

func firstID(t Tip) int64 {
	if len(t.MessageIDs) == 0 {
		return 0
	}
	return t.MessageIDs[0]
}
