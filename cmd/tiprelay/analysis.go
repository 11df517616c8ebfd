package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/tiprelay/tiprelay/internal/analysis"
	"github.com/tiprelay/tiprelay/internal/config"
	"github.com/tiprelay/tiprelay/internal/fetch"
	"github.com/tiprelay/tiprelay/internal/filestore"
	"github.com/tiprelay/tiprelay/internal/ocr"
	"github.com/tiprelay/tiprelay/internal/sqlite"
)

// imageHold is how long the relay of a tip with a photo waits for the
// photo's download and analysis, so that a repeat screenshot is folded
// before the police chat gets a copy (intake.Settings.ImageHold). A
// phone screenshot takes about a second (download, hash, OCR); a backlog
// longer than this relays first and folds afterwards.
const imageHold = 8 * time.Second

// newAnalyser makes the worker that hashes and reads the tips' photos
// once downloaded. OCR is on unless TIPRELAY_OCR=off or tesseract (with
// its Indonesian and English data) is missing, which one log line says at
// start.
func newAnalyser(cfg config.Config, db *sqlite.DB, core analysis.Core, obs analysis.Observer, log *slog.Logger) *analysis.Worker {
	log = log.With("component", "analysis")
	var reader analysis.Reader
	if cfg.OCR {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		r, err := ocr.New(ctx, ocr.Options{Workers: 1})
		cancel()
		if err != nil {
			log.Warn("OCR is off: the text in screenshots is not read", "reason", err.Error())
		} else {
			reader = r
			log.Info("OCR is on: the text in screenshots is read with tesseract (ind+eng)")
		}
	} else {
		log.Info("OCR is off (TIPRELAY_OCR=off): the text in screenshots is not read")
	}
	return analysis.New(sqlite.NewImageStore(db), filestore.New(cfg.FilesDir), reader, core, log,
		analysis.Options{Window: cfg.DuplicateWindow, Observer: obs})
}

// wakeOnDownload passes the download worker's news to the metrics and
// wakes the analysis worker when a download ended.
type wakeOnDownload struct {
	fetch.Observer
	wake func()
}

// Downloaded implements fetch.Observer.
func (w wakeOnDownload) Downloaded(r fetch.Result) {
	w.Observer.Downloaded(r)
	if r != fetch.ResultRetry {
		w.wake()
	}
}

// holdFor is intake's ImageHold: photos wait for their analysis only
// when repeats are folded.
func holdFor(cfg config.Config) time.Duration {
	if cfg.DuplicateWindow <= 0 {
		return 0
	}
	return imageHold
}
