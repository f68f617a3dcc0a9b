package store

import (
	"context"
	"fmt"
	"time"
)

// SQLiteLeases are the named leases (bot.Leases) kept in a SQLite store's file. It is
// a view of the store: it has no state of its own and is closed with the store.
type SQLiteLeases struct{ s *SQLite }

// Leases returns the store's named leases. They are a separate value because the
// store's escalations have a Release method too, with different arguments.
func (s *SQLite) Leases() *SQLiteLeases { return &SQLiteLeases{s: s} }

// Acquire takes the named lease for holder, or extends it when holder already holds
// it, until ttl from now, and reports whether holder holds it. A lease held by another
// holder is taken only once it has ended. It is one statement, hence one write
// transaction: of holders racing for a free lease, across processes too, one wins.
func (l *SQLiteLeases) Acquire(ctx context.Context, name, holder string, ttl time.Duration) (bool, error) {
	if err := checkAcquire(name, holder, ttl); err != nil {
		return false, err
	}
	at := l.s.now()
	res, err := l.s.db.ExecContext(ctx, `INSERT INTO leases (name, holder, until) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
		WHERE leases.holder = excluded.holder OR leases.until <= ?`,
		name, holder, toMillis(at.Add(ttl)), toMillis(at))
	if err != nil {
		return false, fmt.Errorf("acquire lease %s: %w", name, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("acquire lease %s: %w", name, err)
	}
	return n == 1, nil
}

// Release gives the named lease up if holder holds it, so another holder may take it
// at once. It does nothing when holder does not hold it.
func (l *SQLiteLeases) Release(ctx context.Context, name, holder string) error {
	if err := checkLease("release", name, holder); err != nil {
		return err
	}
	if _, err := l.s.db.ExecContext(ctx, `DELETE FROM leases WHERE name = ? AND holder = ?`,
		name, holder); err != nil {
		return fmt.Errorf("release lease %s: %w", name, err)
	}
	return nil
}
