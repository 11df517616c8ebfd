package intake

import (
	"context"
	"fmt"

	"github.com/tiprelay/tiprelay/internal/botapi"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// searchLimit is how many tips a /cari answer lists; the others are
// counted.
const searchLimit = 20

// search answers /cari <kata> with the numbers of the matching tips,
// newest first. In private staff and admins may search every tip. In a
// police chat its members may (the memberships were checked before the
// transaction): the Polda chat finds every tip, a region's chat only the
// tips relayed to it. Anyone else is refused, and the refusal audited.
func (s *txn) search(ctx context.Context, upd botapi.Update) error {
	m := upd.Message
	q := tip.SearchQuery{Limit: searchLimit}
	inChat := !m.Chat.IsPrivate()
	if inChat {
		if !s.svc.isPoliceChat(m.Chat.ID) {
			return s.refuseSearch(ctx, upd, "not a police chat")
		}
		v := s.member(m.Chat.ID, m.From.ID)
		if v.err != nil {
			s.log.Warn("search refused: membership unknown", "chat", m.Chat.ID, "user_id", m.From.ID, "err", v.err)
			return s.reply(ctx, upd, s.set.Texts.MembershipUnknown())
		}
		if !v.ok {
			return s.refuseSearch(ctx, upd, "not a member")
		}
		if m.Chat.ID != s.set.Relay.ChatID {
			q.RelayedTo = m.Chat.ID
		}
	} else {
		staff, err := s.isStaff(ctx, m.From.ID)
		if err != nil {
			return err
		}
		if !staff {
			return s.refuseSearch(ctx, upd, "not staff")
		}
	}
	if q.Terms = tip.ParseSearch(m.Command.Args); len(q.Terms) == 0 {
		return s.reply(ctx, upd, s.set.Texts.SearchUsage())
	}
	res, err := s.tx.Search().Search(ctx, q)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	hits := make([]text.SearchHit, len(res.Tips))
	for i, t := range res.Tips {
		hits[i] = text.SearchHit{Tip: t, RegionName: s.svc.regionName(t.Triage.Region)}
	}
	s.log.Info("search", "by", m.From.ID, "chat", m.Chat.ID, "terms", len(q.Terms), "found", res.Total)
	return s.reply(ctx, upd, s.set.Texts.SearchResults(m.Command.Args, hits, res.Total, q.RelayedTo != 0, s.set.Location))
}

// refuseSearch audits a refused /cari and answers it.
func (s *txn) refuseSearch(ctx context.Context, upd botapi.Update, why string) error {
	m := upd.Message
	s.log.Warn("search refused", "user_id", m.From.ID, "chat", m.Chat.ID, "why", why)
	err := s.tx.Audit().Audit(ctx, tip.AuditEntry{
		At: s.set.Now(), ActorID: m.From.ID, Action: "search_refused",
		Subject: fmt.Sprint(m.Chat.ID), Detail: why,
	})
	if err != nil {
		return fmt.Errorf("audit search refused: %w", err)
	}
	return s.reply(ctx, upd, s.set.Texts.SearchRefused())
}
