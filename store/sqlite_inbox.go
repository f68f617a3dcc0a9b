package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"sportello/bot"
)

// SQLiteInbox is the inbox (bot.Inbox) kept in a SQLite store's file. It is a view of
// the store: it has no state of its own and is closed with the store.
type SQLiteInbox struct{ s *SQLite }

// Inbox returns the store's inbox. Inbox and outbox are separate values because both
// have a Next method, with different arguments.
func (s *SQLite) Inbox() *SQLiteInbox { return &SQLiteInbox{s: s} }

// Put stores the item unless an item with the same ID was stored in the last
// bot.DedupeWindow, and reports whether it was new. The transaction has committed,
// so the item is on disk, when it returns.
func (q *SQLiteInbox) Put(ctx context.Context, it bot.InboxItem) (bool, error) {
	if err := checkInboxItem(it); err != nil {
		return false, err
	}
	at := q.s.now()
	cutoff := toMillis(at.Add(-bot.DedupeWindow))
	var fresh bool
	err := q.s.write(ctx, "put inbox item", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM inbox_seen WHERE id IN
			(SELECT id FROM inbox_seen WHERE seen_at < ? ORDER BY seen_at LIMIT ?)`,
			cutoff, maxBatch); err != nil {
			return err
		}
		var seen int
		if err := tx.QueryRowContext(ctx, `SELECT
			(SELECT COUNT(*) FROM inbox_seen WHERE id = ? AND seen_at >= ?) +
			(SELECT COUNT(*) FROM inbox WHERE id = ?)`, it.ID, cutoff, it.ID).Scan(&seen); err != nil {
			return err
		}
		if seen > 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO inbox (id, content, channel, person_key,
			address, message_id, text, option, lang_hint, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			it.ID, it.Content, it.Channel, it.PersonKey, it.Address, it.MessageID, it.Text,
			it.Option, it.LangHint, toMillis(it.At)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO inbox_seen (id, seen_at)
			VALUES (?, ?)`, it.ID, toMillis(at)); err != nil {
			return err
		}
		fresh = true
		return nil
	})
	return fresh, err
}

// Next hands worker up to n items, oldest first, leased for ttl: the first item of
// each person's line that is not under a live lease.
func (q *SQLiteInbox) Next(ctx context.Context, worker string, n int, ttl time.Duration) ([]bot.InboxItem, error) {
	n, err := checkNext("next inbox items", worker, n, ttl)
	if err != nil || n <= 0 {
		return nil, err
	}
	at := toMillis(q.s.now())
	until := at + ttl.Milliseconds()
	var items []bot.InboxItem
	err = q.s.write(ctx, "next inbox items", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT seq, id, content, channel, person_key, address,
			message_id, text, option, lang_hint, at, attempts FROM inbox
			WHERE seq IN (SELECT MIN(seq) FROM inbox GROUP BY person_key) AND lease_until <= ?
			ORDER BY seq LIMIT ?`, at, n)
		if err != nil {
			return err
		}
		defer rows.Close()
		var seqs []int64
		for rows.Next() {
			var (
				it       bot.InboxItem
				seq, atm int64
			)
			if err := rows.Scan(&seq, &it.ID, &it.Content, &it.Channel, &it.PersonKey, &it.Address,
				&it.MessageID, &it.Text, &it.Option, &it.LangHint, &atm, &it.Attempts); err != nil {
				return err
			}
			it.At = fromMillis(atm)
			it.Attempts++
			items = append(items, it)
			seqs = append(seqs, seq)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		for _, seq := range seqs {
			if _, err := tx.ExecContext(ctx, `UPDATE inbox SET attempts = attempts + 1,
				lease_by = ?, lease_until = ? WHERE seq = ?`, worker, until, seq); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return items, nil
}

// Done removes a handled item; its ID stays remembered for deduplication. An unknown
// id is not an error, so Done may be repeated.
func (q *SQLiteInbox) Done(ctx context.Context, id string) error {
	if _, err := q.s.db.ExecContext(ctx, `DELETE FROM inbox WHERE id = ?`, id); err != nil {
		return fmt.Errorf("inbox item done: %w", err)
	}
	return nil
}
