package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"sportello/bot"
)

// SQLiteOutbox is the outbox (bot.Outbox) kept in a SQLite store's file. It is a view
// of the store: it has no state of its own and is closed with the store.
type SQLiteOutbox struct{ s *SQLite }

// Outbox returns the store's outbox.
func (s *SQLite) Outbox() *SQLiteOutbox { return &SQLiteOutbox{s: s} }

// Enqueue stores items in order, in one transaction. An item whose ID the outbox holds,
// or sent or failed in the last bot.DedupeWindow, is ignored. A zero CreatedAt becomes
// the store's time.
func (q *SQLiteOutbox) Enqueue(ctx context.Context, items ...bot.OutboxItem) error {
	if err := checkOutboxItems(items); err != nil {
		return err
	}
	if len(items) == 0 {
		return nil
	}
	at := q.s.now()
	cutoff := toMillis(at.Add(-bot.DedupeWindow))
	return q.s.write(ctx, "enqueue outbox items", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM outbox_done WHERE id IN
			(SELECT id FROM outbox_done WHERE done_at < ? ORDER BY done_at LIMIT ?)`,
			cutoff, maxBatch); err != nil {
			return err
		}
		for i, it := range items {
			reply, err := encodeReply(it.Reply)
			if err != nil {
				return fmt.Errorf("item %d: %w", i, err)
			}
			created := it.CreatedAt
			if created.IsZero() {
				created = at
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (id, channel, person_key,
				address, reply, urgent, not_before, attempts, created_at)
				SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?
				WHERE NOT EXISTS (SELECT 1 FROM outbox_done WHERE id = ? AND done_at >= ?)
				ON CONFLICT (id) DO NOTHING`,
				it.ID, it.Channel, it.PersonKey, it.Address, reply, it.Reply.Urgent,
				toMillis(it.NotBefore), it.Attempts, toMillis(created), it.ID, cutoff); err != nil {
				return fmt.Errorf("item %d: %w", i, err)
			}
		}
		return nil
	})
}

// Next hands worker up to n due items of channel, leased for ttl: the first item of
// each person's line that is not under a live lease and whose NotBefore has passed,
// urgent replies first, then in the order they were enqueued.
func (q *SQLiteOutbox) Next(ctx context.Context, channel, worker string, n int, ttl time.Duration) ([]bot.OutboxItem, error) {
	n, err := checkNext("next outbox items", worker, n, ttl)
	if err != nil || n <= 0 {
		return nil, err
	}
	at := toMillis(q.s.now())
	until := at + ttl.Milliseconds()
	var items []bot.OutboxItem
	err = q.s.write(ctx, "next outbox items", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT seq, id, channel, person_key, address, reply,
			not_before, attempts, created_at, lease_until FROM outbox
			WHERE seq IN (SELECT MIN(seq) FROM outbox WHERE channel = ? GROUP BY person_key)
			AND lease_until <= ? AND not_before <= ?
			ORDER BY urgent DESC, seq LIMIT ?`, channel, at, at, n)
		if err != nil {
			return err
		}
		defer rows.Close()
		var seqs []int64
		for rows.Next() {
			var (
				it                         bot.OutboxItem
				seq, nb, created, leaseEnd int64
				reply                      string
			)
			if err := rows.Scan(&seq, &it.ID, &it.Channel, &it.PersonKey, &it.Address, &reply,
				&nb, &it.Attempts, &created, &leaseEnd); err != nil {
				return err
			}
			if it.Reply, err = decodeReply(reply); err != nil {
				return err
			}
			if leaseEnd > 0 { // the last lease ran out without an answer
				it.Attempts++
			}
			it.NotBefore, it.CreatedAt = fromMillis(nb), fromMillis(created)
			items = append(items, it)
			seqs = append(seqs, seq)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		for _, seq := range seqs {
			if _, err := tx.ExecContext(ctx, `UPDATE outbox SET
				attempts = attempts + (lease_until > 0), lease_by = ?, lease_until = ?
				WHERE seq = ?`, worker, until, seq); err != nil {
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

// Sent removes a delivered item and remembers its ID for bot.DedupeWindow. An unknown
// id is not an error, so Sent may be repeated.
func (q *SQLiteOutbox) Sent(ctx context.Context, id string) error {
	at := toMillis(q.s.now())
	return q.s.write(ctx, "outbox item sent", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM outbox WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO outbox_done (id, done_at, outcome)
			VALUES (?, ?, 'sent')`, id, at)
		return err
	})
}

// Retry releases the item's lease and puts it back, still first in its person's line,
// to be sent not before at, counting the attempt. It returns bot.ErrNotFound when the
// outbox does not hold the item.
func (q *SQLiteOutbox) Retry(ctx context.Context, id string, at time.Time) error {
	return q.s.write(ctx, "retry outbox item", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE outbox SET attempts = attempts + 1,
			not_before = ?, lease_by = '', lease_until = 0 WHERE id = ?`, toMillis(at), id)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err == nil && n == 0 {
			err = bot.ErrNotFound
		}
		return err
	})
}

// Fail removes an item that can never be delivered together with every other waiting
// item of the same person on its channel, remembers all their IDs for
// bot.DedupeWindow, and returns how many other items it removed. An unknown id removes
// nothing and is not an error.
func (q *SQLiteOutbox) Fail(ctx context.Context, id string) (int, error) {
	at := toMillis(q.s.now())
	var others int
	err := q.s.write(ctx, "fail outbox item", func(tx *sql.Tx) error {
		var channel, person string
		err := tx.QueryRowContext(ctx, `SELECT channel, person_key FROM outbox WHERE id = ?`, id).
			Scan(&channel, &person)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO outbox_done (id, done_at, outcome)
			SELECT id, ?, 'failed' FROM outbox WHERE channel = ? AND person_key = ?`,
			at, channel, person); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM outbox WHERE channel = ? AND person_key = ?`, channel, person)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		others = int(n) - 1
		return err
	})
	if err != nil {
		return 0, err
	}
	return others, nil
}

// Status tells what became of an item: bot.DeliveryQueued while the outbox holds it,
// bot.DeliverySent or bot.DeliveryFailed for bot.DedupeWindow after Sent or Fail, and
// bot.ErrNotFound for an id never enqueued or forgotten.
func (q *SQLiteOutbox) Status(ctx context.Context, id string) (bot.Delivery, error) {
	cutoff := toMillis(q.s.now().Add(-bot.DedupeWindow))
	var outcome sql.NullString
	err := q.s.db.QueryRowContext(ctx, `SELECT COALESCE(
		(SELECT 'queued' FROM outbox WHERE id = ?),
		(SELECT outcome FROM outbox_done WHERE id = ? AND done_at >= ?))`, id, id, cutoff).Scan(&outcome)
	if err != nil {
		return "", fmt.Errorf("outbox item status: %w", err)
	}
	if !outcome.Valid {
		return "", fmt.Errorf("outbox item status %s: %w", id, bot.ErrNotFound)
	}
	return bot.Delivery(outcome.String), nil
}
