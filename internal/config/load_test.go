package config

import (
	"errors"
	"flag"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/gazetteer"
	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestLoadDefaults(t *testing.T) {
	env := minimalEnv(t, nil)
	c := MustLoad(t, nil, env)
	relay := tip.Target{ChatID: -1001234567890}
	tests := []struct {
		name      string
		got, want any
	}{
		{"BotToken", c.BotToken, testToken},
		{"BotTokenFile", c.BotTokenFile, ""},
		{"File", c.File, ""},
		{"APIURL", c.APIURL, "https://api.telegram.org"},
		{"DBPath", c.DBPath, env["TIPRELAY_DB_PATH"]},
		{"RelayChat", c.RelayChat, relay},
		{"Gazetteer", c.Gazetteer, gazetteer.Bali()},
		{"RegionsFile", c.RegionsFile, ""},
		{"Regions", c.Regions, map[tip.RegionKey]tip.Target(nil)},
		{"Categories", c.Categories, tip.Categories()},
		{"RelayForwards", c.RelayForwards, ForwardsCopy},
		{"RegionDigests", c.RegionDigests, true},
		{"ShowOfficer", c.ShowOfficer, false},
		{"EscalateAfter", c.EscalateAfter, 30 * time.Minute},
		{"StaffIDs", c.StaffIDs, []int64(nil)},
		{"AdminIDs", c.AdminIDs, []int64(nil)},
		{"DigestChats", c.DigestChats, []tip.Target{relay}},
		{"DigestCron", c.DigestCron, []string{"0 7 * * *"}},
		{"Timezone", c.Timezone.String(), "Asia/Makassar"},
		{"TimezoneName", c.TimezoneName, "Asia/Makassar"},
		{"Lang", c.Lang, "id"},
		{"GroupRate", c.GroupRate, Rate{20, time.Minute}},
		{"ChatRate", c.ChatRate, Rate{1, time.Second}},
		{"GlobalRate", c.GlobalRate, Rate{30, time.Second}},
		{"PollTimeout", c.PollTimeout, 50 * time.Second},
		{"AlbumWindow", c.AlbumWindow, 2 * time.Second},
		{"ShutdownTimeout", c.ShutdownTimeout, 10 * time.Second},
		{"LogLevel", c.LogLevel, slog.LevelInfo},
		{"LogFormat", c.LogFormat, "json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("got %#v, want %#v", tt.got, tt.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Dir(c.DBPath)); err != nil {
		t.Errorf("database directory not created: %v", err)
	}
	if offset := time.Date(2025, 1, 1, 0, 0, 0, 0, c.Timezone).Format("-07:00"); offset != "+08:00" {
		t.Errorf("Asia/Makassar offset = %s, want +08:00", offset)
	}
}

func TestLoadPrecedence(t *testing.T) {
	file := MustWriteFile(t, "tiprelay.yaml", `
lang: en
log_level: debug
staff_ids: [1, 2, 2]
digest_cron: ["0 7 * * *", "0 19 * * *"]
poll_timeout: 30s
api_url: http://localhost:8081/
`)
	tests := []struct {
		name string
		args []string
		env  map[string]string
		// want maps a setting's key to its text form in Config.String.
		want map[string]string
	}{
		{
			name: "file over defaults",
			env:  map[string]string{"TIPRELAY_CONFIG": file},
			want: map[string]string{"lang": "en", "log_level": "debug", "staff_ids": "1,2",
				"digest_cron": `"0 7 * * *; 0 19 * * *"`, "poll_timeout": "30s",
				"api_url": "http://localhost:8081", "album_window": "2s", "config": file},
		},
		{
			name: "env over file",
			env: map[string]string{"TIPRELAY_CONFIG": file, "TIPRELAY_LANG": "id",
				"TIPRELAY_STAFF_IDS": " 7, ,8,7 ", "TIPRELAY_DIGEST_CRON": "0 6 * * 1-5;;0 18 * * *"},
			want: map[string]string{"lang": "id", "log_level": "debug", "staff_ids": "7,8",
				"digest_cron": `"0 6 * * 1-5; 0 18 * * *"`},
		},
		{
			name: "flags over env",
			args: []string{"--lang=en", "-staff-ids", "9", "--log-level", "warn", "--group-rate=off", "--digest-chat-ids=-100777:3,-100888"},
			env: map[string]string{"TIPRELAY_CONFIG": file, "TIPRELAY_LANG": "id",
				"TIPRELAY_STAFF_IDS": "7,8", "TIPRELAY_GROUP_RATE": "10/1m"},
			want: map[string]string{"lang": "en", "log_level": "warn", "staff_ids": "9",
				"group_rate": "off", "digest_chat_ids": "-100777:3,-100888"},
		},
		{
			name: "config flag over config env",
			args: []string{"--config", file},
			env:  map[string]string{"TIPRELAY_CONFIG": "/nonexistent.yaml"},
			want: map[string]string{"lang": "en", "config": file},
		},
		{
			name: "empty config flag is unset",
			args: []string{"--config="},
			env:  map[string]string{"TIPRELAY_CONFIG": file},
			want: map[string]string{"lang": "en", "config": file},
		},
		{
			name: "empty env is unset",
			env:  map[string]string{"TIPRELAY_CONFIG": file, "TIPRELAY_LANG": "  "},
			want: map[string]string{"lang": "en"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := MustLoad(t, tt.args, minimalEnv(t, tt.env))
			got := map[string]string{}
			for _, kv := range c.settings() {
				got[kv[0]] = kv[1]
			}
			for key, want := range tt.want {
				want = strings.Trim(want, `"`)
				if got[key] != want {
					t.Errorf("%s = %q, want %q", key, got[key], want)
				}
			}
		})
	}
}

func TestLoadTokenFile(t *testing.T) {
	file := MustWriteFile(t, "token", "\n  "+testToken+"  \n")
	yamlFile := MustWriteFile(t, "tiprelay.yaml", "bot_token_file: "+file+"\n")
	tests := []struct {
		name string
		args []string
		env  map[string]string
	}{
		{name: "env", env: map[string]string{"TIPRELAY_BOT_TOKEN": "", "TIPRELAY_BOT_TOKEN_FILE": file}},
		{name: "flag", args: []string{"--bot-token-file", file}, env: map[string]string{"TIPRELAY_BOT_TOKEN": ""}},
		{name: "yaml", env: map[string]string{"TIPRELAY_BOT_TOKEN": "", "TIPRELAY_CONFIG": yamlFile}},
		{name: "flag file over env token", args: []string{"--bot-token-file", file},
			env: map[string]string{"TIPRELAY_BOT_TOKEN": "999:not-this-one-xxxxxxxxxxxxxxxxxxxxxxxxxx"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := MustLoad(t, tt.args, minimalEnv(t, tt.env))
			if got, want := c.BotToken, testToken; got != want {
				t.Errorf("BotToken = %q, want %q", got, want)
			}
			if got, want := c.BotTokenFile, file; got != want {
				t.Errorf("BotTokenFile = %q, want %q", got, want)
			}
		})
	}
}

func TestLoadEnvTokenOverFileToken(t *testing.T) {
	file := MustWriteFile(t, "token", "777:FromTheFileFromTheFileFromTheFile123")
	yamlFile := MustWriteFile(t, "tiprelay.yaml", "bot_token_file: "+file+"\n")
	c := MustLoad(t, nil, minimalEnv(t, map[string]string{"TIPRELAY_CONFIG": yamlFile}))
	if got, want := c.BotToken, testToken; got != want {
		t.Errorf("BotToken = %q, want %q (env overrides the file's token file)", got, want)
	}
	if got, want := c.BotTokenFile, ""; got != want {
		t.Errorf("BotTokenFile = %q, want %q", got, want)
	}
}

func TestLoadHelp(t *testing.T) {
	for _, arg := range []string{"-h", "--help", "-help"} {
		t.Run(arg, func(t *testing.T) {
			_, err := Load([]string{arg}, getenv(nil))
			if !errors.Is(err, flag.ErrHelp) {
				t.Errorf("Load(%s) error = %v, want flag.ErrHelp", arg, err)
			}
		})
	}
}

func TestLoadFlagSetKeepsCallerFlags(t *testing.T) {
	fs := flag.NewFlagSet("digest", flag.ContinueOnError)
	since := fs.Duration("since", 24*time.Hour, "period")
	c, err := LoadFlagSet(fs, []string{"--since", "48h", "--lang", "en", "extra"}, getenv(minimalEnv(t, nil)))
	if err != nil {
		t.Fatalf("LoadFlagSet: %v", err)
	}
	if got, want := *since, 48*time.Hour; got != want {
		t.Errorf("since = %v, want %v", got, want)
	}
	if got, want := c.Lang, "en"; got != want {
		t.Errorf("Lang = %q, want %q", got, want)
	}
	if got, want := fs.Args(), []string{"extra"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Args = %q, want %q", got, want)
	}
}

func TestUsageListsEverySetting(t *testing.T) {
	var b strings.Builder
	Usage(&b)
	got := b.String()
	for _, o := range options() {
		want := o.env
		if o.flag != "" {
			want = "--" + o.flag + ", " + o.env
		}
		if !strings.Contains(got, want) {
			t.Errorf("Usage lacks %q", want)
		}
		if o.def != "" && !strings.Contains(got, "(default "+o.def+")") {
			t.Errorf("Usage lacks the default of %s", o.env)
		}
	}
	if strings.Contains(got, "--bot-token ") || strings.Contains(got, "--bot-token,") {
		t.Error("Usage offers a token flag")
	}
}

func TestOptionsRoundTrip(t *testing.T) {
	c := MustLoad(t, []string{"--staff-ids=5,6", "--digest-chat-ids=-1001:2,-1002", "--digest-cron=1 2 * * *;3 4 * * *",
		"--chat-rate=off", "--poll-timeout=1m30s", "--log-level=error", "--log-format=text",
		"--regions=badung=-1001:2,denpasar=-1003", "--categories=sara,hoaks", "--relay-forwards=native", "--region-digests=off"}, minimalEnv(t, nil))
	for _, o := range options() {
		t.Run(o.key, func(t *testing.T) {
			var back Config
			if err := o.set(&back, o.get(c)); err != nil {
				t.Fatalf("set(get()) error: %v", err)
			}
			if got, want := o.get(back), o.get(c); got != want {
				t.Errorf("get(set(get())) = %q, want %q", got, want)
			}
		})
	}
}
