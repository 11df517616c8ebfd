package telegramtest

import (
	"bytes"
	"fmt"
	"image"
	_ "image/gif"  // register GIF for photo uploads
	_ "image/jpeg" // register JPEG for photo uploads
	_ "image/png"  // register PNG for photo uploads
	"mime"
	"strings"
)

// fileParamLocked resolves a file parameter that is not an upload: a file
// id of the wanted kind. URLs cannot be fetched offline.
func (s *Server) fileParamLocked(p *params, field, kind string) (*fileEntry, *apiError) {
	v := strings.TrimSpace(p.str(field))
	if v == "" {
		return nil, badRequest("there is no " + field + " in the request")
	}
	if strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://") {
		return nil, badRequest("failed to get HTTP URL content")
	}
	e, ok := s.files.byID[v]
	if !ok {
		return nil, badRequest("wrong file identifier/HTTP URL specified")
	}
	if e.kind != kind {
		return nil, badRequest(fmt.Sprintf("can't use file of type %s as %s", title(e.kind), title(kind)))
	}
	return e, nil
}

func title(kind string) string {
	return strings.ToUpper(kind[:1]) + strings.ReplaceAll(kind[1:], "_", " ")
}

// mimeOf returns the MIME type Telegram would report for an upload.
func mimeOf(u Upload) string {
	if ct, _, err := mime.ParseMediaType(u.ContentType); err == nil && ct != "application/octet-stream" {
		return ct
	}
	if ct, _, err := mime.ParseMediaType(mime.TypeByExtension(extOf(u.FileName, ""))); err == nil {
		return ct
	}
	return "application/octet-stream"
}

func (s *Server) sendDocument(r *request) (any, *apiError) {
	text, ents, err := caption(r.p)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.targetLocked(r.p)
	if err != nil {
		return nil, err
	}
	var doc Document
	if up, ok := r.p.file("document"); ok {
		if len(up.Data) == 0 {
			return nil, badRequest("file must be non-empty")
		}
		e := s.files.addLocked("document", extOf(up.FileName, ".bin"), up.Data, 0)
		e.name, e.mime = up.FileName, mimeOf(up)
		doc = Document{FileID: e.id, FileUniqueID: e.uniqueID, FileName: e.name, MimeType: e.mime, FileSize: e.size}
		up.Method, up.FileID, up.ChatID = r.method, e.id, t.cs.chat.ID
		s.uploads = append(s.uploads, up)
	} else {
		e, err := s.fileParamLocked(r.p, "document", "document")
		if err != nil {
			return nil, err
		}
		doc = Document{FileID: e.id, FileUniqueID: e.uniqueID, FileName: e.name, MimeType: e.mime, FileSize: e.size}
	}
	if err := s.takeRateLocked(t.cs.chat, 1); err != nil {
		return nil, err
	}
	m := Message{Document: &doc, Caption: text, CaptionEntities: ents}
	return s.postLocked(t, m, source(r, r.p.str("caption"))), nil
}

func (s *Server) sendPhoto(r *request) (any, *apiError) {
	text, ents, err := caption(r.p)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.targetLocked(r.p)
	if err != nil {
		return nil, err
	}
	var sizes []PhotoSize
	if up, ok := r.p.file("photo"); ok {
		cfg, _, derr := image.DecodeConfig(bytes.NewReader(up.Data))
		if derr != nil {
			return nil, badRequest("IMAGE_PROCESS_FAILED")
		}
		sizes = s.photoSizesLocked(cfg.Width, cfg.Height, up.Data)
		up.Method, up.FileID, up.ChatID = r.method, sizes[len(sizes)-1].FileID, t.cs.chat.ID
		s.uploads = append(s.uploads, up)
	} else {
		e, err := s.fileParamLocked(r.p, "photo", "photo")
		if err != nil {
			return nil, err
		}
		sizes = s.files.photos[e.id]
	}
	if err := s.takeRateLocked(t.cs.chat, 1); err != nil {
		return nil, err
	}
	m := Message{Photo: sizes, Caption: text, CaptionEntities: ents}
	return s.postLocked(t, m, source(r, r.p.str("caption"))), nil
}

// photoSizesLocked stores the sizes Telegram derives from an uploaded
// photo: thumbnails of 90, 320 and 800 pixels on the long side where
// smaller than the original, and the original capped at 1280. Only the
// largest size carries the uploaded bytes; the others have a plausible
// file_size and empty content.
func (s *Server) photoSizesLocked(w, h int, data []byte) []PhotoSize {
	long := max(w, h, 1)
	var sides []int
	for _, side := range []int{90, 320, 800} {
		if side < long {
			sides = append(sides, side)
		}
	}
	sides = append(sides, min(long, 1280))
	var sizes []PhotoSize
	for i, side := range sides {
		sw, sh := w*side/long, h*side/long
		var content []byte
		size := int64(len(data)) * int64(sw*sh) / int64(max(w*h, 1))
		if i == len(sides)-1 {
			content, size = data, int64(len(data))
		}
		e := s.files.addLocked("photo", ".jpg", content, max(size, 1))
		sizes = append(sizes, PhotoSize{FileID: e.id, FileUniqueID: e.uniqueID, Width: sw, Height: sh, FileSize: e.size})
	}
	for _, p := range sizes {
		s.files.photos[p.FileID] = sizes
	}
	return sizes
}
