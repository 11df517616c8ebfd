package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The tests of the tesseract process's life, with a shell script in its
// place (MustFakeReader).

// TestReadRunsTesseract checks the command line, the environment and the
// input a run gets, and that its output is normalised.
func TestReadRunsTesseract(t *testing.T) {
	dir := t.TempDir()
	r := MustFakeReader(t, fmt.Sprintf(`echo "$@" > %[1]s/args
echo "$OMP_THREAD_LIMIT" > %[1]s/threads
cat > %[1]s/stdin
printf 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n'
printf '5\t1\t1\t1\t1\t1\t0\t0\t9\t9\t96.1\tTPS\n5\t1\t1\t1\t1\t2\t0\t0\t9\t9\t95\t17\n'
printf '5\t1\t1\t1\t2\t1\t0\t0\t9\t9\t91\tDITUTUP\n'`, dir), Options{})
	img := MustTinyPNG(t)
	got, err := r.Read(context.Background(), img)
	if err != nil {
		t.Fatal(err)
	}
	if want := "TPS 17\nDITUTUP"; got != want {
		t.Errorf("Read = %q, want %q", got, want)
	}
	for file, want := range map[string]string{
		"args":    "stdin stdout -l ind+eng --psm 3 tsv\n",
		"threads": "1\n",
		"stdin":   string(img),
	} {
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		if got := string(b); got != want {
			t.Errorf("%s = %q, want %q", file, got, want)
		}
	}
}

// TestReadFailures: a run that ends badly is an error of the right kind,
// quickly, and leaves no process behind.
func TestReadFailures(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		timeout time.Duration
		want    error // nil: any error but ErrTimeout and ErrUnreadable
	}{
		{"hangs", "sleep 60", 300 * time.Millisecond, ErrTimeout},
		{"hangs in a child", "sleep 60 &\nwait", 300 * time.Millisecond, ErrTimeout},
		{"crashes", "kill -SEGV $$", 0, nil},
		{"exits 1", "echo 'Error: something went wrong' >&2; exit 1", 0, nil},
		{"cannot decode", "echo 'Error in pixReadMem: png: no pix returned' >&2; exit 1", 0, ErrUnreadable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// The script's pid is its process group's id.
			pidFile := filepath.Join(t.TempDir(), "pid")
			r := MustFakeReader(t, "echo $$ > "+pidFile+"\n"+tc.body, Options{Timeout: tc.timeout})
			start := time.Now()
			got, err := r.Read(context.Background(), MustTinyPNG(t))
			// Killing the process group closes its pipes at once; had a
			// process survived, Read would return after waitDelay.
			if elapsed := time.Since(start); elapsed >= tc.timeout+waitDelay {
				t.Errorf("Read took %s", elapsed)
			}
			t.Logf("error: %v", err)
			switch {
			case err == nil:
				t.Fatalf("Read = %q, nil; want an error", got)
			case tc.want != nil && !errors.Is(err, tc.want):
				t.Errorf("Read: err = %v, want %v", err, tc.want)
			case tc.want == nil && (errors.Is(err, ErrTimeout) || errors.Is(err, ErrUnreadable)):
				t.Errorf("Read: err = %v, want neither ErrTimeout nor ErrUnreadable", err)
			}
			if tc.want == ErrTimeout && !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("Read: err = %v, want it to match context.DeadlineExceeded too", err)
			}
			b, err := os.ReadFile(pidFile)
			if err != nil {
				t.Fatalf("the fake tesseract did not start: %v", err)
			}
			pgid, err := strconv.Atoi(strings.TrimSpace(string(b)))
			if err != nil {
				t.Fatal(err)
			}
			waitFor(t, fmt.Sprintf("process group %d to end", pgid), func() bool { return !groupAlive(t, pgid) })
		})
	}
}

// groupAlive reports whether a process of group pgid is still running
// (zombies waiting for their parent to reap them do not count).
func groupAlive(tb testing.TB, pgid int) bool {
	tb.Helper()
	stats, err := filepath.Glob("/proc/[0-9]*/stat")
	if err != nil || len(stats) == 0 {
		tb.Skip("needs /proc to list processes")
	}
	for _, path := range stats {
		b, err := os.ReadFile(path)
		if err != nil {
			continue // ended meanwhile
		}
		// pid (comm) state ppid pgrp ...; comm may hold spaces and ')'.
		f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
		if len(f) >= 3 && f[0] != "Z" && f[2] == strconv.Itoa(pgid) {
			return true
		}
	}
	return false
}

// TestReadContext: a Read waiting for the only worker gives up when its
// context ends, without running tesseract, and a running Read is stopped
// when its context is cancelled.
func TestReadContext(t *testing.T) {
	dir := t.TempDir()
	r := MustFakeReader(t, "echo run >> "+dir+"/runs\nsleep 10", Options{Workers: 1, Timeout: time.Minute})
	img := MustTinyPNG(t)
	runs := func() string { b, _ := os.ReadFile(filepath.Join(dir, "runs")); return string(b) }

	ctx, cancel := context.WithCancel(context.Background())
	first := make(chan error, 1)
	go func() {
		_, err := r.Read(ctx, img)
		first <- err
	}()
	waitFor(t, "the first run to start", func() bool { return runs() == "run\n" })

	waiting, cancelWaiting := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancelWaiting()
	_, err := r.Read(waiting, img)
	if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrTimeout) {
		t.Errorf("waiting Read: err = %v, want context.DeadlineExceeded and not ErrTimeout", err)
	}
	if got, want := runs(), "run\n"; got != want {
		t.Errorf("runs = %q, want %q", got, want)
	}

	cancel()
	if err := <-first; !errors.Is(err, context.Canceled) {
		t.Errorf("running Read: err = %v, want context.Canceled", err)
	}
}

// TestReadWorkers: with one worker, two Reads run one after the other;
// with two, they overlap. Each run waits up to 1 s for a second run to
// start, so the order of the log tells which.
func TestReadWorkers(t *testing.T) {
	tests := []struct {
		workers int
		want    string
	}{
		{1, "start end start end"},
		{2, "start start end end"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("workers=%d", tc.workers), func(t *testing.T) {
			log := filepath.Join(t.TempDir(), "log")
			r := MustFakeReader(t, `echo start >> `+log+`
i=0
while [ "$(grep -c start `+log+`)" -lt 2 ] && [ $i -lt 20 ]; do sleep 0.05; i=$((i+1)); done
echo end >> `+log, Options{Workers: tc.workers})
			var wg sync.WaitGroup
			for range 2 {
				wg.Go(func() {
					if _, err := r.Read(context.Background(), MustTinyPNG(t)); err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			b, err := os.ReadFile(log)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(strings.Fields(string(b)), " "); got != tc.want {
				t.Errorf("log = %q, want %q", got, tc.want)
			}
		})
	}
}
