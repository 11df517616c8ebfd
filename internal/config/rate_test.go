package config

import (
	"testing"
	"time"
)

func TestParseRate(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Rate
		wantErr bool
	}{
		{name: "per minute", in: "20/1m", want: Rate{20, time.Minute}},
		{name: "per second", in: "30/1s", want: Rate{30, time.Second}},
		{name: "spaces", in: " 1 / 1s ", want: Rate{1, time.Second}},
		{name: "fraction", in: "3/1.5s", want: Rate{3, 1500 * time.Millisecond}},
		{name: "unit only", in: "30/s", want: Rate{30, time.Second}},
		{name: "off", in: "off", want: Rate{}},
		{name: "OFF", in: "OFF", want: Rate{}},
		{name: "no slash", in: "20", wantErr: true},
		{name: "zero count", in: "0/1s", wantErr: true},
		{name: "negative count", in: "-1/1s", wantErr: true},
		{name: "bad duration", in: "20/minute", wantErr: true},
		{name: "zero window", in: "20/0s", wantErr: true},
		{name: "negative window", in: "20/-1s", wantErr: true},
		{name: "empty", in: "", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseRate(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseRate(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ParseRate(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestRateString(t *testing.T) {
	tests := []struct {
		name string
		rate Rate
		want string
	}{
		{name: "minute", rate: Rate{20, time.Minute}, want: "20/1m"},
		{name: "second", rate: Rate{1, time.Second}, want: "1/1s"},
		{name: "hour", rate: Rate{100, time.Hour}, want: "100/1h"},
		{name: "mixed", rate: Rate{5, 90 * time.Second}, want: "5/1m30s"},
		{name: "millis", rate: Rate{2, 500 * time.Millisecond}, want: "2/500ms"},
		{name: "off", rate: Rate{}, want: "off"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.rate.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			back, err := ParseRate(tt.want)
			if err != nil || back != tt.rate {
				t.Errorf("ParseRate(%q) = %+v, %v; want %+v", tt.want, back, err, tt.rate)
			}
			if got, want := tt.rate.Off(), tt.want == "off"; got != want {
				t.Errorf("Off() = %v, want %v", got, want)
			}
		})
	}
}
