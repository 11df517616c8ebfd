package health_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/health"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/tip"
)

var now = time.Date(2026, 11, 29, 7, 0, 0, 0, time.UTC)

// mustDB opens a database on a temp file.
func mustDB(tb testing.TB) (*sqlite.DB, string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "tiprelay.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db, path
}

// mustHoldWriteLock opens a second connection to the database at path, as
// another process would, and holds its write lock until the test ends.
func mustHoldWriteLock(tb testing.TB, path string) {
	tb.Helper()
	other, err := sqlite.Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	locked, release := make(chan struct{}), make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		other.Update(context.Background(), func(*sqlite.DB) error { //nolint:errcheck
			close(locked)
			<-release
			return nil
		})
	}()
	<-locked
	tb.Cleanup(func() { close(release); <-done; other.Close() })
}

// failingDB is a database whose writes fail.
type failingDB struct{ err error }

func (f failingDB) ProbeWrite(context.Context) error { return f.err }

// failingChats cannot be read.
type failingChats struct{}

func (failingChats) FailingTargets(context.Context) ([]tip.FailingTarget, error) {
	return nil, errors.New("database is locked")
}

// answered is a Bot API that answered a minute ago.
func answered() health.API { return health.API{LastOK: now.Add(-time.Minute)} }

// failingFor is a Bot API whose calls have failed for d.
func failingFor(d time.Duration) func() health.API {
	return func() health.API {
		return health.API{LastOK: now.Add(-d - time.Minute), LastFailure: now.Add(-time.Second),
			LastError: "getUpdates: telegram answered 502 Bad Gateway", FailingSince: now.Add(-d)}
	}
}

func TestHealth(t *testing.T) {
	tests := []struct {
		name string
		// setup returns the options; it may hold resources until the end.
		setup        func(t *testing.T) health.Options
		wantCode     int
		wantProblem  string // in problems; "" for none
		wantDBOK     bool
		wantAPIOK    bool
		wantFailing  []int64
		wantAPIError bool // telegram.last_error and failing_since present
	}{
		{name: "working", setup: func(t *testing.T) health.Options {
			db, _ := mustDB(t)
			return health.Options{DB: db, Chats: sqlite.NewOutboxStore(db), API: answered}
		}, wantCode: 200, wantDBOK: true, wantAPIOK: true},
		{name: "a chat refusing the bot is listed but healthy", setup: func(t *testing.T) health.Options {
			db, _ := mustDB(t)
			out := sqlite.NewOutboxStore(db)
			if _, err := out.SetTargetFailing(context.Background(), -1002, now.Add(-time.Hour), "Forbidden: bot was kicked from the supergroup chat"); err != nil {
				t.Fatal(err)
			}
			return health.Options{DB: db, Chats: out, API: answered}
		}, wantCode: 200, wantDBOK: true, wantAPIOK: true, wantFailing: []int64{-1002}},
		{name: "the database refuses writes", setup: func(t *testing.T) health.Options {
			return health.Options{DB: failingDB{errors.New("write probe: attempt to write a readonly database")}, API: answered}
		}, wantCode: 503, wantProblem: "database: not writable: write probe: attempt to write a readonly database", wantAPIOK: true},
		{name: "another process holds the database", setup: func(t *testing.T) health.Options {
			db, path := mustDB(t)
			mustHoldWriteLock(t, path)
			return health.Options{DB: db, API: answered, DBTimeout: 100 * time.Millisecond}
		}, wantCode: 503, wantProblem: "database: no write within 100ms", wantAPIOK: true},
		{name: "the failing chats cannot be read", setup: func(t *testing.T) health.Options {
			db, _ := mustDB(t)
			return health.Options{DB: db, Chats: failingChats{}, API: answered}
		}, wantCode: 503, wantProblem: "database: read the failing chats", wantDBOK: true, wantAPIOK: true},
		{name: "Bot API failing for 3 minutes", setup: func(t *testing.T) health.Options {
			db, _ := mustDB(t)
			return health.Options{DB: db, API: failingFor(3 * time.Minute)}
		}, wantCode: 503, wantProblem: "telegram: Bot API calls failing for 3m0s: getUpdates: telegram answered 502 Bad Gateway",
			wantDBOK: true, wantAPIError: true},
		{name: "Bot API failing for 30 seconds", setup: func(t *testing.T) health.Options {
			db, _ := mustDB(t)
			return health.Options{DB: db, API: failingFor(30 * time.Second)}
		}, wantCode: 200, wantDBOK: true, wantAPIOK: true, wantAPIError: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := tt.setup(t)
			opt.Now = func() time.Time { return now }
			opt.Version = "v1.2.3"
			rec := httptest.NewRecorder()
			health.New(opt).ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
			if rec.Code != tt.wantCode {
				t.Errorf("got status %d, want %d; body:\n%s", rec.Code, tt.wantCode, rec.Body)
			}
			if got := rec.Header().Get("Content-Type"); got != "application/json" {
				t.Errorf("got Content-Type %q, want application/json", got)
			}
			var got struct {
				Status   string   `json:"status"`
				Problems []string `json:"problems"`
				Version  string   `json:"version"`
				Time     string   `json:"time"`
				Database struct {
					OK    *bool  `json:"ok"`
					Error string `json:"error"`
				} `json:"database"`
				Telegram *struct {
					OK           *bool  `json:"ok"`
					LastOK       string `json:"last_ok"`
					LastError    string `json:"last_error"`
					FailingSince string `json:"failing_since"`
				} `json:"telegram"`
				FailingChats *[]struct {
					ChatID int64  `json:"chat_id"`
					Since  string `json:"since"`
					Error  string `json:"error"`
				} `json:"failing_chats"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
				t.Fatalf("body is not JSON: %v\n%s", err, rec.Body)
			}
			wantStatus := map[int]string{200: "ok", 503: "unhealthy"}[tt.wantCode]
			if got.Status != wantStatus || got.Version != "v1.2.3" || got.Time != "2026-11-29T07:00:00Z" {
				t.Errorf("got status %q, version %q, time %q; want %q, v1.2.3, 2026-11-29T07:00:00Z", got.Status, got.Version, got.Time, wantStatus)
			}
			switch {
			case tt.wantProblem == "" && len(got.Problems) > 0:
				t.Errorf("got problems %q, want none", got.Problems)
			case tt.wantProblem != "" && (len(got.Problems) != 1 || !strings.HasPrefix(got.Problems[0], tt.wantProblem)):
				t.Errorf("got problems %q, want one starting %q", got.Problems, tt.wantProblem)
			}
			if got.Database.OK == nil || *got.Database.OK != tt.wantDBOK || (got.Database.Error == "") != tt.wantDBOK {
				t.Errorf("got database %+v, want ok %v with an error only when not ok", got.Database, tt.wantDBOK)
			}
			if got.Telegram == nil || got.Telegram.OK == nil || *got.Telegram.OK != tt.wantAPIOK || got.Telegram.LastOK == "" {
				t.Fatalf("got telegram %+v, want ok %v and last_ok", got.Telegram, tt.wantAPIOK)
			}
			if (got.Telegram.LastError != "" && got.Telegram.FailingSince != "") != tt.wantAPIError {
				t.Errorf("got telegram %+v, want last_error and failing_since: %v", got.Telegram, tt.wantAPIError)
			}
			if got.FailingChats == nil {
				t.Fatal("got failing_chats null or absent, want a list")
			}
			var chats []int64
			for _, c := range *got.FailingChats {
				chats = append(chats, c.ChatID)
				if c.Since == "" || c.Error == "" {
					t.Errorf("got failing chat %+v, want its since and error", c)
				}
			}
			if len(chats) != len(tt.wantFailing) || (len(chats) > 0 && chats[0] != tt.wantFailing[0]) {
				t.Errorf("got failing chats %v, want %v", chats, tt.wantFailing)
			}
		})
	}
}

// countingDB counts its probes and holds each until released.
type countingDB struct {
	probes  atomic.Int64
	release chan struct{}
}

func (c *countingDB) ProbeWrite(context.Context) error {
	c.probes.Add(1)
	<-c.release
	return nil
}

// TestChecksShareOneProbe: concurrent checks wait for the one probe in
// flight, and a result is reused for DBEvery.
func TestChecksShareOneProbe(t *testing.T) {
	db := &countingDB{release: make(chan struct{})}
	clock := now
	var mu sync.Mutex
	c := health.New(health.Options{DB: db, DBTimeout: 10 * time.Second, DBEvery: time.Second,
		Now: func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }})
	var wg sync.WaitGroup
	results := make(chan bool, 5)
	for range 5 {
		wg.Go(func() { results <- c.Check(context.Background()).Healthy })
	}
	deadline := time.Now().Add(5 * time.Second)
	for db.probes.Load() == 0 && time.Now().Before(deadline) {
		<-time.After(time.Millisecond) // poll interval of the condition
	}
	close(db.release)
	wg.Wait()
	close(results)
	for ok := range results {
		if !ok {
			t.Error("got an unhealthy check, want every check healthy")
		}
	}
	c.Check(context.Background())
	if got := db.probes.Load(); got != 1 {
		t.Errorf("got %d probes for six checks within a second, want 1", got)
	}
	mu.Lock()
	clock = clock.Add(2 * time.Second)
	mu.Unlock()
	c.Check(context.Background())
	if got := db.probes.Load(); got != 2 {
		t.Errorf("got %d probes after the result aged, want 2", got)
	}
}
