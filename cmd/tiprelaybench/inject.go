package main

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// benchToken is the bot token the emulators accept; it is not a secret.
const benchToken = "424242424:AAbenchBENCHbenchBENCHbenchBENCHben"

// groupID is the police group's chat id in every emulator.
const groupID = -1001987654321

// firstUserID is the id of the first staff user; the others follow.
const firstUserID = 6_100_000_001

// staffUsers returns n staff members with consecutive ids.
func staffUsers(n int) []telegramtest.User {
	users := make([]telegramtest.User, n)
	for i := range users {
		users[i] = telegramtest.User{
			ID:        firstUserID + int64(i),
			FirstName: "Petugas",
			LastName:  strconv.Itoa(i + 1),
			Username:  fmt.Sprintf("patroli_%02d", i+1),
		}
	}
	return users
}

// staffIDs formats the ids of users for TIPRELAY_STAFF_IDS.
func staffIDs(users []telegramtest.User) string {
	ids := make([]string, len(users))
	for i, u := range users {
		ids[i] = strconv.FormatInt(u.ID, 10)
	}
	return strings.Join(ids, ",")
}

// addGroup registers the police group in srv.
func addGroup(srv *telegramtest.Server) telegramtest.Chat {
	return srv.AddChat(telegramtest.Chat{ID: groupID, Type: "supergroup", Title: "Ditintelkam Polda"})
}

// tipMessages returns n text tips, each with a link that Telegram marks as
// a url entity. Their texts never contain "#", so that no tip text can be
// mistaken for a tip number. The entity is set directly rather than with
// telegramtest.Text, whose detection is too slow to prepare thousands of
// messages quickly.
func tipMessages(n int) []telegramtest.Message {
	msgs := make([]telegramtest.Message, n)
	for i := range msgs {
		link := fmt.Sprintf("https://example.org/posts/%d", i+1)
		text := fmt.Sprintf("Temuan patroli %d: ajakan provokasi menjelang pemungutan suara, sudah dibagikan ulang ratusan kali %s", i+1, link)
		msgs[i] = telegramtest.Message{Text: text, Entities: []telegramtest.MessageEntity{{
			Type: "url", Offset: telegramtest.UTF16Offset(text, len(text)-len(link)), Length: len(link),
		}}}
	}
	return msgs
}

// injected is one message a user sent to the bot.
type injected struct {
	ChatID, MessageID int64
}

// injection is the outcome of injectAll.
type injection struct {
	// Start is just before the first message was injected, End just after
	// the last.
	Start, End time.Time
	// Sent lists the messages in msgs order.
	Sent []injected
}

// injectAll has users send msgs to the bot, message i from user i mod
// len(users), from workers goroutines as fast as the emulator accepts them.
func injectAll(srv *telegramtest.Server, users []telegramtest.User, msgs []telegramtest.Message, workers int) injection {
	out := injection{Sent: make([]injected, len(msgs))}
	var next atomic.Int64
	var wg sync.WaitGroup
	out.Start = time.Now()
	for range max(workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(msgs) {
					return
				}
				u := users[i%len(users)]
				m := srv.UserSends(u, msgs[i])
				out.Sent[i] = injected{ChatID: u.ID, MessageID: m.MessageID}
			}
		}()
	}
	wg.Wait()
	out.End = time.Now()
	return out
}
