package linknorm

// facebookKey reads the Facebook post forms. A post gets "facebook:<id>":
// /<page>/posts/<id>, /permalink.php?story_fbid=<id>&id=<page>,
// /story.php?..., /groups/<g>/posts/<id>, /groups/<g>/permalink/<id> and
// /groups/<g>?multi_permalinks=<id>. Post ids (numeric or "pfbid...") are
// unique across Facebook, so the page is left out and the page-name and
// page-id forms of one post meet. Photos get "facebook-photo:<fbid>",
// videos and reels "facebook-video:<id>", fb.watch/<code> "fb.watch:<code>"
// and the share links /share/p|r|v/<code> "facebook-share:<code>".
func facebookKey(l *link) (string, bool) {
	s := l.segs
	if l.host == "fb.watch" {
		if len(s) == 1 && isCode(s[0]) {
			return "fb.watch:" + s[0], true
		}
		return "", false
	}
	switch {
	case len(s) == 1 && oneOf(s[0], "permalink.php", "story.php"):
		return fbKey("facebook:", l.get("story_fbid"))
	case len(s) == 1 && oneOf(s[0], "photo.php", "photo"):
		return fbKey("facebook-photo:", l.get("fbid"))
	case len(s) == 1 && oneOf(s[0], "video.php", "watch") || segsAre(s, "watch", "live"):
		return fbKey("facebook-video:", l.get("v"))
	case len(s) == 2 && oneOf(s[0], "reel", "reels"):
		return fbKey("facebook-video:", s[1])
	case len(s) == 3 && s[0] == "share" && oneOf(s[1], "p", "r", "v"):
		return fbKey("facebook-share:", s[2])
	case len(s) == 2 && s[0] == "share":
		return fbKey("facebook-share:", s[1])
	case len(s) == 4 && s[0] == "groups" && oneOf(s[2], "posts", "permalink"):
		return fbKey("facebook:", s[3])
	case len(s) == 2 && s[0] == "groups" && l.get("multi_permalinks") != "":
		return fbKey("facebook:", l.get("multi_permalinks"))
	case len(s) == 3 && s[1] == "posts":
		return fbKey("facebook:", s[2])
	case len(s) >= 3 && len(s) <= 4 && s[1] == "videos":
		return fbKey("facebook-video:", s[len(s)-1])
	case len(s) >= 3 && len(s) <= 4 && s[1] == "photos":
		return fbKey("facebook-photo:", s[len(s)-1])
	}
	return "", false
}

// fbKey returns prefix+id when id is a Facebook id or share code.
func fbKey(prefix, id string) (string, bool) {
	if id == "" || len(id) > 128 || !isCode(id) {
		return "", false
	}
	if d, ok := digits(id); ok {
		id = d
	}
	return prefix + id, true
}
