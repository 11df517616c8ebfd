package tip

// DownloadStatus is where the download of one attachment's file stands.
type DownloadStatus string

// The states of a download job.
const (
	// DownloadPending: the file is still to be fetched (or being fetched).
	DownloadPending DownloadStatus = "pending"
	// DownloadDone: the file is in the files store; SHA256, Size and MIME
	// are set.
	DownloadDone DownloadStatus = "done"
	// DownloadTooLarge: the file is over the Bot API's getFile limit and
	// was not fetched.
	DownloadTooLarge DownloadStatus = "too_large"
	// DownloadGone: Telegram no longer has the file (file not found,
	// wrong file_id).
	DownloadGone DownloadStatus = "gone"
	// DownloadFailed: every attempt failed for a temporary reason; no more
	// are made.
	DownloadFailed DownloadStatus = "failed"
)

// Download is the download job of one attachment and, once it ended, its
// outcome. Intake queues one with every attachment it stores.
type Download struct {
	// AttachmentID identifies the job: one per attachment.
	AttachmentID int64
	TipID        int64
	Kind         AttachmentKind
	FileID       string
	// FileSize is the size the update announced (0 when unknown).
	FileSize int64
	// DeclaredMIME is the MIME type the update announced, if any.
	DeclaredMIME string
	Status       DownloadStatus
	// Attempts counts the claims so far, the current one included.
	Attempts int
	// SHA256 (lower-case hex), Size and MIME describe the stored file
	// when Status is DownloadDone.
	SHA256 string
	Size   int64
	MIME   string
	// Reason says why the file was not fetched (or the last temporary
	// error while pending).
	Reason string
}
