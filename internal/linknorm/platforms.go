package linknorm

import (
	"cmp"
	"strings"
)

// platformKey returns the platform key of a post link, or false when l is
// not a post link of a known platform (a profile, a search, an unknown
// form), which then gets a generic key.
func platformKey(l *link) (string, bool) {
	switch l.site {
	case siteYouTube:
		return youtubeKey(l)
	case siteX:
		return xKey(l)
	case siteInstagram:
		return instagramKey(l)
	case siteTikTok:
		return tiktokKey(l)
	case siteFacebook:
		return facebookKey(l)
	case siteWhatsApp:
		return whatsappKey(l)
	case siteTelegram:
		return telegramKey(l)
	}
	return "", false
}

// unwrapTarget returns the link a redirect wrapper points to.
func unwrapTarget(l *link) (string, bool) {
	var target string
	switch {
	case l.site == siteFacebook && segsAre(l.segs, "l.php"):
		target = l.get("u")
	case l.host == "l.instagram.com" && len(l.segs) == 0:
		target = l.get("u")
	case (l.host == "google.com" || l.host == "google.co.id") && segsAre(l.segs, "url"):
		target = cmp.Or(l.get("q"), l.get("url"))
	case l.site == siteYouTube && segsAre(l.segs, "redirect"):
		target = l.get("q")
	}
	return target, target != ""
}

// youtubeKey: youtu.be/ID, /watch?v=ID, /shorts/ID, /embed/ID, /live/ID,
// /v/ID on any YouTube host give "youtube:ID".
func youtubeKey(l *link) (string, bool) {
	var id string
	s := l.segs
	switch {
	case l.host == "youtu.be":
		if len(s) == 1 {
			id = s[0]
		}
	case segsAre(s, "watch"):
		id = l.get("v")
	case len(s) == 2 && oneOf(s[0], "shorts", "embed", "live", "v", "e"):
		id = s[1]
	}
	if len(id) != 11 || !isCode(id) {
		return "", false
	}
	return "youtube:" + id, true
}

// xKey: /<user>/status/<id>, /<user>/statuses/<id>, /i/web/status/<id>,
// with /photo/1 or /video/1 after, and the old "#!/" links give "x:<id>".
func xKey(l *link) (string, bool) {
	s := l.segs
	if len(s) == 0 && strings.HasPrefix(l.frag, "!/") {
		p, _, _ := strings.Cut(l.frag[2:], "?")
		s = strings.FieldsFunc(p, func(r rune) bool { return r == '/' })
	}
	for k := 1; k < len(s)-1 && k <= 2; k++ {
		if s[k] == "status" || s[k] == "statuses" {
			if id, ok := digits(s[k+1]); ok {
				return "x:" + id, true
			}
		}
	}
	return "", false
}

// instagramKey: /p/<code>, /reel/<code>, /reels/<code>, /tv/<code>, with
// or without a user name before, give "instagram:<code>"; a story gives
// "instagram-story:<user>:<id>".
func instagramKey(l *link) (string, bool) {
	s := l.segs
	for k := 0; k <= 1 && k+1 < len(s); k++ {
		if oneOf(s[k], "p", "reel", "reels", "tv") && isCode(s[k+1]) {
			return "instagram:" + s[k+1], true
		}
	}
	if len(s) >= 3 && s[0] == "stories" && isCode(s[1]) {
		if id, ok := digits(s[2]); ok {
			return "instagram-story:" + strings.ToLower(s[1]) + ":" + id, true
		}
	}
	return "", false
}

// tiktokKey: /@user/video/<id>, /@user/photo/<id>, /v/<id>.html,
// /embed/v2/<id> give "tiktok:<id>"; the short links vt.tiktok.com/<code>,
// vm.tiktok.com/<code> and tiktok.com/t/<code> give "tiktok-short:<code>".
func tiktokKey(l *link) (string, bool) {
	s := l.segs
	var id string
	switch {
	case l.host == "vt.tiktok.com" || l.host == "vm.tiktok.com":
		if len(s) == 1 && isCode(s[0]) {
			return "tiktok-short:" + s[0], true
		}
		return "", false
	case len(s) == 2 && s[0] == "t" && isCode(s[1]):
		return "tiktok-short:" + s[1], true
	case len(s) == 3 && strings.HasPrefix(s[0], "@") && oneOf(s[1], "video", "photo"):
		id = s[2]
	case len(s) == 2 && s[0] == "v":
		id = strings.TrimSuffix(s[1], ".html")
	case len(s) >= 2 && oneOf(s[0], "embed", "player") || segsPrefix(s, "share", "video"):
		id = s[len(s)-1]
	}
	if id, ok := digits(id); ok {
		return "tiktok:" + id, true
	}
	return "", false
}

// whatsappKey: whatsapp.com/channel/<id>/<msg> gives
// "whatsapp-channel:<id>:<msg>"; invites and channels themselves stay
// generic.
func whatsappKey(l *link) (string, bool) {
	s := l.segs
	if l.host == "whatsapp.com" && len(s) == 3 && s[0] == "channel" && isCode(s[1]) {
		if msg, ok := digits(s[2]); ok {
			return "whatsapp-channel:" + s[1] + ":" + msg, true
		}
	}
	return "", false
}

// telegramReserved are t.me paths that are not channels.
var telegramReserved = map[string]bool{
	"joinchat": true, "addstickers": true, "addemoji": true, "addlist": true,
	"share": true, "iv": true, "proxy": true, "socks": true, "boost": true,
	"setlanguage": true, "addtheme": true, "login": true, "invoice": true,
	"bg": true, "confirmphone": true, "m": true,
}

// telegramKey: t.me/<channel>/<post>, t.me/s/<channel>/<post> (and a topic
// between them) give "telegram:<channel>:<post>", the channel in lower
// case; t.me/c/<id>/<post> gives "telegram-c:<id>:<post>".
func telegramKey(l *link) (string, bool) {
	s := l.segs
	if len(s) > 0 && s[0] == "s" {
		s = s[1:]
	}
	private := len(s) > 0 && s[0] == "c"
	if private {
		s = s[1:]
	}
	if len(s) < 2 || len(s) > 3 {
		return "", false
	}
	post, ok := digits(s[len(s)-1])
	if !ok || post == "0" {
		return "", false
	}
	if len(s) == 3 { // a topic of a forum group
		if _, ok := digits(s[1]); !ok {
			return "", false
		}
	}
	if private {
		if id, ok := digits(s[0]); ok {
			return "telegram-c:" + id + ":" + post, true
		}
		return "", false
	}
	name := strings.ToLower(s[0])
	if !isTelegramName(name) || telegramReserved[name] {
		return "", false
	}
	return "telegram:" + name + ":" + post, true
}

// isTelegramName reports whether s is a public user name: 4 to 32 letters,
// digits and underscores, starting with a letter.
func isTelegramName(s string) bool {
	if len(s) < 4 || len(s) > 32 || !('a' <= s[0] && s[0] <= 'z') {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}
