package telegramtest_test

import (
	"context"
	"fmt"

	"github.com/go-telegram/bot"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// A staff member forwards a channel post to the bot; the bot relays it to
// the police group by copying it with copyMessage.
func Example() {
	srv := telegramtest.NewServer("123456789:TEST")
	defer srv.Close()
	b, _ := bot.New(srv.Token(), bot.WithServerURL(srv.URL()), bot.WithSkipGetMe())

	police := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatSupergroup, Title: "Polres Badung"})
	staff := telegramtest.User{ID: 5001234567, FirstName: "Made"}
	channel := telegramtest.Chat{ID: -1001999, Type: telegramtest.ChatChannel, Title: "Info Bali", Username: "infobali"}
	tip := srv.UserSends(staff, telegramtest.ForwardedFromChannel(channel, 42, telegramtest.Text("Undian berhadiah palsu: https://hadiah.example.com")))

	ctx := context.Background()
	if _, err := b.CopyMessage(ctx, &bot.CopyMessageParams{ChatID: police.ID, FromChatID: staff.ID, MessageID: int(tip.MessageID)}); err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range srv.Messages(police.ID) {
		fmt.Printf("%d %s %q origin=%v from=%d:%v\n", m.MessageID, m.Source.Method, m.Text, m.ForwardOrigin != nil, m.Source.FromChatID, m.Source.MessageIDs)
	}
	// Output:
	// 1 copyMessage "Undian berhadiah palsu: https://hadiah.example.com" origin=false from=5001234567:[1]
}
