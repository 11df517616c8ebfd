package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// millis encodes a time as Unix milliseconds, 0 for the zero time.
func millis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// nullMillis encodes a time as Unix milliseconds, NULL for the zero time.
func nullMillis(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMilli(), Valid: true}
}

// fromMillis decodes Unix milliseconds as a UTC time; NULL and 0 decode as
// the zero time.
func fromMillis(n sql.NullInt64) time.Time {
	if !n.Valid || n.Int64 == 0 {
		return time.Time{}
	}
	return time.UnixMilli(n.Int64).UTC()
}

// nullString encodes "" as NULL.
func nullString(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}

// nullInt encodes 0 as NULL.
func nullInt(n int64) sql.NullInt64 {
	return sql.NullInt64{Int64: n, Valid: n != 0}
}

// jsonList encodes a slice as a JSON array, NULL when it is empty.
func jsonList[T any](v []T) (sql.NullString, error) {
	if len(v) == 0 {
		return sql.NullString{}, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return sql.NullString{}, fmt.Errorf("encode json: %w", err)
	}
	return sql.NullString{String: string(b), Valid: true}, nil
}

// fromJSONList decodes a JSON array written by jsonList; NULL and an empty
// array decode as nil.
func fromJSONList[T any](s sql.NullString) ([]T, error) {
	if !s.Valid || s.String == "" {
		return nil, nil
	}
	var v []T
	if err := json.Unmarshal([]byte(s.String), &v); err != nil {
		return nil, fmt.Errorf("decode json: %w", err)
	}
	if len(v) == 0 {
		return nil, nil
	}
	return v, nil
}

// rowsAffected reports whether res changed at least one row.
func rowsAffected(res sql.Result) (bool, error) {
	n, err := res.RowsAffected()
	if err != nil {
		return false, err
	}
	return n > 0, nil
}
