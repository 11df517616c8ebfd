package telegram

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/go-telegram/bot"
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
