package linknorm

import "strings"

// site is a platform whose links Key knows.
type site int

const (
	siteOther site = iota
	siteYouTube
	siteX
	siteInstagram
	siteTikTok
	siteFacebook
	siteWhatsApp
	siteTelegram
)

// siteOf returns the platform of a normalised host (prefixes such as
// "www." and "m." already dropped).
func siteOf(host string) site {
	switch host {
	case "youtube.com", "music.youtube.com", "gaming.youtube.com", "youtube-nocookie.com", "youtu.be":
		return siteYouTube
	case "x.com", "twitter.com", "fxtwitter.com", "vxtwitter.com", "fixupx.com", "fixvx.com":
		return siteX
	case "instagram.com", "instagr.am", "ddinstagram.com":
		return siteInstagram
	case "tiktok.com", "vt.tiktok.com", "vm.tiktok.com":
		return siteTikTok
	case "facebook.com", "fb.com", "fb.watch":
		return siteFacebook
	case "whatsapp.com", "chat.whatsapp.com", "wa.me":
		return siteWhatsApp
	case "t.me", "telegram.me", "telegram.dog":
		return siteTelegram
	}
	if strings.HasSuffix(host, ".facebook.com") { // mbasic., l., lm., touch., ...
		return siteFacebook
	}
	return siteOther
}

// canonicalHost is the host a generic key names: mirrors and alternative
// hosts of a platform become its main host.
func canonicalHost(l *link) string {
	switch l.site {
	case siteX:
		return "x.com"
	case siteFacebook:
		if l.host == "fb.watch" {
			return l.host
		}
		return "facebook.com"
	case siteInstagram:
		return "instagram.com"
	case siteTelegram:
		return "t.me"
	case siteYouTube:
		if l.host == "youtube-nocookie.com" {
			return "youtube.com"
		}
	}
	return l.host
}
