package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// sentItem is one thing a staff member sent that must become exactly one
// tip: a single message or a whole album.
type sentItem struct {
	chat   int64 // the staff member's private chat (their user id)
	msgIDs []int64
	text   string // text or caption of the first message
	media  bool   // carries attachments, so it is never coalesced
	// raw marks an item injected as a raw update: the emulator does not
	// hold its message, so copying its content is expected to fail.
	raw bool
}

func (it sentItem) String() string {
	return fmt.Sprintf("chat %d messages %v", it.chat, it.msgIDs)
}

// faultSeed returns the seed of a randomized fault test, from
// TIPRELAY_FAULT_SEED when set (to replay a failure) or else the clock,
// and logs it.
func faultSeed(t *testing.T) uint64 {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("TIPRELAY_FAULT_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("TIPRELAY_FAULT_SEED=%q: %v", s, err)
		}
		seed = v
	}
	t.Logf("seed %d (replay with TIPRELAY_FAULT_SEED=%d)", seed, seed)
	return seed
}

// photoTemplate is one photo message reused for every photo: rendering
// PNGs for each of hundreds of items would dominate the test's runtime.
var photoTemplate = sync.OnceValue(func() telegramtest.Message { return telegramtest.Photo("") })

// photo returns a photo message with the caption.
func photo(caption string) telegramtest.Message {
	m := photoTemplate()
	m.Caption, m.CaptionEntities = caption, telegramtest.DetectEntities(caption)
	return m
}

// sendText sends a text tip from u and returns its item.
func (w *faultWorld) sendText(u telegramtest.User, text string) sentItem {
	m := w.srv.UserSends(u, telegramtest.Text(text))
	return sentItem{chat: u.ID, msgIDs: []int64{m.MessageID}, text: text}
}

// sendRandom sends one random item from u: text, text with a link, photo,
// forward of a channel post (text or photo), document, or, when album is
// true, an album of two or three photos.
func (w *faultWorld) sendRandom(rng *rand.Rand, u telegramtest.User, n int, album bool) sentItem {
	srv := w.srv
	text := fmt.Sprintf("Temuan %d: unggahan provokatif soal TPS %d", n, rng.IntN(900)+100)
	if album {
		parts := 2 + rng.IntN(2)
		msgs := make([]telegramtest.Message, parts)
		for i := range msgs {
			msgs[i] = photo("")
		}
		msgs[0] = photo(text)
		sent := srv.SendAlbum(u, msgs)
		it := sentItem{chat: u.ID, text: text, media: true}
		for _, m := range sent {
			it.msgIDs = append(it.msgIDs, m.MessageID)
		}
		return it
	}
	var m telegramtest.Message
	media := false
	switch r := rng.IntN(100); {
	case r < 30:
		m = telegramtest.Text(text)
	case r < 45:
		text += fmt.Sprintf(" https://contoh.id/hoaks/%d", n)
		m = telegramtest.Text(text)
	case r < 65:
		m, media = photo(text), true
	case r < 85:
		m = telegramtest.ForwardedFromChannel(w.channel, int64(4000+n), telegramtest.Text(text))
	case r < 93:
		m, media = telegramtest.ForwardedFromChannel(w.channel, int64(4000+n), photo(text)), true
	default:
		m = telegramtest.DocumentMsg(fmt.Sprintf("bukti-%d.pdf", n), "application/pdf", []byte("%PDF-1.4 bukti "+text), text)
		media = true
	}
	sent := srv.UserSends(u, m)
	return sentItem{chat: u.ID, msgIDs: []int64{sent.MessageID}, text: text, media: media}
}
