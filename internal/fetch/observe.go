package fetch

// Result is the outcome of one download attempt, as the Observer hears of
// it.
type Result string

// The outcomes of an attempt.
const (
	// ResultOK: the file was downloaded and stored.
	ResultOK Result = "ok"
	// ResultTooLarge: the file is over the limit and was not fetched.
	ResultTooLarge Result = "too_large"
	// ResultGone: Telegram no longer has the file.
	ResultGone Result = "gone"
	// ResultRetry: a temporary failure; the job is tried again later.
	ResultRetry Result = "retry"
	// ResultFailed: a temporary failure of the last allowed attempt.
	ResultFailed Result = "failed"
)

// Results lists every outcome.
func Results() []Result {
	return []Result{ResultOK, ResultTooLarge, ResultGone, ResultRetry, ResultFailed}
}

// Observer hears of what the worker does, for the metrics
// (internal/metrics implements it). It must not block.
type Observer interface {
	// Downloaded reports one attempt's outcome. An attempt cut short by
	// shutdown is not reported.
	Downloaded(result Result)
	// DownloadsPending reports the number of jobs still pending, after
	// each round of work.
	DownloadsPending(n int)
}
