package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"

	"github.com/tiprelay/tiprelay/internal/config"
	"github.com/tiprelay/tiprelay/internal/fetch"
	"github.com/tiprelay/tiprelay/internal/filestore"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram"
)

// The parts the download worker is made of.
var (
	_ fetch.Store = (*sqlite.DownloadStore)(nil)
	_ fetch.Blobs = (*filestore.Store)(nil)
	_ fetch.Files = telegramFiles{}
)

// newFetcher makes the worker that downloads the tips' files into the
// files store (TIPRELAY_FILES_DIR). Against the cloud Bot API, files over
// its 20 MB getFile limit are recorded too large without a try; a
// self-hosted Bot API server has no limit.
func newFetcher(cfg config.Config, db *sqlite.DB, client *telegram.Client, obs fetch.Observer, log *slog.Logger) *fetch.Worker {
	var limit int64
	if cloudAPI(cfg.APIURL) {
		limit = fetch.BotAPILimit
	}
	return fetch.New(sqlite.NewDownloadStore(db), telegramFiles{client}, filestore.New(cfg.FilesDir),
		log.With("component", "fetch"), fetch.Options{MaxSize: limit, Observer: obs})
}

// cloudAPI reports whether apiURL is Telegram's own Bot API (or empty, its
// default).
func cloudAPI(apiURL string) bool {
	if apiURL == "" {
		return true
	}
	u, err := url.Parse(apiURL)
	return err == nil && strings.EqualFold(u.Hostname(), "api.telegram.org")
}

// telegramFiles gives the Telegram client's refusals the meaning fetch
// knows.
type telegramFiles struct{ c *telegram.Client }

// DownloadFile implements fetch.Files.
func (f telegramFiles) DownloadFile(ctx context.Context, fileID string) (io.ReadCloser, int64, error) {
	body, size, err := f.c.DownloadFile(ctx, fileID)
	switch {
	case errors.Is(err, telegram.ErrFileTooBig):
		err = fmt.Errorf("%w: %w", fetch.ErrTooLarge, err)
	case errors.Is(err, telegram.ErrFileGone):
		err = fmt.Errorf("%w: %w", fetch.ErrGone, err)
	}
	return body, size, err
}
