package main

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

func TestTipMessagesCarryTheEntitiesTelegramDetects(t *testing.T) {
	for _, m := range tipMessages(3) {
		want := telegramtest.DetectEntities(m.Text)
		if !reflect.DeepEqual(m.Entities, want) {
			t.Errorf("got entities %+v for %q, want %+v", m.Entities, m.Text, want)
		}
		if strings.Contains(m.Text, "#") {
			t.Errorf("got %q, want no # in a tip text", m.Text)
		}
	}
}

func TestSpacing(t *testing.T) {
	t0 := time.Unix(0, 0)
	at := func(ms ...int) []time.Time {
		var out []time.Time
		for _, m := range ms {
			out = append(out, t0.Add(time.Duration(m)*time.Millisecond))
		}
		return out
	}
	got := spacing(at(0, 1, 1000, 1003, 2010), 2)
	want := spread{Min: 1000 * time.Millisecond, Mean: 1004 * time.Millisecond, Max: 1010 * time.Millisecond}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if got := spacing(at(0, 1), 2); got != (spread{}) {
		t.Errorf("got %+v for too few times, want zero", got)
	}
}

func TestScaledLimitsKeepTelegramsProportions(t *testing.T) {
	got := scaledLimits(time.Second)
	want := telegramtest.RateLimits{
		GroupPerWindow: 20, GroupWindow: time.Second,
		PrivatePerWindow: 1, PrivateWindow: time.Second / 60,
		Global: 30, GlobalWindow: time.Second / 60,
	}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}
