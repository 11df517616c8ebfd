package sandbox

import (
	"fmt"
	"net/url"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// maxShown is how many of a chat's latest messages the page gets.
const maxShown = 200

// messageView is a message as the page draws it. HTML is safe to insert
// (see renderHTML); every other string is text.
type messageView struct {
	ID     int64  `json:"id"`
	From   string `json:"from"`
	FromID int64  `json:"from_id"`
	Bot    bool   `json:"bot"`
	Time   string `json:"time"`
	HTML   string `json:"html"`
	// Photo is the URL of the largest size of a photo.
	Photo string   `json:"photo,omitempty"`
	Doc   *docView `json:"doc,omitempty"`
	// Media names other content: video, voice, audio, animation,
	// video_note, sticker, location, poll, contact.
	Media   string         `json:"media,omitempty"`
	Album   string         `json:"album,omitempty"`
	Forward string         `json:"forward,omitempty"`
	Reply   *replyView     `json:"reply,omitempty"`
	Buttons [][]buttonView `json:"buttons,omitempty"`
	Edited  bool           `json:"edited,omitempty"`
	Silent  bool           `json:"silent,omitempty"`
}

type docView struct {
	Name string `json:"name"`
	URL  string `json:"url"`
	Size int64  `json:"size"`
}

type replyView struct {
	ID   int64  `json:"id"`
	From string `json:"from"`
	Text string `json:"text"`
}

type buttonView struct {
	Text string `json:"text"`
	Data string `json:"data,omitempty"`
	URL  string `json:"url,omitempty"`
}

// chatView is the latest messages of a chat.
type chatView struct {
	ID       int64         `json:"id"`
	Messages []messageView `json:"messages"`
}

// chatView returns the latest messages of chat id.
func (s *Sandbox) chatView(id int64) chatView {
	msgs := s.emu.Messages(id)
	if len(msgs) > maxShown {
		msgs = msgs[len(msgs)-maxShown:]
	}
	v := chatView{ID: id, Messages: make([]messageView, 0, len(msgs))}
	for _, m := range msgs {
		v.Messages = append(v.Messages, s.messageView(m))
	}
	return v
}

// messageView turns an emulator message into what the page draws.
func (s *Sandbox) messageView(m telegramtest.Message) messageView {
	v := messageView{
		ID: m.MessageID, Bot: m.Source != nil, Album: m.MediaGroupID,
		Time: time.Unix(m.Date, 0).In(s.loc()).Format("15:04"), Edited: m.EditDate != 0, Silent: m.DisableNotification,
	}
	switch {
	case v.Bot:
		v.From, v.FromID = displayName(s.emu.Bot()), s.emu.Bot().ID
	case m.From != nil:
		v.From, v.FromID = displayName(*m.From), m.From.ID
	case m.SenderChat != nil:
		v.From = m.SenderChat.Title
	}
	if m.Text != "" {
		v.HTML = renderHTML(m.Text, m.Entities)
	} else {
		v.HTML = renderHTML(m.Caption, m.CaptionEntities)
	}
	if n := len(m.Photo); n > 0 {
		v.Photo = fileURL(m.Photo[n-1].FileID)
	}
	if d := m.Document; d != nil {
		v.Doc = &docView{Name: d.FileName, URL: fileURL(d.FileID), Size: d.FileSize}
	}
	v.Media = mediaKind(m)
	v.Forward = originName(m.ForwardOrigin)
	if r := m.ReplyToMessage; r != nil {
		rv := &replyView{ID: r.MessageID, Text: r.Text}
		if rv.Text == "" {
			rv.Text = r.Caption
		}
		if r.From != nil {
			rv.From = displayName(*r.From)
		}
		rv.Text = cut(rv.Text, 90)
		v.Reply = rv
	}
	for _, row := range m.InlineKeyboard() {
		var r []buttonView
		for _, b := range row {
			r = append(r, buttonView{Text: b.Text, Data: b.CallbackData, URL: b.URL})
		}
		v.Buttons = append(v.Buttons, r)
	}
	return v
}

// fileURL is where the page loads a file.
func fileURL(fileID string) string { return "/api/file/" + url.PathEscape(fileID) }

// mediaKind names content the page shows as a label only.
func mediaKind(m telegramtest.Message) string {
	switch {
	case m.Video != nil:
		return "video"
	case m.Animation != nil:
		return "animation"
	case m.Voice != nil:
		return "voice"
	case m.Audio != nil:
		return "audio"
	case m.VideoNote != nil:
		return "video_note"
	case m.Sticker != nil:
		return "sticker"
	case m.Location != nil || m.Venue != nil:
		return "location"
	case m.Poll != nil:
		return "poll"
	case m.Contact != nil:
		return "contact"
	}
	return ""
}

// originName names where a forwarded message came from.
func originName(o *telegramtest.MessageOrigin) string {
	switch {
	case o == nil:
		return ""
	case o.Chat != nil && o.Chat.Username != "":
		return fmt.Sprintf("%s (@%s)", o.Chat.Title, o.Chat.Username)
	case o.Chat != nil:
		return o.Chat.Title
	case o.SenderChat != nil:
		return o.SenderChat.Title
	case o.SenderUser != nil:
		return displayName(*o.SenderUser)
	}
	return o.SenderUserName
}

// cut shortens s to at most n runes, marking the cut with an ellipsis.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
