package intake

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tiprelay/tiprelay/internal/botapi"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// Members tells whether a user belongs to a chat (the telegram adapter
// asks getChatMember: creator, administrator, member, or restricted and
// still a member). It is called outside any database transaction.
type Members interface {
	IsMember(ctx context.Context, chatID, userID int64) (bool, error)
}

// memberTTL is how long an answer of Members is trusted: long enough that
// an officer pressing a few buttons costs one call, short enough that a
// removed officer loses access within a minute.
const memberTTL = time.Minute

// memberTimeout bounds one membership call, so a slow Bot API cannot hold
// the processing of updates for long.
const memberTimeout = 10 * time.Second

// errNoMembers is the verdict when no membership source is configured.
var errNoMembers = errors.New("membership cannot be checked")

// memberKey is a user in a chat.
type memberKey struct{ chat, user int64 }

// verdict is what a membership check found: ok, or the error that kept it
// from finding out.
type verdict struct {
	ok  bool
	err error
}

// memberCache remembers the answers of Members for ttl. Failures are not
// remembered: the next update asks again.
type memberCache struct {
	src Members
	ttl time.Duration
	now func() time.Time
	mu  sync.Mutex
	m   map[memberKey]cachedVerdict
}

type cachedVerdict struct {
	ok      bool
	expires time.Time
}

func newMemberCache(src Members, ttl time.Duration, now func() time.Time) *memberCache {
	return &memberCache{src: src, ttl: ttl, now: now, m: map[memberKey]cachedVerdict{}}
}

// check answers whether k.user is a member of k.chat.
func (c *memberCache) check(ctx context.Context, k memberKey) verdict {
	if c.src == nil {
		return verdict{err: errNoMembers}
	}
	now := c.now()
	c.mu.Lock()
	v, ok := c.m[k]
	c.mu.Unlock()
	if ok && now.Before(v.expires) {
		return verdict{ok: v.ok}
	}
	ctx, cancel := context.WithTimeout(ctx, memberTimeout)
	defer cancel()
	member, err := c.src.IsMember(ctx, k.chat, k.user)
	if err != nil {
		return verdict{err: err}
	}
	c.mu.Lock()
	if len(c.m) > 10_000 {
		clear(c.m) // bounded: officers are few, but data is not trusted
	}
	c.m[k] = cachedVerdict{ok: member, expires: now.Add(c.ttl)}
	c.mu.Unlock()
	return verdict{ok: member}
}

// memberships checks, before the transaction that processes pending, the
// memberships its updates need: who pressed a police button or a /cari
// page button in a group, who replied in a group to a message of the
// bot, who searched with /cari in a group,
// and who asked for /laporan from a group or, not being staff, in private
// (then every police chat, since the tip's chats are known only inside
// the transaction). Only updates that may need one are decoded here.
func (s *Service) memberships(ctx context.Context, pending []tip.RawUpdate) map[memberKey]verdict {
	var out map[memberKey]verdict
	ask := func(chat, user int64) {
		k := memberKey{chat, user}
		if _, done := out[k]; done || user == 0 {
			return
		}
		if out == nil {
			out = map[memberKey]verdict{}
		}
		out[k] = s.members.check(ctx, k)
		if err := out[k].err; err != nil && ctx.Err() == nil {
			s.log.Warn("membership check failed", "chat", chat, "user_id", user, "err", err)
		}
	}
	for _, u := range pending {
		if !mayNeedMembership(u.Raw) {
			continue
		}
		upd, err := botapi.Parse(u.Raw)
		if err != nil {
			continue
		}
		switch {
		case upd.Callback != nil:
			if cb := upd.Callback; cb.ChatID < 0 && (strings.HasPrefix(cb.Data, statusPrefix) || strings.HasPrefix(cb.Data, searchPrefix)) {
				ask(cb.ChatID, cb.From.ID)
			}
		case upd.Message != nil:
			m := upd.Message
			switch {
			case m.Chat.IsPrivate() && isCommand(m, "laporan") && !s.staff[m.From.ID] && !s.admins[m.From.ID]:
				for _, chat := range s.police {
					ask(chat, m.From.ID)
				}
			case !m.Chat.IsPrivate() && (m.ReplyTo != nil || isCommand(m, "laporan") || isCommand(m, "cari")):
				ask(m.Chat.ID, m.From.ID)
			}
		}
	}
	return out
}

// mayNeedMembership is a cheap look at a raw update: only callback
// queries, replies and /laporan and /cari commands may need a membership
// check.
func mayNeedMembership(raw []byte) bool {
	return bytes.Contains(raw, []byte(`"callback_query"`)) || bytes.Contains(raw, []byte(`"reply_to_message"`)) ||
		bytes.Contains(raw, []byte(`/laporan`)) || bytes.Contains(raw, []byte(`/cari`))
}

// isCommand reports whether m is the command name.
func isCommand(m *botapi.Message, name string) bool {
	return m.Command != nil && m.Command.Name == name
}

// policeChats returns the chat ids of the Polda chat and of every region
// chat, each once, the Polda chat first and the others in id order.
func policeChats(set Settings) []int64 {
	chats := []int64{set.Relay.ChatID}
	for _, t := range set.Regions {
		if !slices.Contains(chats, t.ChatID) {
			chats = append(chats, t.ChatID)
		}
	}
	slices.Sort(chats[1:])
	return chats
}

// isPoliceChat reports whether chat is the Polda chat or a region's chat.
func (s *Service) isPoliceChat(chat int64) bool {
	return slices.Contains(s.police, chat)
}

// unitOf names the police unit of chat.
func (s *Service) unitOf(chat int64) string {
	if u := s.set.Units[chat]; u != "" {
		return u
	}
	return s.set.Texts.PoliceUnit()
}
