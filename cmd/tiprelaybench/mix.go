package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// The mix scenario sends what staff phones send on an election day: 60%
// texts (half of them with a link), 30% single screenshots with a caption,
// 5% albums of three photos and 5% posts forwarded from a public channel,
// in a shuffled but fixed order.

// tipKind is the shape of one tip of the mix.
type tipKind int

const (
	kindText tipKind = iota
	kindScreenshot
	kindAlbum
	kindForward
)

// albumSize is how many photos an album of the mix holds.
const albumSize = 3

// mixSeed fixes the order of the mix, so that every run sends the same.
const mixSeed = 20261124

// mixCounts is how many tips of each kind a mix holds.
type mixCounts struct {
	Text       int `json:"text"`
	Screenshot int `json:"screenshot"`
	Album      int `json:"album"`
	Forward    int `json:"forward"`
}

// newMixCounts splits n tips 60/30/5/5, rounding the smaller shares to the
// nearest tip and giving the rest to the texts.
func newMixCounts(n int) mixCounts {
	share := func(percent int) int { return (n*percent + 50) / 100 }
	c := mixCounts{Screenshot: share(30), Album: share(5), Forward: share(5)}
	c.Text = n - c.Screenshot - c.Album - c.Forward
	return c
}

func (c mixCounts) tips() int { return c.Text + c.Screenshot + c.Album + c.Forward }

// messagesAfter is what the mix costs in the group with the relay as it
// is: a text tip or a copied forward is one text message (header and
// quoted text), a screenshot one copy captioned with the header, an album
// a header and one message per photo.
func (c mixCounts) messagesAfter() int {
	return c.Text + c.Screenshot + c.Album*(1+albumSize) + c.Forward
}

// messagesBefore is what the mix cost before a tip became one message,
// from the old rule rather than a run of the old binary: a header and a
// copy (or forward) of the content per tip, the copy of an album being
// one message per photo.
func (c mixCounts) messagesBefore() int {
	return 2*(c.Text+c.Screenshot+c.Forward) + c.Album*(1+albumSize)
}

// postsAfter and postsBefore count an album as one post, as a chat shows
// it (one grouped bubble), instead of one message per photo as Telegram's
// limit counts it.
func (c mixCounts) postsAfter() int  { return c.Text + c.Screenshot + 2*c.Album + c.Forward }
func (c mixCounts) postsBefore() int { return 2 * c.tips() }

func (c mixCounts) String() string {
	return fmt.Sprintf("%d texts, %d screenshots, %d albums of %d, %d forwards",
		c.Text, c.Screenshot, c.Album, albumSize, c.Forward)
}

// wantKinds returns the group messages by kind that the mix should
// produce with coalescing off.
func (c mixCounts) wantKinds() map[string]int {
	want := map[string]int{
		kindTextTip:   c.Text + c.Forward,
		kindCaptioned: c.Screenshot,
		kindHeader:    c.Album,
		kindCopy:      c.Album * albumSize,
	}
	for k, v := range want {
		if v == 0 {
			delete(want, k)
		}
	}
	return want
}

// mixOrder returns the kinds of the tips of c in a shuffled order that is
// the same on every run.
func mixOrder(c mixCounts) []tipKind {
	order := make([]tipKind, 0, c.tips())
	for k, n := range []int{c.Text, c.Screenshot, c.Album, c.Forward} {
		for range n {
			order = append(order, tipKind(k))
		}
	}
	rng := rand.New(rand.NewPCG(mixSeed, mixSeed))
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	return order
}

// newsChannel is the public channel the forwarded posts come from.
var newsChannel = telegramtest.Chat{ID: -1001555000111, Type: telegramtest.ChatChannel, Title: "Kabar Pilkada Bali", Username: "kabarpilkadabali"}

// places make the texts realistic; a place sets a tip's region, which
// shows in its header. No region chat is configured, so the Polda chat
// is the only police chat.
var places = []string{"Renon", "Sanur", "Ubud", "Singaraja", "Tabanan", "Gianyar", "Semarapura", "Amlapura"}

// mixTip returns what a staff member sends for tip i (0-based) of kind k:
// one message, or the photos of an album. No text holds "#", so that none
// can be mistaken for a tip number.
func mixTip(i int, k tipKind) []telegramtest.Message {
	place := places[i%len(places)]
	switch k {
	case kindScreenshot:
		return []telegramtest.Message{distinctPhoto(uint64(i), fmt.Sprintf(
			"Tangkapan layar %d: unggahan berisi hoaks soal surat suara di %s", i+1, place))}
	case kindAlbum:
		album := make([]telegramtest.Message, albumSize)
		for j := range album {
			caption := ""
			if j == 0 {
				caption = fmt.Sprintf("Album %d: spanduk provokatif di %s, tiga sudut", i+1, place)
			}
			// Seeds apart from the screenshots': every photo is its own.
			album[j] = distinctPhoto(uint64(1_000_000+i*albumSize+j), caption)
		}
		return album
	case kindForward:
		post := withLink(fmt.Sprintf("Kabar %d: massa diminta berkumpul di %s malam ini, sebarkan!", i+1, place),
			fmt.Sprintf("https://t.me/%s/%d", newsChannel.Username, 4000+i))
		return []telegramtest.Message{telegramtest.ForwardedFromChannel(newsChannel, int64(4000+i), post)}
	}
	text := fmt.Sprintf("Temuan patroli %d: ajakan golput di grup warga %s, sudah dibagikan ulang puluhan kali", i+1, place)
	if i%2 == 0 {
		return []telegramtest.Message{{Text: text}}
	}
	return []telegramtest.Message{withLink(text, fmt.Sprintf("https://example.org/posts/%d", i+1))}
}

// withLink returns a text message of text followed by link, with the url
// entity Telegram detects.
func withLink(text, link string) telegramtest.Message {
	text = strings.TrimSpace(text) + " " + link
	return telegramtest.Message{Text: text, Entities: []telegramtest.MessageEntity{{
		Type: "url", Offset: telegramtest.UTF16Offset(text, len(text)-len(link)), Length: len(link),
	}}}
}

// injectMix has users send the tips of order one after the other, tip i
// from user i mod len(users); an album is sent as one album. Sent lists the
// first message of each tip.
func injectMix(srv *telegramtest.Server, users []telegramtest.User, order []tipKind) injection {
	tips := make([][]telegramtest.Message, len(order))
	for i, k := range order {
		tips[i] = mixTip(i, k)
	}
	out := injection{Sent: make([]injected, len(tips))}
	out.Start = time.Now()
	for i, msgs := range tips {
		u := users[i%len(users)]
		var first telegramtest.Message
		if len(msgs) > 1 {
			first = srv.SendAlbum(u, msgs)[0]
		} else {
			first = srv.UserSends(u, msgs[0])
		}
		out.Sent[i] = injected{ChatID: u.ID, MessageID: first.MessageID}
	}
	out.End = time.Now()
	return out
}
