package main

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// Every tip of the burst carries a marker of its own, "ref0042" for tip
// 42 of the burst, in its text or caption, so that the benchmark can tell
// whose content a police chat message carries. A repeat that is the same
// message as its original (a channel post forwarded again, a photo
// forwarded on with its caption) carries its original's marker instead.

// maxBurst bounds the burst, as markers have four digits.
const maxBurst = 9999

// markerPattern finds the markers in a text.
var markerPattern = regexp.MustCompile(`\bref(\d{4})\b`)

// marker returns the marker of tip i (0-based) of the burst.
func marker(i int) string { return fmt.Sprintf("ref%04d", i+1) }

// markedTips returns the tips (0-based) whose markers text holds.
func markedTips(text string) []int {
	var out []int
	for _, m := range markerPattern.FindAllStringSubmatch(text, -1) {
		if n, err := strconv.Atoi(m[1]); err == nil && n >= 1 {
			out = append(out, n-1)
		}
	}
	return out
}

// linkForms returns the forms of the link of original i: the first is the
// one the original carries, the others are what a repeat sends, all with
// one key after normalisation (internal/linknorm). The platform turns with
// i: YouTube, X, Instagram, TikTok, Facebook.
func linkForms(i int) []string {
	switch i % 5 {
	case 0:
		id := fmt.Sprintf("Hx%09d", i)
		return []string{"https://youtu.be/" + id + "?si=Q3vX8kLm2NpR",
			"https://www.youtube.com/watch?v=" + id + "&utm_source=wa",
			"https://m.youtube.com/watch?v=" + id + "&feature=share"}
	case 1:
		id := strconv.FormatInt(1790000000000000000+int64(i)*7, 10)
		return []string{"https://x.com/kabar_viral/status/" + id,
			"https://twitter.com/kabar_viral/status/" + id + "?s=20&t=AbCdEfGh",
			"https://mobile.twitter.com/Kabar_Viral/status/" + id}
	case 2:
		id := fmt.Sprintf("C%010d", i)
		return []string{"https://www.instagram.com/p/" + id + "/?igsh=MWZ4bGx3",
			"https://instagram.com/reel/" + id + "/?utm_source=ig_web_copy_link",
			"https://www.instagram.com/reels/" + id}
	case 3:
		id := strconv.FormatInt(7350000000000000000+int64(i)*13, 10)
		return []string{"https://www.tiktok.com/@kabar_viral/video/" + id + "?is_from_webapp=1&sender_device=pc",
			"https://m.tiktok.com/v/" + id + ".html",
			"https://tiktok.com/@someone/video/" + id + "?_r=1&_t=8lAbC"}
	}
	id := strconv.FormatInt(1234567890000000+int64(i), 10)
	return []string{"https://www.facebook.com/KabarBaliViral/posts/" + id,
		"https://m.facebook.com/KabarBaliViral/posts/" + id + "/?mibextid=Nif5oz",
		"https://web.facebook.com/KabarBaliViral/posts/" + id + "?_rdc=1&_rdr"}
}

// repeatLink returns the link a repeat of variant v of original i sends.
func repeatLink(i, v int) string {
	forms := linkForms(i)
	return forms[1+v%(len(forms)-1)]
}

// channelPost returns the post of the news channel that original i
// forwards: its id and content, which holds a link to itself.
func channelPost(i int) (int64, telegramtest.Message) {
	id := int64(7000 + i)
	return id, withLink(fmt.Sprintf("Kabar %s: massa diminta berkumpul di %s malam ini, sebarkan!", marker(i), places[i%len(places)]),
		fmt.Sprintf("https://t.me/%s/%d", newsChannel.Username, id))
}

// photoFunc makes a photo message of its own for each seed, with the
// caption: distinctPhoto, or a cheaper stand-in in tests.
type photoFunc func(seed uint64, caption string) telegramtest.Message

// burstMessage returns what a staff member sends for tip i of b; an
// original photo is made by photo. A photo repeat needs its original as
// the bot received it (stored), whose file ids it reuses, as a forward
// does; the others ignore stored.
func burstMessage(b burst, i int, stored telegramtest.Message, photo photoFunc) telegramtest.Message {
	t := b[i]
	place := places[i%len(places)]
	src := i
	if t.repeat() {
		src = t.Of
	}
	switch {
	case t.Kind == burstText:
		return telegramtest.Message{Text: fmt.Sprintf(
			"Temuan patroli %s: ajakan golput di grup warga %s, sudah dibagikan ulang puluhan kali", marker(i), place)}
	case t.Kind == burstLink && !t.repeat():
		return withLink(fmt.Sprintf("Video provokasi %s soal surat suara beredar di %s:", marker(i), place), linkForms(i)[0])
	case t.Kind == burstLink:
		return withLink(fmt.Sprintf("Tolong dicek %s, ini juga masuk ke grup RT di %s:", marker(i), place), repeatLink(src, t.Variant))
	case t.Kind == burstPhoto && !t.repeat():
		return photo(uint64(i), fmt.Sprintf("Tangkapan layar %s: unggahan hoaks soal TPS di %s", marker(i), place))
	case t.Kind == burstPhoto && t.resent():
		// Forwarded on from a group where it circulates, caption and all.
		m := telegramtest.Message{Photo: stored.Photo, Caption: stored.Caption, CaptionEntities: stored.CaptionEntities}
		return telegramtest.ForwardedFromHiddenUser("Info Warga Bali", m)
	case t.Kind == burstPhoto:
		return telegramtest.Message{Photo: stored.Photo, Caption: fmt.Sprintf("Gambar ini beredar lagi %s di %s", marker(i), place)}
	}
	id, post := channelPost(src)
	return telegramtest.ForwardedFromChannel(newsChannel, id, post)
}

// injectBurst has users send the tips of b one after the other, tip i from
// user i mod len(users), or from the next user when that one sent the
// original it repeats. Sent lists the stored messages. The originals are
// prepared before the clock starts; a photo repeat is made from its
// original's stored message as it goes.
func injectBurst(srv *telegramtest.Server, users []telegramtest.User, b burst) (injection, []telegramtest.Message) {
	msgs := make([]telegramtest.Message, len(b))
	for i, t := range b {
		if t.Kind != burstPhoto || !t.repeat() {
			msgs[i] = burstMessage(b, i, telegramtest.Message{}, distinctPhoto)
		}
	}
	sender := func(i int) int { return i % len(users) }
	stored := make([]telegramtest.Message, len(b))
	out := injection{Sent: make([]injected, len(b))}
	out.Start = time.Now()
	for i, t := range b {
		u := sender(i)
		if t.repeat() && u == sender(t.Of) && len(users) > 1 {
			u = (u + 1) % len(users)
		}
		if t.Kind == burstPhoto && t.repeat() {
			msgs[i] = burstMessage(b, i, stored[t.Of], distinctPhoto)
		}
		stored[i] = srv.UserSends(users[u], msgs[i])
		out.Sent[i] = injected{ChatID: users[u].ID, MessageID: stored[i].MessageID}
	}
	out.End = time.Now()
	return out, stored
}
