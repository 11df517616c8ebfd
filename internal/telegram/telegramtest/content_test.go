package telegramtest_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

func TestDetectEntities(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []telegramtest.MessageEntity
	}{
		{"url after emoji", "🚨 https://bit.ly/x1 now", []telegramtest.MessageEntity{{Type: "url", Offset: 3, Length: 17}}},
		{"bare domain and trailing dot", "see kompas.com/a.", []telegramtest.MessageEntity{{Type: "url", Offset: 4, Length: 12}}},
		{"mention and hashtag", "@polres_badung #hoaks", []telegramtest.MessageEntity{{Type: "mention", Offset: 0, Length: 14}, {Type: "hashtag", Offset: 15, Length: 6}}},
		{"email not mention", "mail tips@polri.go.id", []telegramtest.MessageEntity{{Type: "email", Offset: 5, Length: 16}}},
		{"command", "/start now", []telegramtest.MessageEntity{{Type: "bot_command", Offset: 0, Length: 6}}},
		{"plain", "nothing here", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := telegramtest.DetectEntities(tt.text); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestTextWithLinkUTF16(t *testing.T) {
	m := telegramtest.TextWithLinkOn("👮‍♂️ lapor di sini", "sini", "https://lapor.go.id")
	e := m.Entities[len(m.Entities)-1]
	// 👮‍♂️ is 5 UTF-16 units (2 + 1 + 1 + 1), then " lapor di " is 10.
	if e.Type != "text_link" || e.Offset != 15 || e.Length != 4 || e.URL != "https://lapor.go.id" {
		t.Errorf("got %+v, want text_link at 15 of length 4", e)
	}
	if got := telegramtest.UTF16Offset(m.Text, strings.Index(m.Text, "sini")); got != 15 {
		t.Errorf("got UTF16Offset %d, want 15", got)
	}
}

func TestWaitForTimeout(t *testing.T) {
	srv := MustServer(t)
	err := srv.WaitTimeout(20*time.Millisecond, func() bool { return false })
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "condition still false") {
		t.Errorf("got %v, want a deadline error describing the condition", err)
	}
	go srv.UserSends(alice, telegramtest.Text("x"))
	if err := srv.WaitTimeout(5*time.Second, func() bool { return srv.PendingUpdates() == 1 }); err != nil {
		t.Errorf("got %v, want the condition met on injection", err)
	}
}
