package text

import (
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestDigestStatusNames(t *testing.T) {
	for _, lang := range []Lang{Indonesian, English} {
		c := For(lang)
		seen := map[string]tip.Status{}
		for _, s := range append(tip.Statuses(), tip.StatusNone) {
			name := c.DigestStatus(s)
			if want := c.StatusName(s); name != want {
				t.Errorf("%s: got %q for %q, want the buttons' name %q", lang, name, s, want)
			}
			if other, dup := seen[name]; dup {
				t.Errorf("%s: got the name %q for %q and %q", lang, name, other, s)
			}
			seen[name] = s
		}
	}
	if got, want := For(Indonesian).DigestStatus("di<arsip>"), "status di&lt;arsip&gt;"; got != want {
		t.Errorf("got %q, want %q for an unknown status", got, want)
	}
}

func TestDigestDuration(t *testing.T) {
	tests := []struct {
		name string
		lang Lang
		d    time.Duration
		want string
	}{
		{"zero", Indonesian, 0, "0 detik"},
		{"negative is zero", Indonesian, -time.Minute, "0 detik"},
		{"seconds are cut, not rounded up to a minute", Indonesian, 59*time.Second + 900*time.Millisecond, "59 detik"},
		{"one minute", Indonesian, time.Minute, "1 menit"},
		{"minutes round to the nearest", Indonesian, 12*time.Minute + 30*time.Second, "13 menit"},
		{"59 and a half minutes is an hour", Indonesian, 59*time.Minute + 30*time.Second, "1 jam"},
		{"hours and minutes", Indonesian, time.Hour + 5*time.Minute, "1 jam 5 menit"},
		{"whole hours", Indonesian, 7 * time.Hour, "7 jam"},
		{"just under a day", Indonesian, 23*time.Hour + 59*time.Minute, "23 jam 59 menit"},
		{"a day", Indonesian, 24 * time.Hour, "1 hari"},
		{"days and hours, rounded", Indonesian, 50*time.Hour + 31*time.Minute, "2 hari 3 jam"},
		{"english seconds", English, 45 * time.Second, "45 s"},
		{"english hours and minutes", English, 7*time.Hour + 10*time.Minute, "7 h 10 min"},
		{"english days and hours", English, 27 * time.Hour, "1 d 3 h"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := For(tt.lang).DigestDuration(tt.d); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDigestResponseTexts(t *testing.T) {
	id, en := For(Indonesian), For(English)
	tests := []struct {
		name, got, want string
	}{
		{"all", id.DigestResponseAll(8, 12*time.Minute, 7*time.Hour), "• Semua: 8 laporan · median 12 menit · 90% dalam 7 jam"},
		{"all in english", en.DigestResponseAll(2, 45*time.Second, time.Hour), "• All: 2 reports · median 45 s · 90% within 1 h"},
		{"one report in english", en.DigestResponseChat("Polda Bali", relayChatID, 1, time.Minute, time.Minute), "• Polda Bali: 1 report · median 1 min · 90% within 1 min"},
		{"a unit is escaped", id.DigestResponseChat("Polres <B&B>", relayChatID, 3, time.Minute, 2*time.Minute), "• Polres &lt;B&amp;B&gt;: 3 laporan · median 1 menit · 90% dalam 2 menit"},
		{"a chat without a unit by its id", id.DigestResponseChat("", relayChatID, 1, 0, 0), "• chat <code>-1001234567890</code>: 1 laporan · median 0 detik · 90% dalam 0 detik"},
		{"neither unit nor chat", en.DigestResponseChat("", 0, 2, 0, 0), "• unnamed unit: 2 reports · median 0 s · 90% within 0 s"},
		{"list title", id.DigestUnansweredTitle(18, 18), "<b>Belum ada status</b> (terlama dulu)"},
		{"cut list title", id.DigestUnansweredTitle(20, 4980), "<b>Belum ada status: 20 terlama dari 4980</b>"},
		{"cut list title in english", en.DigestUnansweredTitle(20, 21), "<b>No status yet: the 20 oldest of 21</b>"},
		{"more", id.DigestUnansweredMore(4960), "… dan 4960 laporan lainnya belum ada status."},
		{"more in english", en.DigestUnansweredMore(1), "… and 1 more without a status."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

// relayChatID is a supergroup's chat id.
const relayChatID = -1001234567890
