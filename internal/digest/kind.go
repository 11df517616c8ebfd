package digest

import (
	"net/url"
	"strings"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Kind is a content kind a digest counts. A tip may have several kinds: a
// forwarded channel post with a photo and a link counts as forward,
// screenshot and link, so the counts by kind may add up to more than the
// total.
type Kind string

// The content kinds of a digest, in display order.
const (
	// KindText is a tip with no attachment and no link of its own: a
	// message that is text only (forwarded or not).
	KindText Kind = "text"
	// KindLink is a tip with at least one link other than the public link
	// of the forwarded post itself.
	KindLink Kind = "link"
	// KindScreenshot is a tip with at least one photo.
	KindScreenshot Kind = "screenshot"
	// KindVideo is a tip with a video, an animation (GIF) or a video note.
	KindVideo Kind = "video"
	// KindDocument is a tip with a document, a voice message or audio.
	KindDocument Kind = "document"
	// KindForward is a forwarded message (it has an origin).
	KindForward Kind = "forward"
)

// Kinds lists every kind in display order.
var Kinds = []Kind{KindText, KindLink, KindScreenshot, KindVideo, KindDocument, KindForward}

// KindsOf returns the kinds of t in display order; a tip without text,
// links or attachments (which botapi does not produce) is text.
func KindsOf(t tip.Tip) []Kind {
	var photo, video, doc bool
	for _, a := range t.Attachments {
		switch a.Kind {
		case tip.AttachPhoto:
			photo = true
		case tip.AttachVideo, tip.AttachAnimation, tip.AttachVideoNote:
			video = true
		default: // document, voice, audio, and kinds added later
			doc = true
		}
	}
	links := len(ownLinks(t)) > 0
	var ks []Kind
	if len(t.Attachments) == 0 && !links {
		ks = append(ks, KindText)
	}
	if links {
		ks = append(ks, KindLink)
	}
	if photo {
		ks = append(ks, KindScreenshot)
	}
	if video {
		ks = append(ks, KindVideo)
	}
	if doc {
		ks = append(ks, KindDocument)
	}
	if t.Origin != nil {
		ks = append(ks, KindForward)
	}
	return ks
}

// ownLinks returns the links of t except the public link of its forward
// origin, which botapi adds to Links but which is not a link the post
// itself shares.
func ownLinks(t tip.Tip) []string {
	self := t.Origin.PublicLink()
	if self == "" {
		return t.Links
	}
	out := make([]string, 0, len(t.Links))
	for _, l := range t.Links {
		if l != self {
			out = append(out, l)
		}
	}
	return out
}

// Domain returns the host of link in lower case without "www." or a
// port, or "" when link has no host (mailto:, tg:). A link without a
// scheme ("example.com/x") is read as http.
func Domain(link string) string {
	link = strings.TrimSpace(link)
	if !strings.Contains(link, "://") {
		if scheme, _, ok := strings.Cut(link, ":"); ok && !strings.ContainsAny(scheme, "./") {
			return ""
		}
		link = "http://" + link
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	return strings.TrimPrefix(host, "www.")
}
