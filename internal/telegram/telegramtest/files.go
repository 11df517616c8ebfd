package telegramtest

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"net/http"
	"strings"
)

// maxDownload is the largest file getFile serves, as in the cloud Bot API.
const maxDownload = 20 << 20

// fileEntry is a stored file.
type fileEntry struct {
	id, uniqueID string
	kind         string // photo, document, video, ...
	ext          string
	size         int64
	data         []byte
	path         string // assigned by getFile
	name, mime   string // documents only
}

type fileStore struct {
	byID   map[string]*fileEntry
	byPath map[string]*fileEntry
	photos map[string][]PhotoSize // any size's file id -> the whole set
	seq    int64
}

func newFileStore() fileStore {
	return fileStore{byID: make(map[string]*fileEntry), byPath: make(map[string]*fileEntry), photos: make(map[string][]PhotoSize)}
}

// fileKinds gives each kind the leading bytes of Telegram's file ids and
// the folder of its file_path.
func fileKind(kind string) (prefix, dir string) {
	switch kind {
	case "photo":
		return "AgACAgUAAxkBAAI", "photos"
	case "video":
		return "BAACAgUAAxkBAAI", "videos"
	case "animation":
		return "CgACAgUAAxkBAAI", "animations"
	case "voice":
		return "AwACAgUAAxkBAAI", "voice"
	case "audio":
		return "CQACAgUAAxkBAAI", "music"
	case "video_note":
		return "DQACAgUAAxkBAAI", "video_notes"
	case "sticker":
		return "CAACAgUAAxkBAAI", "stickers"
	}
	return "BQACAgUAAxkBAAI", "documents"
}

// addLocked stores a file and returns its ids; size defaults to len(data).
func (fs *fileStore) addLocked(kind, ext string, data []byte, size int64) *fileEntry {
	fs.seq++
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(fs.seq))
	sum := sha256.Sum256(append([]byte(kind), n[:]...))
	prefix, _ := fileKind(kind)
	if size == 0 {
		size = int64(len(data))
	}
	e := &fileEntry{
		id:       prefix + base64.RawURLEncoding.EncodeToString(append(n[5:], sum[:]...)),
		uniqueID: "AgAD" + base64.RawURLEncoding.EncodeToString(sum[20:29]),
		kind:     kind, ext: ext, size: size, data: data,
	}
	fs.byID[e.id] = e
	return e
}

// register fills in ids and stores the content of one media object; an
// object that comes with a file id keeps it (and its unique id), and is
// stored under it if the server does not know it yet. It returns the ids
// and size to use; a size of 0 means the content's length.
func (fs *fileStore) register(kind, ext, id, uid string, size int64, content []byte) (string, string, int64) {
	if size == 0 {
		size = int64(len(content))
	}
	if id != "" {
		if _, ok := fs.byID[id]; !ok {
			fs.byID[id] = &fileEntry{id: id, uniqueID: uid, kind: kind, ext: ext, size: size, data: content}
		}
		return id, uid, size
	}
	e := fs.addLocked(kind, ext, content, size)
	return e.id, e.uniqueID, e.size
}

// registerFilesLocked gives every media object of m a file id and stores
// its content. Objects are copied, so the caller's values stay untouched.
func (s *Server) registerFilesLocked(m *Message) {
	fs := &s.files
	if len(m.Photo) > 0 {
		sizes := append([]PhotoSize(nil), m.Photo...)
		for i := range sizes {
			p := &sizes[i]
			p.FileID, p.FileUniqueID, p.FileSize = fs.register("photo", ".jpg", p.FileID, p.FileUniqueID, p.FileSize, p.Content)
			p.Content = nil
		}
		for _, p := range sizes {
			fs.photos[p.FileID] = sizes
		}
		m.Photo = sizes
	}
	if d := m.Document; d != nil {
		c := *d
		c.FileID, c.FileUniqueID, c.FileSize = fs.register("document", extOf(c.FileName, ".bin"), c.FileID, c.FileUniqueID, c.FileSize, c.Content)
		c.Content, m.Document = nil, &c
		fs.byID[c.FileID].name, fs.byID[c.FileID].mime = c.FileName, c.MimeType
	}
	if v := m.Video; v != nil {
		c := *v
		c.FileID, c.FileUniqueID, c.FileSize = fs.register("video", extOf(c.FileName, ".mp4"), c.FileID, c.FileUniqueID, c.FileSize, c.Content)
		c.Content, m.Video = nil, &c
	}
	if a := m.Animation; a != nil {
		c := *a
		c.FileID, c.FileUniqueID, c.FileSize = fs.register("animation", extOf(c.FileName, ".mp4"), c.FileID, c.FileUniqueID, c.FileSize, c.Content)
		c.Content, m.Animation = nil, &c
	}
	if v := m.Voice; v != nil {
		c := *v
		c.FileID, c.FileUniqueID, c.FileSize = fs.register("voice", ".oga", c.FileID, c.FileUniqueID, c.FileSize, c.Content)
		c.Content, m.Voice = nil, &c
	}
	if a := m.Audio; a != nil {
		c := *a
		c.FileID, c.FileUniqueID, c.FileSize = fs.register("audio", extOf(c.FileName, ".mp3"), c.FileID, c.FileUniqueID, c.FileSize, c.Content)
		c.Content, m.Audio = nil, &c
	}
	if v := m.VideoNote; v != nil {
		c := *v
		c.FileID, c.FileUniqueID, c.FileSize = fs.register("video_note", ".mp4", c.FileID, c.FileUniqueID, c.FileSize, c.Content)
		c.Content, m.VideoNote = nil, &c
	}
	if st := m.Sticker; st != nil {
		c := *st
		c.FileID, c.FileUniqueID, c.FileSize = fs.register("sticker", ".webp", c.FileID, c.FileUniqueID, c.FileSize, c.Content)
		c.Content, m.Sticker = nil, &c
	}
}

// extOf returns the extension of name, or def.
func extOf(name, def string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 && i < len(name)-1 {
		return strings.ToLower(name[i:])
	}
	return def
}

func (s *Server) getFile(r *request) (any, *apiError) {
	id := r.p.str("file_id")
	if id == "" {
		return nil, badRequest("file_id is empty")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.files.byID[id]
	if !ok {
		return nil, badRequest("invalid file_id")
	}
	if e.size > maxDownload {
		return nil, badRequest("file is too big")
	}
	if e.path == "" {
		_, dir := fileKind(e.kind)
		e.path = fmt.Sprintf("%s/file_%d%s", dir, len(s.files.byPath), e.ext)
		s.files.byPath[e.path] = e
	}
	return File{FileID: e.id, FileUniqueID: e.uniqueID, FileSize: e.size, FilePath: e.path}, nil
}

// serveFile answers /file/bot<token>/<file_path>.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	token, path, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/file/bot"), "/")
	s.mu.Lock()
	e, ok := s.files.byPath[path]
	var data []byte
	if ok {
		data = e.data
	}
	s.mu.Unlock()
	if token != s.token {
		writeError(w, &apiError{code: 401, desc: "Unauthorized"})
		return
	}
	// Downloads take faults addressed to the method name "file".
	if f := s.pickFault("file", nil); f != nil && f.fails() {
		s.writeFault(w, r, f)
		return
	}
	if !ok {
		writeError(w, &apiError{code: 404, desc: "Not Found"})
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	_, _ = w.Write(data)
}
