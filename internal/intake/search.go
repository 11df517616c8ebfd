package intake

import (
	"context"
	"fmt"

	"github.com/tiprelay/tiprelay/internal/botapi"
	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// searchPageSize is how many tips one page of a /cari answer lists.
const searchPageSize = 10

// search answers /cari <kata> with the first page of the matching tips,
// newest first, and, when there are more, buttons that show the other
// pages in the same message (see onSearchPress). In private staff and
// admins may search every tip. In a police chat its members may (the
// memberships were checked before the transaction): the Polda chat
// finds every tip, a region's chat only the tips relayed to it. Anyone
// else is refused, and the refusal audited.
func (s *txn) search(ctx context.Context, upd botapi.Update) error {
	m := upd.Message
	if why, err := s.maySearch(ctx, m.Chat.ID, m.From.ID); err != nil || why != "" {
		if err != nil {
			return err
		}
		if why == whyMembershipUnknown {
			return s.reply(ctx, upd, s.set.Texts.MembershipUnknown())
		}
		if err := s.auditSearchRefused(ctx, m.From.ID, m.Chat.ID, why); err != nil {
			return err
		}
		return s.reply(ctx, upd, s.set.Texts.SearchRefused())
	}
	terms := tip.ParseSearch(m.Command.Args)
	if len(terms) == 0 {
		return s.reply(ctx, upd, s.set.Texts.SearchUsage())
	}
	view, res, err := s.searchPage(ctx, m.Chat.ID, m.Command.Args, terms, 1)
	if err != nil {
		return err
	}
	s.log.Info("search", "by", m.From.ID, "chat", m.Chat.ID, "terms", len(terms), "found", res.Total, "capped", res.Capped)
	body := s.set.Texts.SearchResults(view, s.set.Location)
	if !hasNextPage(view) {
		return s.reply(ctx, upd, body)
	}
	// More than one page: the buttons name the search, kept so that a
	// press can run it again for another page.
	id, err := s.tx.Search().SaveSearch(ctx, tip.SavedSearch{ChatID: m.Chat.ID, UserID: m.From.ID, Query: m.Command.Args, CreatedAt: s.set.Now()})
	if err != nil {
		return fmt.Errorf("save search: %w", err)
	}
	err = s.tx.Outbox().Enqueue(ctx, tip.OutboxMessage{
		Purpose: tip.PurposeNotice, Target: tip.Target{ChatID: m.Chat.ID, ThreadID: m.ThreadID}, Kind: tip.SendText,
		Text: body, Buttons: s.searchButtons(id, view), ReplyTo: m.ID, DedupeKey: searchKey(id),
	})
	if err != nil {
		return fmt.Errorf("queue search results: %w", err)
	}
	s.dirty = true
	return nil
}

// whyMembershipUnknown is maySearch's answer when the membership it
// needs could not be checked.
const whyMembershipUnknown = "membership unknown"

// maySearch returns why user may not search in chat, "" when they may:
// in private staff and admins, in a police chat its members.
func (s *txn) maySearch(ctx context.Context, chat, user int64) (string, error) {
	if chat > 0 {
		staff, err := s.isStaff(ctx, user)
		if err != nil || staff {
			return "", err
		}
		return "not staff", nil
	}
	if !s.svc.isPoliceChat(chat) {
		return "not a police chat", nil
	}
	v := s.member(chat, user)
	switch {
	case v.err != nil:
		s.log.Warn("search refused: membership unknown", "chat", chat, "user_id", user, "err", v.err)
		return whyMembershipUnknown, nil
	case !v.ok:
		return "not a member", nil
	}
	return "", nil
}

// auditSearchRefused logs and audits a refused search, or a refused
// press on a search's page buttons.
func (s *txn) auditSearchRefused(ctx context.Context, user, chat int64, why string) error {
	s.log.Warn("search refused", "user_id", user, "chat", chat, "why", why)
	err := s.tx.Audit().Audit(ctx, tip.AuditEntry{
		At: s.set.Now(), ActorID: user, Action: "search_refused", Subject: fmt.Sprint(chat), Detail: why,
	})
	if err != nil {
		return fmt.Errorf("audit search refused: %w", err)
	}
	return nil
}

// searchPage runs the search of terms (typed as typed) asked in chat for
// page (from 1) and returns what the page shows. A police chat other
// than the Polda chat sees only the tips relayed to it. Each tip links
// to its message in chat or, in private, in the Polda chat; a repeat,
// which was not relayed, to its original's.
func (s *txn) searchPage(ctx context.Context, chat int64, typed string, terms []tip.SearchTerm, page int) (text.SearchPage, tip.SearchResult, error) {
	q := tip.SearchQuery{Terms: terms, Offset: (page - 1) * searchPageSize, Limit: searchPageSize}
	if chat < 0 && chat != s.set.Relay.ChatID {
		q.RelayedTo = chat
	}
	res, err := s.tx.Search().Search(ctx, q)
	if err != nil {
		return text.SearchPage{}, tip.SearchResult{}, fmt.Errorf("search: %w", err)
	}
	view := text.SearchPage{Typed: typed, Total: res.Total, Capped: res.Capped, Page: page, InChat: q.RelayedTo != 0}
	if !res.Capped {
		view.Pages = (res.Total + searchPageSize - 1) / searchPageSize
	}
	linkChat := chat
	if chat > 0 {
		linkChat = s.set.Relay.ChatID
	}
	for _, t := range res.Tips {
		h := text.SearchHit{Tip: t}
		relayed := t.ID
		if t.DuplicateOf != 0 {
			relayed = t.DuplicateOf
		}
		rows, err := s.tx.Outbox().ByTip(ctx, relayed)
		if err != nil {
			return text.SearchPage{}, tip.SearchResult{}, fmt.Errorf("rows of tip %d: %w", relayed, err)
		}
		for _, c := range relayChats(rows) {
			if c.ChatID == linkChat {
				h.Link = digest.MessageLink(c.MessageRef)
			}
		}
		if t.Text == "" {
			if h.ImageText, _, err = s.tx.Images().ImageText(ctx, t.ID); err != nil {
				return text.SearchPage{}, tip.SearchResult{}, err
			}
		}
		view.Hits = append(view.Hits, h)
	}
	return view, res, nil
}

// hasNextPage reports whether a page follows view: its tips are not the
// last of the matches (or, past the count's cap, the page is full).
func hasNextPage(view text.SearchPage) bool {
	shown := (view.Page-1)*searchPageSize + len(view.Hits)
	if view.Capped {
		return len(view.Hits) == searchPageSize
	}
	return len(view.Hits) > 0 && shown < view.Total
}
