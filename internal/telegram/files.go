package telegram

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/go-telegram/bot"
)

// Errors of DownloadFile that no retry can mend.
var (
	// ErrFileTooBig: the Bot API refuses getFile for this file ("file is
	// too big"; the cloud Bot API's limit is 20 MB).
	ErrFileTooBig = errors.New("telegram: file is too big")
	// ErrFileGone: Telegram does not know the file id ("file not found",
	// "wrong file_id", "invalid file_id").
	ErrFileGone = errors.New("telegram: file not found")
)

// OpenFile fetches a file Telegram holds, by its file_id: getFile, then a
// download from the file URL. The caller reads and closes the body; size
// is the size getFile reported (0 when unknown). Like every call, the
// download goes through the guarded client, so that the token, part of
// the file URL, appears in no error.
func (c *Client) OpenFile(ctx context.Context, fileID string) (body io.ReadCloser, size int64, err error) {
	f, err := c.bot.GetFile(ctx, &bot.GetFileParams{FileID: fileID})
	if err != nil {
		return nil, 0, fmt.Errorf("get file %s: %w", fileID, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.apiURL+"/file/bot"+c.token+"/"+f.FilePath, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("download file %s: %w", fileID, c.files.redactErr(err))
	}
	resp, err := c.files.Do(req)
	if err != nil {
		return nil, 0, fmt.Errorf("download file %s: %w", fileID, err)
	}
	return resp.Body, f.FileSize, nil
}

// DownloadFile is OpenFile for the background download of evidence: the
// download is bounded only by ctx, not by the client's request timeout, so
// that a large file on a slow link can finish (getFile itself keeps the
// request timeout). A refusal of getFile for the file's size wraps
// ErrFileTooBig, an unknown file id ErrFileGone; a failed download is a
// *PageError with its HTTP status.
func (c *Client) DownloadFile(ctx context.Context, fileID string) (body io.ReadCloser, size int64, err error) {
	f, err := c.bot.GetFile(ctx, &bot.GetFileParams{FileID: fileID})
	if err != nil {
		if errors.Is(err, bot.ErrorBadRequest) {
			switch msg := err.Error(); {
			case containsFold(msg, "too big"):
				return nil, 0, fmt.Errorf("get file %s: %w (%w)", fileID, ErrFileTooBig, err)
			case containsFold(msg, "file not found"), containsFold(msg, "wrong file"), containsFold(msg, "invalid file"):
				return nil, 0, fmt.Errorf("get file %s: %w (%w)", fileID, ErrFileGone, err)
			}
		}
		return nil, 0, fmt.Errorf("get file %s: %w", fileID, err)
	}
	// The guarded client's settings with no overall timeout of its own.
	long := *c.files
	long.client = &http.Client{Transport: c.files.client.Transport, CheckRedirect: c.files.client.CheckRedirect}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.apiURL+"/file/bot"+c.token+"/"+f.FilePath, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("download file %s: %w", fileID, c.files.redactErr(err))
	}
	resp, err := long.Do(req)
	if err != nil {
		return nil, 0, fmt.Errorf("download file %s: %w", fileID, err)
	}
	return resp.Body, f.FileSize, nil
}
