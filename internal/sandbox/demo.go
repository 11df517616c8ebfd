package sandbox

// The repeats demo: ready-made messages that the page offers in pairs, the
// first sent by one staff member and its repeat by another, so that a
// person sees in a minute what the bot does with a repeat (DESIGN.md
// "Duplicates"): the second reporter is told the first tip's number, the
// police chats get no second copy, only the first tip's header edited to
// «🔁 Dilaporkan 2×». Each pair repeats by another rule: the same
// screenshot re-encoded (pHash and OCR, after download), the same channel
// post forwarded (its origin), the same video in two link forms (the
// normalised link). A screenshot whose text alone says where and what,
// and a search for a word that is only in a screenshot, show OCR at work.

// Demo is one ready-made message of the repeats demo.
type Demo struct {
	// Key names the demo; the page labels it in its language.
	Key string
	// From is the index in World.Phones of the staff member who sends
	// it, or -1 for whoever the page's phone shows.
	From int
	// Kind, Item and Text are as in a send request: "photo" (Item a
	// sample, Text its caption), "forward" (Item a post) or "text".
	Kind string
	Item int
	Text string
}

// The two forms of the demo's video link: what YouTube's share button
// gives, and the page's address as a browser shows it after a click in a
// messenger. Both normalise to the same key.
const (
	demoLinkShort = "https://youtu.be/Kt7pS17aBcQ?si=wA8yQ2LmPz4Xk1Rt"
	demoLinkLong  = "https://www.youtube.com/watch?v=Kt7pS17aBcQ&utm_source=whatsapp&feature=share"
)

// demos returns the demo's messages, each repeat right after what it
// repeats. Captions name no place: the screenshots' text does.
func demos() []Demo {
	return []Demo{
		{Key: "shot", From: 0, Kind: "photo", Item: sampleTPS17, Text: "Beredar di grup WA, mohon dicek"},
		{Key: "shot_again", From: 1, Kind: "photo", Item: sampleTPS17Again, Text: "Dapat kiriman ini dari grup lain"},
		{Key: "post", From: 0, Kind: "forward", Item: 0},
		{Key: "post_again", From: 1, Kind: "forward", Item: 0},
		{Key: "link", From: 0, Kind: "text", Text: "Video ini beredar di grup WA, katanya surat suara sudah dicoblos: " + demoLinkShort},
		{Key: "link_again", From: 2, Kind: "text", Text: "Ada yang kirim video ini, benar tidak? " + demoLinkLong},
		{Key: "social", From: 2, Kind: "photo", Item: sampleSocial},
		{Key: "search", From: -1, Kind: "text", Text: "/cari ditutup"},
	}
}
