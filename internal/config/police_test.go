package config

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestLoadPoliceSettings(t *testing.T) {
	file := MustWriteFile(t, "tiprelay.yaml", `
show_officer: "on"
escalate_after: 1h
`)
	tests := []struct {
		name              string
		args              []string
		env               map[string]string
		wantShowOfficer   bool
		wantEscalateAfter time.Duration
	}{
		{name: "defaults", wantEscalateAfter: 30 * time.Minute},
		{name: "YAML file", env: map[string]string{"TIPRELAY_CONFIG": file},
			wantShowOfficer: true, wantEscalateAfter: time.Hour},
		{name: "env over file", env: map[string]string{"TIPRELAY_CONFIG": file, "TIPRELAY_SHOW_OFFICER": "off", "TIPRELAY_ESCALATE_AFTER": " OFF "},
			wantShowOfficer: false, wantEscalateAfter: 0},
		{name: "flags over env", args: []string{"--show-officer=yes", "--escalate-after=1h30m"},
			env:             map[string]string{"TIPRELAY_SHOW_OFFICER": "off", "TIPRELAY_ESCALATE_AFTER": "off"},
			wantShowOfficer: true, wantEscalateAfter: 90 * time.Minute},
		{name: "the shortest escalation", env: map[string]string{"TIPRELAY_ESCALATE_AFTER": "60s"},
			wantEscalateAfter: time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := MustLoad(t, tt.args, minimalEnv(t, tt.env))
			if got, want := c.ShowOfficer, tt.wantShowOfficer; got != want {
				t.Errorf("ShowOfficer = %v, want %v", got, want)
			}
			if got, want := c.EscalateAfter, tt.wantEscalateAfter; got != want {
				t.Errorf("EscalateAfter = %v, want %v", got, want)
			}
		})
	}
}

func TestLoadPoliceProblems(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"escalation too soon", map[string]string{"TIPRELAY_ESCALATE_AFTER": "59s"},
			[]string{"TIPRELAY_ESCALATE_AFTER: 59s is shorter than 1m: use at least 1m, or off"}},
		{"zero escalation is not off", map[string]string{"TIPRELAY_ESCALATE_AFTER": "0s"},
			[]string{"TIPRELAY_ESCALATE_AFTER: 0s is shorter than 1m: use at least 1m, or off"}},
		{"negative escalation", map[string]string{"TIPRELAY_ESCALATE_AFTER": "-30m"},
			[]string{"TIPRELAY_ESCALATE_AFTER: -30m is shorter than 1m: use at least 1m, or off"}},
		{"escalation without a unit", map[string]string{"TIPRELAY_ESCALATE_AFTER": "30"},
			[]string{`TIPRELAY_ESCALATE_AFTER: "30" is not a duration such as 30m or 1h, or off`}},
		{"escalation in words", map[string]string{"TIPRELAY_ESCALATE_AFTER": "soon"},
			[]string{`TIPRELAY_ESCALATE_AFTER: "soon" is not a duration such as 30m or 1h, or off`}},
		{"officer switch", map[string]string{"TIPRELAY_SHOW_OFFICER": "name"},
			[]string{`TIPRELAY_SHOW_OFFICER: "name" is not on or off`}},
		{"both at once", map[string]string{"TIPRELAY_SHOW_OFFICER": "2", "TIPRELAY_ESCALATE_AFTER": "1d"},
			[]string{`TIPRELAY_SHOW_OFFICER: "2" is not on or off`, `TIPRELAY_ESCALATE_AFTER: "1d" is not a duration such as 30m or 1h, or off`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MustErrors(t, nil, minimalEnv(t, tt.env))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestValidatePoliceHandBuilt(t *testing.T) {
	tests := []struct {
		name          string
		escalateAfter time.Duration
		want          string // the problem; empty for none
	}{
		{"off", 0, ""},
		{"a minute", time.Minute, ""},
		{"a day", 24 * time.Hour, ""},
		{"too soon", 30 * time.Second, "TIPRELAY_ESCALATE_AFTER: 30s is shorter than 1m: use at least 1m, or off"},
		{"negative", -time.Minute, "TIPRELAY_ESCALATE_AFTER: -1m is shorter than 1m: use at least 1m, or off"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := MustLoad(t, nil, minimalEnv(t, nil))
			c.EscalateAfter = tt.escalateAfter
			got := ""
			if err := c.Validate(); err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("Validate = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPoliceSettingsInString(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want map[string]string
	}{
		{"defaults", nil, map[string]string{"show_officer": "off", "escalate_after": "30m"}},
		{"set", []string{"--show-officer=on", "--escalate-after=2h"}, map[string]string{"show_officer": "on", "escalate_after": "2h"}},
		{"escalation off", []string{"--escalate-after=off"}, map[string]string{"escalate_after": "off"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := settingsWithout(MustLoad(t, tt.args, minimalEnv(t, nil)))
			for key, want := range tt.want {
				if got[key] != want {
					t.Errorf("%s = %q, want %q", key, got[key], want)
				}
			}
		})
	}
}
