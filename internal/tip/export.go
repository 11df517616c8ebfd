package tip

import "time"

// ExportFilter selects the tips of an export (`tiprelay export`).
type ExportFilter struct {
	// Since and Until bound the tips' arrival (CreatedAt) to
	// [Since, Until); a zero time leaves that side open.
	Since, Until time.Time
	// Terms, when not empty, keeps only the tips matching every term,
	// as /cari finds them (see ParseSearch).
	Terms []SearchTerm
}

// ExportItem is one tip as an export reads it: the tip, without its
// message ids and attachments, and each of its files with what became of
// it, in message order.
type ExportItem struct {
	Tip   Tip
	Files []ExportFile
}

// ExportFile is one attachment of an exported tip: what Telegram
// announced, its download and the text read from it.
type ExportFile struct {
	Kind         AttachmentKind
	FileUniqueID string
	// FileSize and MimeType are what Telegram announced: 0 and "" when
	// it did not.
	FileSize int64
	MimeType string
	// Download is where the download of the file stands; "" when the
	// attachment has no download job. SHA256 (lower-case hex), Size and
	// MIME describe the stored file when Download is DownloadDone.
	Download DownloadStatus
	SHA256   string
	Size     int64
	MIME     string
	// OCRRead is whether the text of the image was read, and OCRText
	// that text ("" when the image had none).
	OCRRead bool
	OCRText string
}
