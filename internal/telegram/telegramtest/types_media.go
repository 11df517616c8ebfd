package telegramtest

// The media types below mirror the Bot API. Content is never sent over the
// wire: when a message holding it is injected, the server registers the
// bytes under the object's file_id so that getFile and the file download
// URL serve them. FileID and FileUniqueID are assigned at injection when
// empty.

// PhotoSize is one size of a photo or a thumbnail.
type PhotoSize struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	FileSize     int64  `json:"file_size,omitempty"`
	Content      []byte `json:"-"`
}

// Document is a general file.
type Document struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileName     string `json:"file_name,omitempty"`
	MimeType     string `json:"mime_type,omitempty"`
	FileSize     int64  `json:"file_size,omitempty"`
	Content      []byte `json:"-"`
}

// Video is a video file.
type Video struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	Duration     int    `json:"duration"`
	FileName     string `json:"file_name,omitempty"`
	MimeType     string `json:"mime_type,omitempty"`
	FileSize     int64  `json:"file_size,omitempty"`
	Content      []byte `json:"-"`
}

// Animation is a GIF or silent H.264 video.
type Animation struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	Duration     int    `json:"duration"`
	FileName     string `json:"file_name,omitempty"`
	MimeType     string `json:"mime_type,omitempty"`
	FileSize     int64  `json:"file_size,omitempty"`
	Content      []byte `json:"-"`
}

// Voice is a voice note.
type Voice struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Duration     int    `json:"duration"`
	MimeType     string `json:"mime_type,omitempty"`
	FileSize     int64  `json:"file_size,omitempty"`
	Content      []byte `json:"-"`
}

// Audio is a music file.
type Audio struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Duration     int    `json:"duration"`
	Performer    string `json:"performer,omitempty"`
	Title        string `json:"title,omitempty"`
	FileName     string `json:"file_name,omitempty"`
	MimeType     string `json:"mime_type,omitempty"`
	FileSize     int64  `json:"file_size,omitempty"`
	Content      []byte `json:"-"`
}

// VideoNote is a round video message.
type VideoNote struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Length       int    `json:"length"`
	Duration     int    `json:"duration"`
	FileSize     int64  `json:"file_size,omitempty"`
	Content      []byte `json:"-"`
}

// Sticker is a sticker.
type Sticker struct {
	FileID        string `json:"file_id"`
	FileUniqueID  string `json:"file_unique_id"`
	Type          string `json:"type"`
	Width         int    `json:"width"`
	Height        int    `json:"height"`
	IsAnimated    bool   `json:"is_animated"`
	IsVideo       bool   `json:"is_video"`
	Emoji         string `json:"emoji,omitempty"`
	SetName       string `json:"set_name,omitempty"`
	FileSize      int64  `json:"file_size,omitempty"`
	CustomEmojiID string `json:"custom_emoji_id,omitempty"`
	Content       []byte `json:"-"`
}
