package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestLoadProblems(t *testing.T) {
	tokenFile := MustWriteFile(t, "token", testToken)
	unknownKey := MustWriteFile(t, "unknown.yaml", "lang: en\nbot_tokn: x\n")
	listForScalar := MustWriteFile(t, "list.yaml", "lang: [id, en]\n")
	badGazetteer := MustWriteFile(t, "regions.yaml", "regions:\n  Kota_Mataram: {name: Kota Mataram, unit: Polresta Mataram}\n  b: {name: B}\n")
	lombok := MustWriteFile(t, "lombok.yaml", lombokGazetteer)
	bothInFile := MustWriteFile(t, "both.yaml", "bot_token: "+testToken+"\nbot_token_file: "+tokenFile+"\n")
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want []string
	}{
		{
			name: "missing token and relay chat",
			env:  map[string]string{"TIPRELAY_BOT_TOKEN": "", "TIPRELAY_RELAY_CHAT_ID": ""},
			want: []string{
				"TIPRELAY_BOT_TOKEN is required (or TIPRELAY_BOT_TOKEN_FILE): create a bot with @BotFather in Telegram (/newbot) and copy the token it gives; or try `tiprelay sandbox`, which needs none",
				"TIPRELAY_RELAY_CHAT_ID is required: the police group's chat id, e.g. -1001234567890 (send /id in the group to find it)",
			},
		},
		{
			name: "token and token file",
			env:  map[string]string{"TIPRELAY_BOT_TOKEN_FILE": tokenFile},
			want: []string{"TIPRELAY_BOT_TOKEN and TIPRELAY_BOT_TOKEN_FILE are both set: keep only one"},
		},
		{
			name: "token and token file in the YAML file",
			env:  map[string]string{"TIPRELAY_BOT_TOKEN": "", "TIPRELAY_CONFIG": bothInFile},
			want: []string{"TIPRELAY_BOT_TOKEN (bot_token in " + bothInFile + ") and TIPRELAY_BOT_TOKEN_FILE are both set: keep only one"},
		},
		{
			name: "missing token file",
			env:  map[string]string{"TIPRELAY_BOT_TOKEN": "", "TIPRELAY_BOT_TOKEN_FILE": "/nonexistent/token"},
			want: []string{"TIPRELAY_BOT_TOKEN_FILE: open /nonexistent/token: no such file or directory"},
		},
		{
			name: "non-numeric ids, each its own line",
			env:  map[string]string{"TIPRELAY_STAFF_IDS": "12a, 5, x", "TIPRELAY_ADMIN_IDS": "-5"},
			want: []string{
				`TIPRELAY_STAFF_IDS: "12a" is not a numeric user id`,
				`TIPRELAY_STAFF_IDS: "x" is not a numeric user id`,
				`TIPRELAY_ADMIN_IDS: "-5" is not a user id: user ids are positive (negative ids are chats)`,
			},
		},
		{
			name: "bad thread",
			env:  map[string]string{"TIPRELAY_RELAY_CHAT_ID": "-1001234567890:abc"},
			want: []string{`TIPRELAY_RELAY_CHAT_ID: "-1001234567890:abc" is not a positive numeric thread id after the colon`},
		},
		{
			name: "relay chat is a user",
			env:  map[string]string{"TIPRELAY_RELAY_CHAT_ID": "1001234567890"},
			want: []string{"TIPRELAY_RELAY_CHAT_ID: 1001234567890 is a user's chat, not a group: group chat ids are negative, e.g. -1001234567890"},
		},
		{
			name: "bad digest chat from a flag",
			args: []string{"--digest-chat-ids", "-100,abc"},
			want: []string{`TIPRELAY_DIGEST_CHAT_IDS (--digest-chat-ids): "abc" is not a numeric chat id, optionally followed by :thread_id`},
		},
		{
			name: "an Indonesian zone abbreviation",
			env:  map[string]string{"TIPRELAY_TIMEZONE": "WITA"},
			want: []string{`TIPRELAY_TIMEZONE: "WITA" is an abbreviation, not a zone name: use Asia/Makassar`},
		},
		{
			name: "unknown time zone",
			env:  map[string]string{"TIPRELAY_TIMEZONE": "Asia/Makasar"},
			want: []string{`TIPRELAY_TIMEZONE: unknown time zone "Asia/Makasar": use an IANA name such as Asia/Makassar`},
		},
		{
			name: "bad rates",
			env:  map[string]string{"TIPRELAY_GROUP_RATE": "20/minute", "TIPRELAY_GLOBAL_RATE": "30"},
			want: []string{
				`TIPRELAY_GROUP_RATE: "20/minute" is not a rate: the window must be a Go duration such as 1s or 1m (use N/duration such as 20/1m, or off)`,
				`TIPRELAY_GLOBAL_RATE: "30" is not a rate: missing / (use N/duration such as 20/1m, or off)`,
			},
		},
		{
			name: "bad lang",
			env:  map[string]string{"TIPRELAY_LANG": "fr"},
			want: []string{`TIPRELAY_LANG: "fr" is not supported: use id or en`},
		},
		{
			name: "bad durations",
			env:  map[string]string{"TIPRELAY_POLL_TIMEOUT": "50", "TIPRELAY_ALBUM_WINDOW": "0s", "TIPRELAY_SHUTDOWN_TIMEOUT": "-1s"},
			want: []string{
				`TIPRELAY_POLL_TIMEOUT: "50" is not a duration such as 50s, 2m or 1m30s`,
				"TIPRELAY_ALBUM_WINDOW: 0s is not positive",
				"TIPRELAY_SHUTDOWN_TIMEOUT: -1s is not positive",
			},
		},
		{
			name: "bad log settings and URL",
			env:  map[string]string{"TIPRELAY_LOG_LEVEL": "verbose", "TIPRELAY_LOG_FORMAT": "xml", "TIPRELAY_API_URL": "ftp://x"},
			want: []string{
				`TIPRELAY_LOG_LEVEL: "verbose" is not a log level: use debug, info, warn or error`,
				`TIPRELAY_API_URL: "ftp://x" is not an http(s) URL such as https://api.telegram.org`,
				`TIPRELAY_LOG_FORMAT: "xml" is not a log format: use json or text`,
			},
		},
		{
			name: "bad regions, each its own line",
			env:  map[string]string{"TIPRELAY_REGIONS": "badung=-100123, bandung=-100456,denpasar, gianyar=abc,tabanan=555,badung=-100999"},
			want: []string{
				`TIPRELAY_REGIONS: "denpasar" is not key=chat_id or key=chat_id:thread, e.g. badung=-1001234567890`,
				`TIPRELAY_REGIONS: region gianyar: "abc" is not a numeric chat id, optionally followed by :thread_id`,
				"TIPRELAY_REGIONS: region badung is set twice: -100123 and -100999",
			},
		},
		{
			name: "unknown region and a user's chat",
			env:  map[string]string{"TIPRELAY_REGIONS": "bandung=-100456,tabanan=555"},
			want: []string{
				`TIPRELAY_REGIONS: "bandung" is not a region of the gazetteer: use one of denpasar, badung, gianyar, tabanan, klungkung, bangli, karangasem, buleleng, jembrana`,
				"TIPRELAY_REGIONS: region tabanan: 555 is a user's chat, not a group: group chat ids are negative, e.g. -1001234567890",
			},
		},
		{
			name: "region of the built-in gazetteer missing from the file's",
			env:  map[string]string{"TIPRELAY_REGIONS": "badung=-100123", "TIPRELAY_REGIONS_FILE": lombok},
			want: []string{`TIPRELAY_REGIONS: "badung" is not a region of the gazetteer: use one of kota_mataram, lombok_tengah`},
		},
		{
			name: "bad gazetteer file on one line, regions not checked against it",
			args: []string{"--regions-file", badGazetteer, "--regions", "kota_mataram=-100123"},
			want: []string{"TIPRELAY_REGIONS_FILE (--regions-file): " + badGazetteer +
				`: line 2: region key "Kota_Mataram" must be lower-case ascii letters, digits and underscores, starting with a letter, at most 32 bytes; line 3: region "b": unit is empty`},
		},
		{
			name: "missing gazetteer file",
			env:  map[string]string{"TIPRELAY_REGIONS_FILE": "/nonexistent/regions.yaml"},
			want: []string{"TIPRELAY_REGIONS_FILE: open /nonexistent/regions.yaml: no such file or directory"},
		},
		{
			name: "unknown categories",
			env:  map[string]string{"TIPRELAY_CATEGORIES": "hoaks,spam,sara,HOAX"},
			want: []string{
				`TIPRELAY_CATEGORIES: "spam" is not a category (hoaks, provokasi, sara, ujaran_kebencian, kampanye_hitam, politik_uang, netralitas, ancaman, lainnya)`,
				`TIPRELAY_CATEGORIES: "HOAX" is not a category (hoaks, provokasi, sara, ujaran_kebencian, kampanye_hitam, politik_uang, netralitas, ancaman, lainnya)`,
			},
		},
		{
			name: "bad forward mode and region digests",
			args: []string{"--relay-forwards", "forward", "--region-digests", "daily"},
			want: []string{
				`TIPRELAY_REGION_DIGESTS (--region-digests): "daily" is not on or off`,
				`TIPRELAY_RELAY_FORWARDS (--relay-forwards): "forward" is not a forward mode: use copy or native`,
			},
		},
		{
			name: "bad officer switch and escalation",
			args: []string{"--show-officer", "maybe", "--escalate-after", "30s"},
			want: []string{
				`TIPRELAY_SHOW_OFFICER (--show-officer): "maybe" is not on or off`,
				`TIPRELAY_ESCALATE_AFTER (--escalate-after): 30s is shorter than 1m: use at least 1m, or off`,
			},
		},
		{
			name: "unknown YAML key",
			env:  map[string]string{"TIPRELAY_CONFIG": unknownKey},
			want: []string{"TIPRELAY_CONFIG: " + unknownKey + `: line 2: unknown key "bot_tokn"`},
		},
		{
			name: "list for a single value in YAML",
			args: []string{"--config", listForScalar},
			want: []string{"TIPRELAY_CONFIG (--config): " + listForScalar + ": line 1: lang takes one value, not a list"},
		},
		{
			name: "missing YAML file",
			env:  map[string]string{"TIPRELAY_CONFIG": "/nonexistent.yaml"},
			want: []string{"TIPRELAY_CONFIG: open /nonexistent.yaml: no such file or directory"},
		},
		{
			name: "unknown flag",
			args: []string{"--verbose"},
			want: []string{"flag provided but not defined: -verbose"},
		},
		{
			name: "no token flag",
			args: []string{"--bot-token", testToken},
			want: []string{"flag provided but not defined: -bot-token (there is no token flag, it would show in ps: use TIPRELAY_BOT_TOKEN or --bot-token-file)"},
		},
		{
			name: "positional argument",
			args: []string{"--lang=en", "now"},
			want: []string{`unexpected argument "now": only flags may follow the sub-command`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MustErrors(t, tt.args, minimalEnv(t, tt.env))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestLoadProblemsAllAtOnce(t *testing.T) {
	env := map[string]string{
		"TIPRELAY_BOT_TOKEN": "", "TIPRELAY_RELAY_CHAT_ID": "",
		"TIPRELAY_STAFF_IDS": "12a", "TIPRELAY_TIMEZONE": "Nowhere/City", "TIPRELAY_LANG": "fr",
		"TIPRELAY_CHAT_RATE": "fast", "TIPRELAY_DIGEST_CRON": " ; ",
	}
	got := MustErrors(t, nil, minimalEnv(t, env))
	wantPrefixes := []string{"TIPRELAY_STAFF_IDS:", "TIPRELAY_TIMEZONE:", "TIPRELAY_CHAT_RATE:",
		"TIPRELAY_BOT_TOKEN is required", "TIPRELAY_RELAY_CHAT_ID is required", "TIPRELAY_DIGEST_CRON is required", "TIPRELAY_LANG:"}
	if len(got) != len(wantPrefixes) {
		t.Fatalf("got %d lines, want %d:\n%s", len(got), len(wantPrefixes), strings.Join(got, "\n"))
	}
	for i, want := range wantPrefixes {
		if !strings.HasPrefix(got[i], want) {
			t.Errorf("line %d = %q, want prefix %q", i, got[i], want)
		}
	}
}

func TestLoadErrorsAreInspectable(t *testing.T) {
	_, err := Load(nil, getenv(minimalEnv(t, map[string]string{"TIPRELAY_BOT_TOKEN": "", "TIPRELAY_LANG": "fr"})))
	if !errors.Is(err, ErrRequired) {
		t.Errorf("errors.Is(err, ErrRequired) = false for %v", err)
	}
	var fe *FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("errors.As(err, *FieldError) = false for %v", err)
	}
	if got, want := fe.Env, "TIPRELAY_BOT_TOKEN"; got != want {
		t.Errorf("first FieldError.Env = %q, want %q", got, want)
	}
}

func TestLoadUnwritableDBDir(t *testing.T) {
	var path, wantPrefix string
	if os.Geteuid() == 0 {
		// Root writes to read-only directories, but nobody can create a
		// directory under a regular file.
		file := MustWriteFile(t, "plain-file", "")
		path = filepath.Join(file, "sub", "tiprelay.db")
		wantPrefix = "TIPRELAY_DB_PATH: cannot create directory " + filepath.Dir(path) + ": not a directory"
	} else {
		dir := filepath.Join(t.TempDir(), "ro")
		if err := os.Mkdir(dir, 0o500); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o700) })
		path = filepath.Join(dir, "tiprelay.db")
		wantPrefix = "TIPRELAY_DB_PATH: directory " + dir + " is not writable: permission denied"
	}
	got := MustErrors(t, nil, minimalEnv(t, map[string]string{"TIPRELAY_DB_PATH": path}))
	if len(got) != 1 || got[0] != wantPrefix {
		t.Errorf("got %q, want [%q]", got, wantPrefix)
	}
}

func TestValidateHandBuilt(t *testing.T) {
	c := MustLoad(t, nil, minimalEnv(t, nil))
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate of a loaded Config: %v", err)
	}
	c.GroupRate = Rate{N: 5, Per: -1}
	c.LogLevel = 3
	c.Timezone = nil
	c.Gazetteer, c.Categories, c.RelayForwards = nil, nil, ""
	err := c.Validate()
	want := []string{
		"TIPRELAY_REGIONS_FILE is required: a gazetteer (Load sets the built-in Bali one when the file is empty)",
		"TIPRELAY_CATEGORIES is required: at least one of hoaks,provokasi,sara,ujaran_kebencian,kampanye_hitam,politik_uang,netralitas,ancaman,lainnya",
		`TIPRELAY_RELAY_FORWARDS: "" is not a forward mode: use copy or native`,
		"TIPRELAY_TIMEZONE is required: an IANA name such as Asia/Makassar",
		"TIPRELAY_GROUP_RATE: must be a positive count per positive window, or off",
		"TIPRELAY_LOG_LEVEL: INFO+3 is not one of debug, info, warn, error",
	}
	if err == nil {
		t.Fatalf("Validate = nil, want %q", want)
	}
	if got := strings.Split(err.Error(), "\n"); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
