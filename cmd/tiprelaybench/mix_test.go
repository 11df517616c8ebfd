package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

func TestMixCounts(t *testing.T) {
	tests := []struct {
		n              int
		want           mixCounts
		before, after  int
		postsB, postsA int
	}{
		{200, mixCounts{Text: 120, Screenshot: 60, Album: 10, Forward: 10}, 420, 230, 400, 210},
		{20, mixCounts{Text: 12, Screenshot: 6, Album: 1, Forward: 1}, 42, 23, 40, 21},
		{1, mixCounts{Text: 1}, 2, 1, 2, 1},
	}
	for _, tt := range tests {
		c := newMixCounts(tt.n)
		if c != tt.want || c.tips() != tt.n {
			t.Errorf("newMixCounts(%d) = %+v, want %+v", tt.n, c, tt.want)
		}
		if got := [4]int{c.messagesBefore(), c.messagesAfter(), c.postsBefore(), c.postsAfter()}; got != [4]int{tt.before, tt.after, tt.postsB, tt.postsA} {
			t.Errorf("mix of %d: got messages before, after, posts before, after %v, want %v",
				tt.n, got, [4]int{tt.before, tt.after, tt.postsB, tt.postsA})
		}
	}
}

func TestMixOrderIsFixedAndComplete(t *testing.T) {
	c := newMixCounts(200)
	a, b := mixOrder(c), mixOrder(c)
	if !slices.Equal(a, b) {
		t.Fatal("got two orders for the same mix, want one")
	}
	count := make(map[tipKind]int)
	for _, k := range a {
		count[k]++
	}
	if count[kindText] != c.Text || count[kindScreenshot] != c.Screenshot || count[kindAlbum] != c.Album || count[kindForward] != c.Forward {
		t.Errorf("got %v, want %+v", count, c)
	}
	if slices.IsSorted(a) {
		t.Error("got the kinds in blocks, want them shuffled")
	}
}

func TestMixTipsNameNoTip(t *testing.T) {
	for k, want := range map[tipKind]int{kindText: 1, kindScreenshot: 1, kindAlbum: albumSize, kindForward: 1} {
		for i := range 2 {
			msgs := mixTip(i, k)
			if len(msgs) != want {
				t.Errorf("kind %d: got %d messages, want %d", k, len(msgs), want)
			}
			for _, m := range msgs {
				if s := m.Text + m.Caption; strings.Contains(s, "#") {
					t.Errorf("kind %d: got %q, want no # in a tip", k, s)
				}
				if m.Entities != nil && !slices.Equal(m.Entities, telegramtest.DetectEntities(m.Text)) {
					t.Errorf("kind %d: got entities %+v for %q, want what Telegram detects", k, m.Entities, m.Text)
				}
			}
		}
	}
}

func TestGroupKind(t *testing.T) {
	sent := func(method, text, caption string, entity string) telegramtest.Message {
		m := telegramtest.Message{Text: text, Caption: caption, Source: &telegramtest.Source{Method: method}}
		if entity != "" {
			m.Entities = []telegramtest.MessageEntity{{Type: entity, Offset: 0, Length: 1}}
		}
		return m
	}
	header := "📥 Laporan #7\nPelapor: Petugas 1"
	tests := []struct {
		name string
		m    telegramtest.Message
		want string
	}{
		{"text tip", sent("sendMessage", header+"\nTemuan patroli", "", "blockquote"), kindTextTip},
		{"header alone", sent("sendMessage", header, "", ""), kindHeader},
		{"captioned copy", sent("copyMessage", "", header+"\nTangkapan layar", ""), kindCaptioned},
		{"album item", sent("copyMessages", "", "Album 3: spanduk", ""), kindCopy},
		{"summary", sent("sendMessage", "📥 Ringkasan 2 laporan (antrean padat)\n\nLaporan #1 · 09:15\n\nLaporan #2 · 09:16", "", "blockquote"), kindSummary},
		{"other", sent("sendMessage", "Bot ditambahkan", "", ""), kindOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := groupKind(tt.m, len(groupTips(body(tt.m)))); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
