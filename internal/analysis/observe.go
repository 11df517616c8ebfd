package analysis

import "time"

// Result is how the analysis of one photo went, as the Observer hears of
// it.
type Result string

// The outcomes of an analysis.
const (
	// ResultRead: hashed, and OCR read text in it.
	ResultRead Result = "read"
	// ResultNoText: hashed, and OCR found no text.
	ResultNoText Result = "no_text"
	// ResultOCROff: hashed; OCR is off or unavailable.
	ResultOCROff Result = "ocr_off"
	// ResultOCRFailed: hashed (or not), and tesseract failed or timed out.
	ResultOCRFailed Result = "ocr_failed"
	// ResultUnreadable: the file is not an image the hash decodes.
	ResultUnreadable Result = "unreadable"
	// ResultNotDownloaded: the download ended without the file (too
	// large, gone, failed).
	ResultNotDownloaded Result = "not_downloaded"
)

// Results lists every Result, for metrics that start each at zero.
func Results() []Result {
	return []Result{ResultRead, ResultNoText, ResultOCROff, ResultOCRFailed, ResultUnreadable, ResultNotDownloaded}
}

// Observer hears of each analysis recorded (internal/metrics implements
// it); it must not block. ocr is how long tesseract took, 0 when it did
// not run; folded says the tip was folded into an earlier one.
type Observer interface {
	Analysed(result Result, ocr time.Duration, folded bool)
}
