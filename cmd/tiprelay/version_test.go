package main

import (
	"runtime/debug"
	"testing"
)

func TestDescribeBuild(t *testing.T) {
	vcs := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i+1 < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	tests := []struct {
		name    string
		version string
		info    debug.BuildInfo
		want    string
	}{
		{"set with -ldflags", "v1.2.3", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "v1.2.3"},
		{"module version (go install)", "dev", debug.BuildInfo{Main: debug.Module{Version: "v0.4.0"}}, "v0.4.0"},
		{"a checkout", "dev", debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: vcs("vcs.revision", "1a2b3c4d5e6f7a8b9c0d", "vcs.time", "2026-11-29T21:00:00Z", "vcs.modified", "false")},
			"dev (1a2b3c4d5e6f, 2026-11-29T21:00:00Z)"},
		{"a modified checkout", "dev", debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: vcs("vcs.revision", "1a2b3c4d5e6f7a8b9c0d", "vcs.modified", "true")},
			"dev (1a2b3c4d5e6f, modified)"},
		{"nothing known", "dev", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describeBuild(tt.version, &tt.info); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
