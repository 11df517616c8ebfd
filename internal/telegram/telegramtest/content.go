package telegramtest

import (
	"bytes"
	"image"
	"image/png"
	"strings"

	"github.com/tiprelay/tiprelay/internal/botapi"
)

// The constructors below build message content for the inject helpers.
// Each is named after its content; where a Bot API type already owns the
// name, the constructor ends in Msg (DocumentMsg builds a Document message).

// Text returns a text message with the entities Telegram would detect in it
// (links, mentions, hashtags, commands).
func Text(s string) Message {
	return Message{Text: s, Entities: DetectEntities(s)}
}

// TextWithLink returns a text message whose whole text is a text_link to
// url, as when a user formats a word as a hyperlink.
func TextWithLink(s, url string) Message {
	return TextWithLinkOn(s, s, url)
}

// TextWithLinkOn returns a text message in which the first occurrence of
// anchor is a text_link to url; offsets are in UTF-16 code units. It panics
// if anchor does not occur in s.
func TextWithLinkOn(s, anchor, url string) Message {
	i := strings.Index(s, anchor)
	if i < 0 {
		panic("telegramtest: TextWithLinkOn: anchor not in text")
	}
	m := Text(s)
	m.Entities = append(m.Entities, MessageEntity{Type: "text_link", Offset: botapi.UTF16Len(s[:i]), Length: botapi.UTF16Len(anchor), URL: url})
	sortEntities(m.Entities)
	return m
}

func withCaption(m Message, caption string) Message {
	m.Caption = caption
	m.CaptionEntities = DetectEntities(caption)
	return m
}

// Photo returns a photo message with three sizes (90, 320 and 800 pixels
// wide) carrying real PNG bytes, and the given caption.
func Photo(caption string) Message {
	var sizes []PhotoSize
	for _, w := range []int{90, 320, 800} {
		h := w * 3 / 4
		sizes = append(sizes, PhotoSize{Width: w, Height: h, Content: pngBytes(w, h)})
	}
	return withCaption(Message{Photo: sizes}, caption)
}

// pngBytes renders a w×h PNG with a gradient, so sizes differ in bytes.
func pngBytes(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		x, y := (i/4)%w, (i/4)/w
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(x), uint8(y), 128, 255
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes()
}

// fakeMedia returns n bytes that start with a plausible container header.
func fakeMedia(header string, n int) []byte {
	b := make([]byte, n)
	copy(b, header)
	for i := len(header); i < n; i++ {
		b[i] = byte(i * 31)
	}
	return b
}

// DocumentMsg returns a document message with the given file name, MIME type,
// content and caption.
func DocumentMsg(name, mime string, content []byte, caption string) Message {
	return withCaption(Message{Document: &Document{FileName: name, MimeType: mime, Content: content}}, caption)
}

// VideoMsg returns a 1280×720, 12-second MP4 video message with the caption.
func VideoMsg(caption string) Message {
	return withCaption(Message{Video: &Video{Width: 1280, Height: 720, Duration: 12, FileName: "video.mp4",
		MimeType: "video/mp4", Content: fakeMedia("\x00\x00\x00\x18ftypmp42", 4096)}}, caption)
}

// AnimationMsg returns a GIF-like animation message (Telegram stores them as
// silent MP4) with the caption.
func AnimationMsg(caption string) Message {
	return withCaption(Message{Animation: &Animation{Width: 480, Height: 270, Duration: 3, FileName: "animation.gif.mp4",
		MimeType: "video/mp4", Content: fakeMedia("\x00\x00\x00\x18ftypisom", 2048)}}, caption)
}

// VoiceMsg returns a voice note of the given length in seconds.
func VoiceMsg(seconds int) Message {
	return Message{Voice: &Voice{Duration: seconds, MimeType: "audio/ogg", Content: fakeMedia("OggS", 800*max(seconds, 1))}}
}

// AudioMsg returns a music file message with a performer and title.
func AudioMsg(performer, title string) Message {
	return Message{Audio: &Audio{Duration: 185, Performer: performer, Title: title, FileName: title + ".mp3",
		MimeType: "audio/mpeg", Content: fakeMedia("ID3", 3000)}}
}

// VideoNoteMsg returns a round video message.
func VideoNoteMsg() Message {
	return Message{VideoNote: &VideoNote{Length: 384, Duration: 7, Content: fakeMedia("\x00\x00\x00\x18ftypmp42", 1500)}}
}

// PollMsg returns a regular anonymous poll; without options it offers "Yes"
// and "No".
func PollMsg(question string, options ...string) Message {
	if len(options) == 0 {
		options = []string{"Yes", "No"}
	}
	p := &Poll{Question: question, Type: "regular", IsAnonymous: true}
	for _, o := range options {
		p.Options = append(p.Options, PollOption{Text: o})
	}
	return Message{Poll: p}
}

// LocationMsg returns a location message.
func LocationMsg(lat, lon float64) Message {
	return Message{Location: &Location{Latitude: lat, Longitude: lon}}
}
