package sandbox

import (
	"context"
	"fmt"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// sendRequest is what a phone sends to the bot. Kind is "text" (Text),
// "photo" (sample Item, Text as caption), "document" (doc Item, Text as
// caption), "forward" (post Item) or "album" (samples Items, Text as the
// first caption). ReplyTo answers a message of the chat.
type sendRequest struct {
	From    int64  `json:"from"`
	Kind    string `json:"kind"`
	Text    string `json:"text"`
	Item    int    `json:"item"`
	Items   []int  `json:"items"`
	ReplyTo int64  `json:"reply_to"`
}

// sent names the messages a request stored.
type sent struct {
	MessageIDs []int64 `json:"message_ids"`
}

// send delivers a phone's message to the bot, as Telegram would.
func (s *Sandbox) send(_ context.Context, req sendRequest) (any, error) {
	p, ok := s.world.phone(req.From)
	if !ok {
		return nil, badRequest("%d is not a phone of the sandbox", req.From)
	}
	var reply *telegramtest.Message
	if req.ReplyTo != 0 {
		if _, ok := s.emu.Message(p.User.ID, req.ReplyTo); !ok {
			return nil, badRequest("no message %d in the chat of %s", req.ReplyTo, p.Name())
		}
		reply = &telegramtest.Message{MessageID: req.ReplyTo}
	}
	w := s.world
	var out []telegramtest.Message
	what := req.Kind
	switch req.Kind {
	case "text":
		if err := checkText(req.Text, maxText, true); err != nil {
			return nil, err
		}
		m := telegramtest.Text(req.Text)
		m.ReplyToMessage = reply
		out = append(out, s.emu.UserSends(p.User, m))
	case "photo", "document":
		if err := checkText(req.Text, maxCaption, false); err != nil {
			return nil, err
		}
		var m telegramtest.Message
		var sizes []SampleSize
		var doc *Doc
		if req.Kind == "photo" {
			if req.Item < 0 || req.Item >= len(w.Samples) {
				return nil, badRequest("no sample image %d", req.Item)
			}
			m, sizes = w.Samples[req.Item].message(req.Text), w.Samples[req.Item].Sizes
		} else {
			if req.Item < 0 || req.Item >= len(w.Docs) {
				return nil, badRequest("no sample file %d", req.Item)
			}
			doc = &w.Docs[req.Item]
			m = doc.message(req.Text)
		}
		m.ReplyToMessage = reply
		stored := s.emu.UserSends(p.User, m)
		s.remember(stored, sizes, doc)
		out = append(out, stored)
	case "forward":
		if req.Item < 0 || req.Item >= len(w.Posts) {
			return nil, badRequest("no channel post %d", req.Item)
		}
		post := w.Posts[req.Item]
		stored := s.emu.UserSends(p.User, post.message(w))
		if post.Sample >= 0 {
			s.remember(stored, w.Samples[post.Sample].Sizes, nil)
		}
		out, what = append(out, stored), post.Channel.Title
	case "album":
		if err := checkText(req.Text, maxCaption, false); err != nil {
			return nil, err
		}
		if len(req.Items) < 2 || len(req.Items) > 10 {
			return nil, badRequest("an album has 2 to 10 items, not %d", len(req.Items))
		}
		var items []telegramtest.Message
		for i, n := range req.Items {
			if n < 0 || n >= len(w.Samples) {
				return nil, badRequest("no sample image %d", n)
			}
			caption := ""
			if i == 0 {
				caption = req.Text
			}
			items = append(items, w.Samples[n].message(caption))
		}
		out = s.emu.SendAlbum(p.User, items)
		for i, m := range out {
			s.remember(m, w.Samples[req.Items[i]].Sizes, nil)
		}
		what = fmt.Sprint(len(out))
	default:
		return nil, badRequest("kind must be text, photo, document, forward or album, not %q", req.Kind)
	}
	s.user(req.Kind, p.Name(), what, "")
	res := sent{}
	for _, m := range out {
		res.MessageIDs = append(res.MessageIDs, m.MessageID)
	}
	return res, nil
}

// replyRequest is a message in a police chat: a reply to a message of the
// chat when ReplyTo is set, or a command such as "/laporan 3". As is
// "officer" (the default); the stranger, who is no member, may not write.
type replyRequest struct {
	Chat    int64  `json:"chat"`
	As      string `json:"as"`
	Text    string `json:"text"`
	ReplyTo int64  `json:"reply_to"`
}

// reply posts the message in the police chat as its officer (or the
// stranger) would.
func (s *Sandbox) reply(_ context.Context, req replyRequest) (any, error) {
	if _, ok := s.world.policeChat(req.Chat); !ok {
		return nil, badRequest("chat %d is not a police chat of the sandbox", req.Chat)
	}
	who, chatName, err := s.presser(req.Chat, req.As)
	if err != nil {
		return nil, err
	}
	if who.Role == RoleStranger {
		// Only members write in a group; the emulator would make the
		// stranger one, and their presses would count from then on.
		return nil, badRequest("%s is not a member of %s and cannot write in it", who.Name(), chatName)
	}
	if err := checkText(req.Text, maxText, true); err != nil {
		return nil, err
	}
	m := telegramtest.Text(req.Text)
	action := "say"
	if req.ReplyTo != 0 {
		if _, ok := s.emu.Message(req.Chat, req.ReplyTo); !ok {
			return nil, badRequest("no message %d in chat %d", req.ReplyTo, req.Chat)
		}
		m.ReplyToMessage = &telegramtest.Message{MessageID: req.ReplyTo}
		action = "reply"
	}
	stored := s.emu.ChatSends(req.Chat, who.User, m)
	s.user(action, who.Name(), cut(req.Text, 60), chatName)
	return sent{MessageIDs: []int64{stored.MessageID}}, nil
}

// digestRequest asks for the digest in the Polda chat, as /digest.
type digestRequest struct {
	Chat int64  `json:"chat"`
	As   string `json:"as"`
}

// digest sends /digest in the Polda chat, the one chat where the bot
// answers it.
func (s *Sandbox) digest(ctx context.Context, req digestRequest) (any, error) {
	if req.Chat != s.world.RelayChat().Chat.ID {
		return nil, badRequest("the bot answers /digest in the Polda chat (%d) only", s.world.RelayChat().Chat.ID)
	}
	return s.reply(ctx, replyRequest{Chat: req.Chat, As: req.As, Text: "/digest"})
}
