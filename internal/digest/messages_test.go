package digest_test

import (
	"testing"

	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestMessages(t *testing.T) {
	loc := MustWITA(t)
	day, items := dayOfTips(t)
	full := digest.Compute(items, 0, 0, nil, day, loc)
	empty := digest.Compute(nil, 0, 0, nil, day, loc)
	last := digest.Compute(items, 0, 0, nil, digest.Last(day.To, 36*3600e9), loc)
	// The scheduler's periods start where the last one ended, read back
	// from the database in UTC: file names must still use WITA dates.
	utcDay := digest.Compute(items, 0, 0, nil, digest.Period{From: day.From.UTC(), To: day.To.UTC()}, loc)
	targets := []tip.Target{{ChatID: relayChat}, {ChatID: -1005, ThreadID: 9}}
	tests := []struct {
		name      string
		d         digest.Digest
		lang      text.Lang
		withFiles bool
		want      []tip.OutboxKind // per target
		files     []string
	}{
		{"texts, csv and chart", full, text.Indonesian, true, []tip.OutboxKind{tip.SendText, tip.SendDocument, tip.SendPhoto}, []string{"laporan-2026-11-23.csv", "grafik-2026-11-23.png"}},
		{"period given in UTC is named in WITA", utcDay, text.Indonesian, true, []tip.OutboxKind{tip.SendText, tip.SendDocument, tip.SendPhoto}, []string{"laporan-2026-11-23.csv", "grafik-2026-11-23.png"}},
		{"without files", full, text.Indonesian, false, []tip.OutboxKind{tip.SendText}, nil},
		{"empty day has no files", empty, text.Indonesian, true, []tip.OutboxKind{tip.SendText}, nil},
		{"english names, other period", last, text.English, true, []tip.OutboxKind{tip.SendText, tip.SendDocument, tip.SendPhoto}, []string{"reports-2026-11-22-1200.csv", "chart-2026-11-22-1200.png"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs := digest.Messages(tt.d, text.For(tt.lang), targets, tt.withFiles)
			texts := digest.Render(tt.d, text.For(tt.lang))
			// Per target: every rendered text, then the files.
			var want []tip.OutboxKind
			for range texts {
				want = append(want, tip.SendText)
			}
			want = append(want, tt.want[1:]...)
			if got, want := len(msgs), len(targets)*len(want); got != want {
				t.Fatalf("got %d rows, want %d", got, want)
			}
			for i, m := range msgs {
				target, kind := targets[i/len(want)], want[i%len(want)]
				if m.Target != target || m.Kind != kind || m.Purpose != tip.PurposeDigest || m.DedupeKey != "" {
					t.Errorf("got row %d %s %s %s dedupe %q, want %s %s digest without key", i, m.Target, m.Kind, m.Purpose, m.DedupeKey, target, kind)
				}
				if kind == tip.SendText && (m.Text != texts[i%len(want)] || m.File != nil) {
					t.Errorf("got text row %d with text %q and file %v", i, m.Text, m.File)
				}
				if kind != tip.SendText {
					if m.File == nil || len(m.File.Data) == 0 || m.Text == "" {
						t.Fatalf("got file row %d without file or caption", i)
					}
					if got, want := m.File.Name, tt.files[i%len(want)-len(texts)]; got != want {
						t.Errorf("got file name %q, want %q", got, want)
					}
				}
			}
		})
	}
}
