package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// ExportStore reads every tip, one at a time, for `tiprelay export`.
type ExportStore struct {
	db *DB
}

// NewExportStore returns an ExportStore on db.
func NewExportStore(db *DB) *ExportStore { return &ExportStore{db: db} }

// exportQuery returns the query of the tips f selects, by number, and
// its arguments. The tips are one range of the tips table in id order,
// so nothing is sorted and nothing is held: the range's lowest number is
// the lowest of the tips created at or after Since, its highest the
// highest of those created before Until, each found in the created_at
// index (the unary + keeps the planner off that index for the rows,
// whose order is not the number's when the clock stepped back). With
// Terms, the numbers must also be among the search index's matches, as
// /cari finds them.
func exportQuery(f tip.ExportFilter) (string, []any) {
	var (
		where []string
		args  []any
	)
	if !f.Since.IsZero() {
		where = append(where, `id >= (SELECT coalesce(min(id), 9223372036854775807) FROM tips WHERE created_at >= ?)`,
			`+created_at >= ?`)
		args = append(args, f.Since.UnixMilli(), f.Since.UnixMilli())
	}
	if !f.Until.IsZero() {
		where = append(where, `id <= (SELECT coalesce(max(id), 0) FROM tips WHERE created_at < ?)`,
			`+created_at < ?`)
		args = append(args, f.Until.UnixMilli(), f.Until.UnixMilli())
	}
	if len(f.Terms) > 0 {
		where = append(where, `id IN (SELECT rowid FROM tips_fts WHERE tips_fts MATCH ?)`)
		args = append(args, ftsMatch(f.Terms))
	}
	q := `SELECT ` + tipColumns + ` FROM tips`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	return q + ` ORDER BY id`, args
}

// exportFilesQuery reads the attachments of the tips numbered ? and
// above, by tip and position (one range of the index (tip_id,
// position)), each with its download (by primary key) and the text read
// from it.
const exportFilesQuery = `SELECT a.tip_id, a.kind, a.file_unique_id, a.file_size, a.mime_type,
	d.status, d.sha256, d.size, d.mime_type, a.ocr_text
	FROM attachments a LEFT JOIN downloads d ON d.attachment_id = a.id
	WHERE a.tip_id >= ? ORDER BY a.tip_id, a.position`

// EachTip calls fn for every tip f selects, by number, with its triage,
// police status, repeat fields (DuplicateOf, Reports) and files, but
// without message ids and attachments. Terms select the tips that /cari
// would find: the search index is first brought up to date (as a search
// does, in a write transaction of its own), so that no stored tip is
// missed; terms with no word select nothing. The tips and their files
// are read one row at a time by two statements merged by tip number, on
// one connection and in one read transaction (the second starts while
// the first is under way), so they come from one snapshot of the
// database and memory does not grow with the number of tips. It stops at
// fn's first error and returns it.
func (s *ExportStore) EachTip(ctx context.Context, f tip.ExportFilter, fn func(tip.ExportItem) error) error {
	if len(f.Terms) > 0 {
		if ftsMatch(f.Terms) == "" {
			return nil
		}
		// Limit 1: only the indexing of what is missing matters here.
		if _, err := NewSearchStore(s.db).Search(ctx, tip.SearchQuery{Terms: f.Terms, Limit: 1}); err != nil {
			return fmt.Errorf("export tips: %w", err)
		}
	}
	var fnErr error
	err := s.eachTip(ctx, f, func(it tip.ExportItem) error {
		fnErr = fn(it)
		return fnErr
	})
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return fmt.Errorf("export tips: %w", s.db.damage.check(err))
	}
	return nil
}

// eachTip is EachTip without the search index and the error context.
func (s *ExportStore) eachTip(ctx context.Context, f tip.ExportFilter, fn func(tip.ExportItem) error) error {
	conn, err := s.db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	query, args := exportQuery(f)
	rows, err := conn.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var (
		r     tipRow
		files *fileCursor
	)
	defer func() {
		if files != nil {
			files.rows.Close()
		}
	}()
	for rows.Next() {
		t, err := r.scan(rows)
		if err != nil {
			return err
		}
		if files == nil {
			// Opened while rows is under way: the same read transaction.
			fr, err := conn.QueryContext(ctx, exportFilesQuery, t.ID)
			if err != nil {
				return err
			}
			files = &fileCursor{rows: fr}
		}
		item := tip.ExportItem{Tip: t}
		if item.Files, err = files.of(t.ID); err != nil {
			return err
		}
		if err := fn(item); err != nil {
			return err
		}
	}
	return rows.Err()
}

// fileCursor walks the rows of exportFilesQuery alongside the tips.
type fileCursor struct {
	rows *sql.Rows
	// next is the row read but not yet taken, of tip nextTip; done is
	// set when no row is left.
	next    tip.ExportFile
	nextTip int64
	ready   bool
	done    bool
}

// of returns the files of tip tipID, skipping those of lower numbers
// (tips the filter left out). Tips must come in increasing order.
func (c *fileCursor) of(tipID int64) ([]tip.ExportFile, error) {
	var out []tip.ExportFile
	for {
		if !c.ready && !c.done {
			if err := c.read(); err != nil {
				return nil, err
			}
		}
		if c.done || c.nextTip > tipID {
			return out, nil
		}
		if c.nextTip == tipID {
			out = append(out, c.next)
		}
		c.ready = false
	}
}

// read reads the next row into c.next, or sets c.done.
func (c *fileCursor) read() error {
	if !c.rows.Next() {
		c.done = true
		return c.rows.Err()
	}
	var (
		f                          tip.ExportFile
		kind, status, sum, mime, o sql.NullString
		size                       sql.NullInt64
	)
	if err := c.rows.Scan(&c.nextTip, &kind, &f.FileUniqueID, &f.FileSize, &f.MimeType, &status, &sum, &size, &mime, &o); err != nil {
		return fmt.Errorf("read files: %w", err)
	}
	f.Kind, f.Download = tip.AttachmentKind(kind.String), tip.DownloadStatus(status.String)
	f.SHA256, f.Size, f.MIME = sum.String, size.Int64, mime.String
	f.OCRRead, f.OCRText = o.Valid, o.String
	c.next, c.ready = f, true
	return nil
}
