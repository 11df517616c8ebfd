package tip

// AttachmentKind is the kind of file a tip carries.
type AttachmentKind string

// The attachment kinds tiprelay accepts as evidence.
const (
	AttachPhoto     AttachmentKind = "photo"
	AttachDocument  AttachmentKind = "document"
	AttachVideo     AttachmentKind = "video"
	AttachAnimation AttachmentKind = "animation"
	AttachVoice     AttachmentKind = "voice"
	AttachAudio     AttachmentKind = "audio"
	AttachVideoNote AttachmentKind = "video_note"
)

// Attachment is one file of a tip, referenced by Telegram's file ids: the
// bytes stay on Telegram's servers and can be fetched with getFile.
type Attachment struct {
	Kind AttachmentKind
	// MessageID is the staff message that carried the file.
	MessageID int64
	// FileID is usable by this bot to resend or download the file.
	FileID string
	// FileUniqueID is stable across bots and time; use it to spot duplicates.
	FileUniqueID string
	FileSize     int64
	FileName     string
	MimeType     string
	Width        int
	Height       int
	// Duration is in seconds for video, animation, voice and audio.
	Duration int
}
