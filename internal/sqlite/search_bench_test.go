package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// The search benchmark's data: searchBenchTips tips written by
// newCorpus(1), a third forwarded from a channel, a fifth with a
// screenshot whose text was read, each relayed to the Polda chat and a
// ninth also to searchBenchRegion's chat.
const (
	searchBenchTips   = 1_000_000
	searchBenchPolda  = -1009876543210
	searchBenchRegion = -1003000000001
	// searchBenchVersion changes whenever buildSearchBenchDB writes
	// different data, so that a stale cached file is not reused.
	searchBenchVersion = 3
)

// mustSearchBenchDB returns the search benchmark's database (building it
// takes a few minutes: most of it the trigram index).
func mustSearchBenchDB(b *testing.B) *DB {
	return mustCachedBenchDB(b, "search", searchBenchVersion, buildSearchBenchDB)
}

func buildSearchBenchDB(path string) error {
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	c := newCorpus(1)
	epoch := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	err = db.rawTx(ctx, func(tx *sql.Tx) error {
		insTip, err := tx.PrepareContext(ctx, `INSERT INTO tips (id, update_id, reporter_id, reporter_first, chat_id,
			text, links, origin_kind, origin_chat_title, origin_chat_username, origin_sender_name,
			sent_at, created_at, category, region) VALUES (?, ?, ?, 'Made', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		insPhoto, err := tx.PrepareContext(ctx, `INSERT INTO attachments (tip_id, position, kind, message_id, file_id,
			file_unique_id, ocr_text, analysed_at) VALUES (?, 0, 'photo', ?, 'AgAC', ?, ?, ?)`)
		if err != nil {
			return err
		}
		insRelay, err := tx.PrepareContext(ctx, `INSERT INTO outbox (tip_id, purpose, target_chat_id, kind, text,
			status, sent_message_ids, created_at, sent_at) VALUES (?, 'relay', ?, 'send_text', '', 'sent', ?, ?, ?)`)
		if err != nil {
			return err
		}
		categories := []string{"hoaks", "provokasi", "sara", "kampanye_hitam", "politik_uang", ""}
		for n := 1; n <= searchBenchTips; n++ {
			at := epoch + int64(n)*30_000
			text, links := c.tip(n)
			var linksJSON, kind, title, username, sender any
			if links != nil {
				j, _ := json.Marshal(links)
				linksJSON = string(j)
			}
			if c.r.IntN(3) == 0 {
				kind, title, sender = "channel", c.pick(corpusTitles), c.pick(corpusNames)+" "+c.pick(corpusFamily)
				username = strings.ToLower(strings.ReplaceAll(title.(string), " ", ""))
			}
			region := ""
			if n%9 == 0 {
				region = "badung"
			}
			if _, err := insTip.ExecContext(ctx, n, n, 100+n%50, 100+n%50, text, linksJSON, kind, title, username, sender,
				at, at, categories[n%len(categories)], region); err != nil {
				return err
			}
			if n%5 == 0 {
				if _, err := insPhoto.ExecContext(ctx, n, n, fmt.Sprint("AQAD", n), c.screenshot(), at); err != nil {
					return err
				}
			}
			chats := []int64{searchBenchPolda}
			if region != "" {
				chats = append(chats, searchBenchRegion)
			}
			for i, chat := range chats {
				if _, err := insRelay.ExecContext(ctx, n, chat, fmt.Sprintf("[%d]", 3*n+i), at, at+1000); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for {
		n, err := db.IndexSearch(ctx, 100_000)
		if err != nil || n == 0 {
			return err
		}
	}
}

// BenchmarkSearch1M measures one /cari page, as the bot runs it: the
// ten newest matches of a query and the count of all of them (up to
// tip.MaxSearchCount), over 1,000,000 tips, after the check that the
// index is up to date. The main figure is "tps ditutup", two words, one
// of them a part of longer words (ditutup, menutup...). The first run
// builds the database (a few minutes).
func BenchmarkSearch1M(b *testing.B) {
	db := mustSearchBenchDB(b)
	s := NewSearchStore(db)
	ctx := context.Background()
	tests := []struct {
		name   string
		typed  string
		chat   int64
		offset int
	}{
		{"tps_ditutup", "tps ditutup", 0, 0},
		{"surat_suara", "surat suara", 0, 0},
		{"phrase_surat_suara", `"surat suara" dicoblos`, 0, 0},
		{"tps_17", "tps 17", 0, 0},
		{"pilkada_17", "pilkada 17", 0, 0},
		{"tutup_gianyar", "tutup gianyar", 0, 0},
		{"common_politik_uang", "politik uang", 0, 0},
		{"link_part", "facebook.com/groups", 0, 0},
		{"page_5_surat_suara", "surat suara", 0, 40},
		{"region_chat_tps_ditutup", "tps ditutup", searchBenchRegion, 0},
		{"rare_no_match", "gempa bumi", 0, 0},
	}
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			q := tip.SearchQuery{Terms: tip.ParseSearch(tt.typed), RelayedTo: tt.chat, Offset: tt.offset, Limit: 10}
			var res tip.SearchResult
			for b.Loop() {
				var err error
				if res, err = s.Search(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
			b.ReportMetric(float64(res.Total), "matches")
			if res.Capped {
				b.ReportMetric(1, "capped")
			}
		})
	}
}
