package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	// Formats Read accepts, the same as internal/phash.
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"

	_ "golang.org/x/image/webp"
)

// Limits on the images Read accepts. Leptonica holds an image as 32 bits
// a pixel, and tesseract makes a few copies: 50 megapixels is about 1 GB.
// A phone screenshot is 1-3.5 megapixels, 0.1-2 MB.
const (
	MaxImageBytes = 20 << 20
	MaxPixels     = 50_000_000
)

// Limits on what is kept of tesseract's output. Its TSV output takes about
// 60 bytes a word, so 256 KiB holds some 4,000 words, more than a phone
// screen shows.
const (
	maxStdout = 256 << 10
	maxStderr = 4 << 10
	// MaxTextBytes is the most text Read returns.
	MaxTextBytes = 8 << 10
)

// psm is tesseract's page segmentation mode: 3, automatic layout
// analysis, which sets a post's pictures apart from its text. On the
// fixtures, modes 3, 6 (one uniform block) and 11 (sparse text) read the
// same words in the same time, except at 75% size, where the copy of the
// chat scores a TextSimilarity with the original of 0.94 (3), 0.98 (6) and
// 0.95 (11); 6 would assume that every screenshot is one column of text.
const psm = "3"

// waitDelay is how long Read waits for tesseract's pipes to close after the
// process group was killed or the process exited.
const waitDelay = 2 * time.Second

// Read returns the text tesseract reads in img, a PNG, JPEG, GIF or WebP
// image of at most MaxImageBytes and MaxPixels. The text is normalised:
// words tesseract is not confident of (mostly marks it reads in icons and
// photos) are dropped, and so are lines left without a letter or digit;
// runs of white space become one space; lines are joined by "\n"; at most
// MaxTextBytes, cut at a line end. An image without text gives "" and no
// error.
//
// Read waits for a free worker first, for as long as ctx allows. Errors are
// described in the package comment: ErrUnreadable is permanent, ErrTimeout
// and ctx's error are temporary.
func (r *Reader) Read(ctx context.Context, img []byte) (string, error) {
	if err := checkImage(img); err != nil {
		return "", err
	}
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("ocr: %w", err)
	}
	select {
	case r.sem <- struct{}{}:
	case <-ctx.Done():
		return "", fmt.Errorf("ocr: wait for a worker: %w", ctx.Err())
	}
	defer func() { <-r.sem }()

	runCtx, cancel := context.WithTimeoutCause(ctx, r.timeout, ErrTimeout)
	defer cancel()
	var stdout, stderr cappedBuffer
	stdout.max, stderr.max = maxStdout, maxStderr
	cmd := r.commandContext(runCtx, &stdout, &stderr,
		"stdin", "stdout", "-l", r.languages, "--psm", psm, "tsv")
	cmd.Stdin = bytes.NewReader(img)
	err := cmd.Run()
	switch {
	case err == nil:
		return normalise(stdout.Bytes(), stdout.truncated), nil
	case ctx.Err() != nil:
		return "", fmt.Errorf("ocr: %w", ctx.Err())
	case errors.Is(context.Cause(runCtx), ErrTimeout):
		return "", fmt.Errorf("tesseract gave no result within %s: %w (%w)", r.timeout, ErrTimeout, context.DeadlineExceeded)
	}
	msg := summarise(stderr.Bytes())
	if unreadable(msg) {
		return "", fmt.Errorf("%w: tesseract: %s", ErrUnreadable, msg)
	}
	return "", fmt.Errorf("tesseract: %w: %s", err, msg)
}

// commandContext prepares the command with args, in its own process group
// that is killed whole when ctx ends.
func (r *Reader) commandContext(ctx context.Context, stdout, stderr io.Writer, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, r.command, args...)
	// One thread per run: Workers bounds the CPUs OCR takes, and
	// tesseract's OpenMP threads are slower than one on small images.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.WaitDelay = waitDelay
	inOwnProcessGroup(cmd)
	return cmd
}

// checkImage returns an error wrapping ErrUnreadable unless img is a PNG,
// JPEG, GIF or WebP image within the limits. Besides saving a run,
// it keeps from tesseract what it does not take for an image: it reads such
// input as a list of file names, and would read the files it names.
func checkImage(img []byte) error {
	if len(img) == 0 {
		return fmt.Errorf("%w: empty", ErrUnreadable)
	}
	if len(img) > MaxImageBytes {
		return fmt.Errorf("%w: too large (%d bytes, at most %d)", ErrUnreadable, len(img), MaxImageBytes)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(img))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return fmt.Errorf("%w: %s of %dx%d pixels (at most %d pixels)", ErrUnreadable, format, cfg.Width, cfg.Height, MaxPixels)
	}
	return nil
}

// unreadable reports whether tesseract's stderr says that Leptonica could
// not decode the image, as for a truncated file ("Error in pixReadMem: png:
// no pix returned").
func unreadable(stderr string) bool {
	for _, s := range []string{"pixRead", "cannot be read", "Unsupported image type"} {
		if strings.Contains(stderr, s) {
			return true
		}
	}
	return false
}

// summarise returns tesseract's stderr on one line, without the lines it
// writes on every run, in at most 300 bytes of printable UTF-8.
func summarise(stderr []byte) string {
	var lines []string
	for _, line := range strings.Split(string(bytes.ToValidUTF8(stderr, []byte("?"))), "\n") {
		line = strings.Map(func(r rune) rune {
			if unicode.IsPrint(r) {
				return r
			}
			return '?'
		}, strings.TrimSpace(line))
		if line == "" || strings.HasPrefix(line, "Estimating resolution") ||
			strings.HasPrefix(line, "Detected ") || strings.HasPrefix(line, "Warning: Invalid resolution") {
			continue
		}
		lines = append(lines, line)
	}
	s := strings.Join(lines, "; ")
	if s == "" {
		return "no message"
	}
	return truncate(s, 300)
}

// truncate cuts s to at most n bytes at a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
