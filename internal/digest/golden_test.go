package digest_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestRenderGolden compares whole digests with testdata/*.golden, which
// show reviewers and translators what the police group receives. Run
// with -update after an intended change.
func TestRenderGolden(t *testing.T) {
	loc := MustWITA(t)
	day, items, firsts := statusDay(t)
	items[3].Relayed = nil
	failing := []tip.FailingTarget{{ChatID: -1005, Since: day.From, LastError: "Forbidden: bot was kicked"}}
	// answered gives d the response times Build reads with firsts.
	answered := func(d digest.Digest) digest.Digest {
		d.Response = digest.Responses(d.Items, firsts)
		return d
	}
	// A day with repeats (see repeatDay): the repeats line and «N×».
	rday, ritems := repeatDay(t)
	repeats := &fakeStore{items: ritems}
	tests := []struct {
		file string
		d    digest.Digest
		lang text.Lang
	}{
		{"day_id.golden", answered(laidOut(digest.Compute(items, 20, 3, failing, day, loc), baliLayout)), text.Indonesian},
		{"day_en.golden", answered(laidOut(digest.Compute(items, 0, 0, nil, day, loc), baliLayout)), text.English},
		{"empty_id.golden", digest.Compute(nil, 7, 0, nil, day, loc), text.Indonesian},
		{"region_badung_id.golden", mustRegion(t, baliLayout, items, firsts, "badung", day), text.Indonesian},
		{"region_bangli_en.golden", mustRegion(t, baliLayout, items, firsts, "bangli", day), text.English},
		{"repeats_id.golden", mustBuild(t, baliLayout, repeats, rday), text.Indonesian},
		{"repeats_region_badung_en.golden", mustRegion(t, baliLayout, ritems, nil, "badung", rday), text.English},
		{"repeats_region_gianyar_id.golden", mustRegion(t, baliLayout, ritems, nil, "gianyar", rday), text.Indonesian},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := strings.Join(digest.Render(tt.d, text.For(tt.lang)), "\n\n----- next message -----\n\n") + "\n"
			path := filepath.Join("testdata", tt.file)
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden file (run with -update to create it): %v", err)
			}
			if got != string(want) {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// mustRegion builds the region digest of key over items and the first
// status changes of their tips.
func mustRegion(t *testing.T, l digest.Layout, items []tip.DigestItem, firsts []tip.StatusChange, key tip.RegionKey, p digest.Period) digest.Digest {
	t.Helper()
	d, err := l.BuildRegion(context.Background(), &fakeStore{items: items, firsts: firsts}, l.Region(key), tip.Target{ChatID: -1003000000001}, p, MustWITA(t))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// mustBuild builds the digest of every tip of src in p.
func mustBuild(t *testing.T, l digest.Layout, src digest.Store, p digest.Period) digest.Digest {
	t.Helper()
	d, err := l.Build(context.Background(), src, p, MustWITA(t))
	if err != nil {
		t.Fatal(err)
	}
	return d
}
