package config

import (
	"testing"
	"time"
)

func TestParseDuplicateWindow(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    time.Duration
		wantErr bool
	}{
		{"default", "168h", 168 * time.Hour, false},
		{"minutes", "90m", 90 * time.Minute, false},
		{"off", "off", 0, false},
		{"off any case", " OFF ", 0, false},
		{"zero", "0", 0, false},
		{"days are not Go durations", "7d", 0, true},
		{"negative", "-1h", 0, true},
		{"empty", "", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseDuplicateWindow(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("parseDuplicateWindow(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("parseDuplicateWindow(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestDuplicateSettingsDefaults(t *testing.T) {
	c := MustLoad(t, nil, minimalEnv(t, nil))
	if c.DuplicateWindow != DefaultDuplicateWindow || !c.OCR {
		t.Errorf("DuplicateWindow = %v, OCR = %v; want %v, on", c.DuplicateWindow, c.OCR, DefaultDuplicateWindow)
	}
	c = MustLoad(t, nil, minimalEnv(t, map[string]string{"TIPRELAY_DUPLICATE_WINDOW": "off", "TIPRELAY_OCR": "off"}))
	if c.DuplicateWindow != 0 || c.OCR {
		t.Errorf("with off: DuplicateWindow = %v, OCR = %v; want 0, off", c.DuplicateWindow, c.OCR)
	}
	if got := MustErrors(t, nil, minimalEnv(t, map[string]string{"TIPRELAY_DUPLICATE_WINDOW": "7d"})); len(got) != 1 {
		t.Errorf("TIPRELAY_DUPLICATE_WINDOW=7d: problems %q, want one", got)
	}
}
