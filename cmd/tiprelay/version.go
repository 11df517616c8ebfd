package main

import (
	"runtime/debug"
	"strings"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3"
// (the Dockerfile passes its VERSION build argument); a plain build
// reports "dev" with the commit it was built from (see buildVersion).
var version = "dev"

// buildVersion returns version, and for a build without -ldflags the
// module version or the VCS revision Go recorded: "dev (1a2b3c4d5e6f,
// 2026-11-29T21:00:00Z, modified)".
func buildVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return version
	}
	return describeBuild(version, info)
}

// describeBuild is buildVersion on given build information.
func describeBuild(v string, info *debug.BuildInfo) string {
	if v != "dev" {
		return v
	}
	if mv := info.Main.Version; mv != "" && mv != "(devel)" {
		return mv
	}
	var rev, at string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return v
	}
	parts := []string{rev[:min(12, len(rev))]}
	if at != "" {
		parts = append(parts, at)
	}
	if modified {
		parts = append(parts, "modified")
	}
	return v + " (" + strings.Join(parts, ", ") + ")"
}
