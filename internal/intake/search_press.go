package intake

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/tiprelay/tiprelay/internal/botapi"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// A search page button's callback_data is "q<search>:<page>", for
// example "q1234:2" (at most 41 bytes): the words typed do not fit in
// the 64 bytes, so the search is stored (tip.SavedSearch) and named by
// its ID.
const searchPrefix = "q"

// searchData is the callback data of the button showing page of search
// id.
func searchData(id int64, page int) string {
	return searchPrefix + strconv.FormatInt(id, 10) + ":" + strconv.Itoa(page)
}

// parseSearchPress decodes callback data; ok is false for data that is
// not a search page button.
func parseSearchPress(data string) (id int64, page int, ok bool) {
	rest, ok := strings.CutPrefix(data, searchPrefix)
	if !ok {
		return 0, 0, false
	}
	num, p, ok := strings.Cut(rest, ":")
	if !ok {
		return 0, 0, false
	}
	id, err := strconv.ParseInt(num, 10, 64)
	if err != nil || id <= 0 {
		return 0, 0, false
	}
	page, err = strconv.Atoi(p)
	if err != nil {
		return 0, 0, false
	}
	return id, page, true
}

// searchKey is the dedupe key of the results message of search id, by
// which a press finds the message to edit.
func searchKey(id int64) string { return "search:" + strconv.FormatInt(id, 10) }

// searchButtons returns the page buttons of view, one row: «‹ Sebelumnya»
// on every page but the first, «Lebih banyak ›» on every page but the
// last; nil for a single page.
func (s *txn) searchButtons(id int64, view text.SearchPage) [][]tip.Button {
	var row []tip.Button
	if view.Page > 1 {
		row = append(row, tip.Button{Text: s.set.Texts.SearchPrev(), Data: searchData(id, view.Page-1)})
	}
	if hasNextPage(view) {
		row = append(row, tip.Button{Text: s.set.Texts.SearchMore(), Data: searchData(id, view.Page+1)})
	}
	if row == nil {
		return nil
	}
	return [][]tip.Button{row}
}

// onSearchPress handles a press on a /cari page button: the results
// message is edited in place to show that page (one message per search,
// however many pages are read: police groups are busy) and the press is
// answered. The one pressing must be allowed to search where the results
// are, as for /cari: staff and admins in private, members of a police
// chat there (checked before the transaction); a refusal is audited and
// answered, and changes nothing. A page that does not exist (any more)
// is answered, not shown; a button of another message, or of a search
// forgotten, is answered as stale.
func (s *txn) onSearchPress(ctx context.Context, cb *botapi.Callback, id int64, page int) error {
	texts := s.set.Texts
	why, err := s.maySearch(ctx, cb.ChatID, cb.From.ID)
	if err != nil {
		return err
	}
	switch why {
	case "":
	case whyMembershipUnknown:
		return s.answer(ctx, cb, texts.MembershipUnknown())
	default:
		if err := s.auditSearchRefused(ctx, cb.From.ID, cb.ChatID, why); err != nil {
			return err
		}
		return s.answer(ctx, cb, texts.SearchRefused())
	}
	if page < 1 || page > tip.MaxSearchCount {
		return s.answer(ctx, cb, texts.ButtonStale())
	}
	saved, err := s.tx.Search().SavedSearch(ctx, id)
	if errors.Is(err, tip.ErrNotFound) {
		return s.answer(ctx, cb, texts.ButtonStale())
	}
	if err != nil {
		return fmt.Errorf("load search %d: %w", id, err)
	}
	results, err := s.tx.Outbox().ByDedupeKey(ctx, searchKey(id))
	if errors.Is(err, tip.ErrNotFound) {
		return s.answer(ctx, cb, texts.ButtonStale())
	}
	if err != nil {
		return fmt.Errorf("results of search %d: %w", id, err)
	}
	if saved.ChatID != cb.ChatID || results.Target.ChatID != cb.ChatID ||
		(len(results.SentMessageIDs) > 0 && !slices.Contains(results.SentMessageIDs, cb.MessageID)) {
		// Not the message of this search: a forged or foreign button.
		s.log.Warn("search press on a message not about its search", "search", id, "chat", cb.ChatID, "message", cb.MessageID, "user_id", cb.From.ID)
		return s.answer(ctx, cb, texts.ButtonStale())
	}
	view, _, err := s.searchPage(ctx, cb.ChatID, saved.Query, tip.ParseSearch(saved.Query), page)
	if err != nil {
		return err
	}
	if len(view.Hits) == 0 {
		return s.answer(ctx, cb, texts.SearchNoPage(page, view.Pages))
	}
	err = s.tx.Outbox().Enqueue(ctx, tip.OutboxMessage{
		Purpose: tip.PurposeNotice, Target: results.Target, Kind: tip.EditText,
		Text: texts.SearchResults(view, s.set.Location), Buttons: s.searchButtons(id, view),
		EditOf: results.ID, DedupeKey: "searchpage:" + cb.ID,
	})
	if err != nil {
		return fmt.Errorf("queue page %d of search %d: %w", page, id, err)
	}
	s.log.Info("search page", "search", id, "page", page, "by", cb.From.ID, "chat", cb.ChatID)
	return s.answer(ctx, cb, texts.SearchPageShown(page, view.Pages))
}
