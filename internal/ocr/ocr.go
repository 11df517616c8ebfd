// Package ocr reads the text in screenshots with the tesseract command
// (Debian's tesseract-ocr, with the tesseract-ocr-ind language pack).
//
// Each Read runs one tesseract process in its own process group, feeding
// the image on stdin, with a time limit after which the whole group is
// killed; a crash or a hang of tesseract is an error of that Read and never
// touches the calling process. At most Options.Workers processes run at
// once, each limited to one thread (OMP_THREAD_LIMIT=1).
//
// Errors tell a caller whether trying again can help:
//   - ErrUnavailable (from New): tesseract or a language pack is missing;
//     nothing works until it is installed.
//   - ErrUnreadable: this image cannot be read (not PNG, JPEG, GIF or WebP,
//     damaged, empty, or too large). Permanent: do not retry it.
//   - ErrTimeout (which also matches context.DeadlineExceeded): tesseract
//     took longer than Options.Timeout. Temporary: the machine may have been
//     busy.
//   - the caller's context ending: the error wraps ctx.Err(). Temporary.
//   - anything else (tesseract exited with an error or was killed by a
//     signal): the error wraps the *exec.ExitError and holds a short
//     excerpt of tesseract's stderr. Possibly temporary (out of memory);
//     retry a bounded number of times.
//
// The fixtures in testdata are drawn by testdata/gen.
package ocr

//go:generate go run ./testdata/gen/main.go -out testdata

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// Errors of New and Read; see the package comment for what each means to a
// caller.
var (
	ErrUnavailable = errors.New("ocr unavailable")
	ErrUnreadable  = errors.New("image unreadable")
	ErrTimeout     = errors.New("ocr timed out")
)

// Defaults of Options, and the most workers a Reader runs.
const (
	DefaultCommand   = "tesseract"
	DefaultLanguages = "ind+eng"
	DefaultTimeout   = 20 * time.Second
	MaxWorkers       = 2
)

// Options configures a Reader. The zero value is usable: every field left
// zero takes its default.
type Options struct {
	// Command is the tesseract executable, a name looked up in PATH or a
	// path; default "tesseract".
	Command string
	// Languages are tesseract language packs joined by "+", tried in that
	// order; default "ind+eng" (Indonesian, then English).
	Languages string
	// Timeout bounds one tesseract run, not the wait for a free worker
	// (bound that with the context given to Read); default 20s.
	Timeout time.Duration
	// Workers is how many tesseract processes may run at once, each using
	// one CPU and about 60 MB: default 1, at most MaxWorkers (a larger
	// value is taken as MaxWorkers).
	Workers int
}

// Reader reads the text in images. It is safe for concurrent use.
type Reader struct {
	command   string // resolved path
	languages string
	timeout   time.Duration
	sem       chan struct{} // one token per running tesseract
}

// New checks that the command in opts exists and has every language pack
// opts names, and returns a Reader. It returns an error wrapping
// ErrUnavailable, with one sentence saying what to install, when the
// command is missing, does not run, or lacks a language.
func New(ctx context.Context, opts Options) (*Reader, error) {
	r := &Reader{
		command:   cmp.Or(opts.Command, DefaultCommand),
		languages: cmp.Or(opts.Languages, DefaultLanguages),
		timeout:   opts.Timeout,
	}
	if r.timeout <= 0 {
		r.timeout = DefaultTimeout
	}
	r.sem = make(chan struct{}, min(max(opts.Workers, 1), MaxWorkers))

	path, err := exec.LookPath(r.command)
	if err != nil {
		return nil, fmt.Errorf("%w: %s not found in PATH: install tesseract-ocr and tesseract-ocr-ind, or set TIPRELAY_OCR=off",
			ErrUnavailable, r.command)
	}
	r.command = path
	installed, err := r.listLanguages(ctx)
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, l := range strings.Split(r.languages, "+") {
		if l == "" || !installed[l] {
			missing = append(missing, l)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%w: %s has no language pack %q of %q: install tesseract-ocr-%s, or set TIPRELAY_OCR=off",
			ErrUnavailable, r.command, strings.Join(missing, "+"), r.languages, strings.Join(missing, " tesseract-ocr-"))
	}
	return r, nil
}

// listLanguages runs `tesseract --list-langs` and returns the languages it
// lists.
func (r *Reader) listLanguages(ctx context.Context) (map[string]bool, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	var out, stderr cappedBuffer
	out.max, stderr.max = 64<<10, 4<<10
	cmd := r.commandContext(ctx, &out, &stderr, "--list-langs")
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%w: %s --list-langs: %w", ErrUnavailable, r.command, ctx.Err())
		}
		return nil, fmt.Errorf("%w: %s --list-langs failed (%w): %s",
			ErrUnavailable, r.command, err, summarise(stderr.Bytes()))
	}
	// Tesseract 4 and 5 write the list to stdout, 3 to stderr, after a
	// line "List of available languages in ...".
	langs := map[string]bool{}
	for _, line := range strings.Split(string(out.Bytes())+"\n"+string(stderr.Bytes()), "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "List of available languages") {
			langs[line] = true
		}
	}
	return langs, nil
}

// cappedBuffer keeps the first max bytes written to it and discards the
// rest, reporting success, so that a chatty child never blocks or fails on
// its pipe.
type cappedBuffer struct {
	bytes.Buffer
	max       int
	truncated bool
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.Len(); len(p) > room {
		b.truncated = true
		b.Buffer.Write(p[:max(room, 0)])
		return len(p), nil
	}
	return b.Buffer.Write(p)
}
