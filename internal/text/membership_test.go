package text

import (
	"strings"
	"testing"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestBotRemoved(t *testing.T) {
	rahmat := tip.Person{ID: 6456789012, FirstName: "Aipda", LastName: "Rahmat"}
	tests := []struct {
		name       string
		lang       Lang
		restricted bool
		want       string
	}{
		{"indonesian removed", Indonesian, false, "bot dikeluarkan dari chat oleh Aipda Rahmat (id 6456789012)"},
		{"indonesian restricted", Indonesian, true, "bot dibatasi oleh Aipda Rahmat (id 6456789012) dan tidak lagi menjadi anggota chat"},
		{"english removed", English, false, "the bot was removed from the chat by Aipda Rahmat (id 6456789012)"},
		{"english restricted", English, true, "the bot was restricted by Aipda Rahmat (id 6456789012) and is no longer a member of the chat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := For(tt.lang).BotRemoved(rahmat, tt.restricted); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	// The reason goes into TargetFailing, which escapes it.
	evil := tip.Person{ID: 1, FirstName: "<b>x</b>"}
	if got := For(Indonesian).TargetFailing(-100, For(Indonesian).BotRemoved(evil, false)); strings.Contains(got, "<b>x</b>") {
		t.Errorf("got %q, want the remover's name escaped", got)
	}
}
