package botapi

import "github.com/tiprelay/tiprelay/internal/tip"

// attachments returns the supported files of a message. A message carries
// at most one; the slice form lets a tip hold an album's files. A message
// with an animation also has a document (Telegram sets both for backward
// compatibility): it is recorded once, as the animation. An audio without
// a file name is named "performer - title" (or whichever of the two it
// has), so the relay header can show it. Files without a file_id are
// ignored.
func attachments(w *wireMessage) []tip.Attachment {
	var a *tip.Attachment
	switch {
	case len(w.Photo) > 0:
		a = photo(w.Photo)
	case w.Animation != nil:
		a = file(tip.AttachAnimation, w.Animation)
	case w.Video != nil:
		a = file(tip.AttachVideo, w.Video)
	case w.Audio != nil:
		a = file(tip.AttachAudio, w.Audio)
		if a.FileName == "" {
			a.FileName = join(w.Audio.Performer, w.Audio.Title, " - ")
		}
	case w.Voice != nil:
		a = file(tip.AttachVoice, w.Voice)
	case w.VideoNote != nil:
		v := w.VideoNote
		a = &tip.Attachment{
			Kind:         tip.AttachVideoNote,
			FileID:       v.FileID,
			FileUniqueID: v.FileUniqueID,
			FileSize:     v.FileSize,
			Width:        v.Length,
			Height:       v.Length,
			Duration:     v.Duration,
		}
	case w.Document != nil:
		a = file(tip.AttachDocument, w.Document)
	}
	if a == nil || a.FileID == "" {
		return nil
	}
	a.MessageID = w.MessageID
	return []tip.Attachment{*a}
}

// photo picks the largest size of a photo: most pixels, then the biggest
// file. Telegram lists sizes smallest first, but the order is not promised.
func photo(sizes []wirePhoto) *tip.Attachment {
	best := sizes[0]
	for _, p := range sizes[1:] {
		bp, pp := int64(best.Width)*int64(best.Height), int64(p.Width)*int64(p.Height)
		if pp > bp || pp == bp && p.FileSize > best.FileSize {
			best = p
		}
	}
	return &tip.Attachment{
		Kind:         tip.AttachPhoto,
		FileID:       best.FileID,
		FileUniqueID: best.FileUniqueID,
		FileSize:     best.FileSize,
		Width:        best.Width,
		Height:       best.Height,
	}
}

// file converts a document, video, animation, voice or audio.
func file(kind tip.AttachmentKind, f *wireFile) *tip.Attachment {
	return &tip.Attachment{
		Kind:         kind,
		FileID:       f.FileID,
		FileUniqueID: f.FileUniqueID,
		FileSize:     f.FileSize,
		FileName:     f.FileName,
		MimeType:     f.MimeType,
		Width:        f.Width,
		Height:       f.Height,
		Duration:     f.Duration,
	}
}
