package linknorm

import "strings"

// trackingParams name who shared a link, from where, in which campaign: they
// are dropped on every host. Parameters that are tracking on one platform
// but may identify content elsewhere ("s", "t", "feature", "app") are in
// siteTracking instead.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "gclsrc": true, "dclid": true, "gbraid": true,
	"wbraid": true, "msclkid": true, "yclid": true, "twclid": true, "ttclid": true,
	"igshid": true, "igsh": true, "mibextid": true, "si": true,
	"ref": true, "ref_src": true, "ref_url": true,
	"fb_rid": true, "_rdr": true, "_rdc": true, "__tn__": true, "rdid": true,
	"share_id": true, "share_url": true, "sfnsn": true, "spm": true,
	"mc_cid": true, "mc_eid": true, "_ga": true, "_gl": true,
	"_hsenc": true, "_hsmi": true, "oly_enc_id": true, "oly_anon_id": true,
	"vero_id": true, "wickedid": true,
}

// trackingPrefixes start the names of whole families of tracking
// parameters.
var trackingPrefixes = []string{"utm_", "__cft__", "__xts__"}

// siteTracking are the tracking parameters of one platform.
var siteTracking = map[site]map[string]bool{
	siteX: {"s": true, "t": true, "src": true},
	siteYouTube: {
		"feature": true, "pp": true, "app": true, "ab_channel": true,
		"embeds_referring_euri": true, "embeds_referring_origin": true, "source_ve_path": true,
	},
}

// facebookParams are the only parameters a generic Facebook key keeps:
// Facebook adds many more (notif_id, paipv, eid, hc_ref, __xts__[0], app,
// sfnsn, ...) and none of them names content.
var facebookParams = map[string]bool{
	"story_fbid": true, "id": true, "fbid": true, "set": true, "v": true,
	"multi_permalinks": true, "comment_id": true, "reply_comment_id": true,
	"q": true, "sk": true,
}

// dropParam reports whether the parameter key names no content on l's
// platform. Names are compared in lower case.
func dropParam(l *link, key string) bool {
	k := strings.ToLower(key)
	switch l.site {
	case siteFacebook:
		return !facebookParams[k]
	case siteInstagram, siteTikTok:
		return true // their URLs carry content in the path only
	}
	if trackingParams[k] || siteTracking[l.site][k] {
		return true
	}
	for _, p := range trackingPrefixes {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}
