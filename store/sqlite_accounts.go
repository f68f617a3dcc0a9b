package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"sportello/bot"
	"sportello/console"
)

// SQLiteAccounts are the console's accounts, sessions and audit log (console.Accounts)
// kept in a SQLite store's file. It is a view of the store: it has no state of its own
// and is closed with the store.
type SQLiteAccounts struct{ s *SQLite }

// Accounts returns the store's console accounts.
func (s *SQLite) Accounts() *SQLiteAccounts { return &SQLiteAccounts{s: s} }

// PutUser creates the account, or replaces the one with the same name; the account's
// sessions stay. A zero CreatedAt is stored as the Clock's now.
func (a *SQLiteAccounts) PutUser(ctx context.Context, u console.User) error {
	if err := checkUser(u); err != nil {
		return err
	}
	// An upsert, not INSERT OR REPLACE: a replaced row would take its sessions with it
	// (ON DELETE CASCADE).
	if _, err := a.s.db.ExecContext(ctx, `INSERT INTO users (name, role, password_hash, created_at)
		VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET role = excluded.role,
		password_hash = excluded.password_hash, created_at = excluded.created_at`,
		u.Name, string(u.Role), u.PasswordHash, toMillis(orNow(u.CreatedAt, a.s.now()))); err != nil {
		return fmt.Errorf("put user %s: %w", u.Name, err)
	}
	return nil
}

// GetUser returns the account with name, or bot.ErrNotFound.
func (a *SQLiteAccounts) GetUser(ctx context.Context, name string) (console.User, error) {
	var (
		u       console.User
		created int64
	)
	err := a.s.db.QueryRowContext(ctx, `SELECT name, role, password_hash, created_at FROM users
		WHERE name = ?`, name).Scan(&u.Name, &u.Role, &u.PasswordHash, &created)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return console.User{}, fmt.Errorf("get user %q: %w", name, bot.ErrNotFound)
	case err != nil:
		return console.User{}, fmt.Errorf("get user %q: %w", name, err)
	}
	u.CreatedAt = fromMillis(created)
	return u, nil
}

// ListUsers returns every account, by name.
func (a *SQLiteAccounts) ListUsers(ctx context.Context) ([]console.User, error) {
	var users []console.User
	err := a.s.read(ctx, "list users", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT name, role, password_hash, created_at FROM users
			ORDER BY name`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				u       console.User
				created int64
			)
			if err := rows.Scan(&u.Name, &u.Role, &u.PasswordHash, &created); err != nil {
				return err
			}
			u.CreatedAt = fromMillis(created)
			users = append(users, u)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return users, nil
}

// DeleteUser removes the account and its sessions, in one transaction. An unknown name
// is not an error.
func (a *SQLiteAccounts) DeleteUser(ctx context.Context, name string) error {
	return a.s.write(ctx, "delete user "+name, func(tx *sql.Tx) error {
		// The foreign key would cascade; deleting the sessions first does not depend
		// on it.
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_name = ?`, name); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM users WHERE name = ?`, name)
		return err
	})
}

// CreateSession stores s until s.Expires, replacing a session with the same ID. It
// returns bot.ErrNotFound when s.User is not an account. Up to maxBatch expired
// sessions are deleted with it.
func (a *SQLiteAccounts) CreateSession(ctx context.Context, s console.Session) error {
	at := a.s.now()
	if err := checkSession(s, at); err != nil {
		return err
	}
	return a.s.write(ctx, "create session for "+s.User, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id IN
			(SELECT id FROM sessions WHERE expires <= ? ORDER BY expires LIMIT ?)`,
			toMillis(at), maxBatch); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO sessions (id, user_name, csrf, lang,
			created_at, expires) SELECT ?, name, ?, ?, ?, ? FROM users WHERE name = ?`,
			s.ID, s.CSRF, s.Lang, toMillis(orNow(s.CreatedAt, at)), toMillis(s.Expires), s.User)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("no user %s: %w", s.User, bot.ErrNotFound)
		}
		return nil
	})
}

// GetSession returns the session with id, or bot.ErrNotFound when there is none, it
// has expired or its account is gone.
func (a *SQLiteAccounts) GetSession(ctx context.Context, id string) (console.Session, error) {
	var (
		s                console.Session
		created, expires int64
	)
	err := a.s.db.QueryRowContext(ctx, `SELECT s.id, s.user_name, s.csrf, s.lang, s.created_at,
		s.expires FROM sessions s JOIN users u ON u.name = s.user_name WHERE s.id = ?`, id).
		Scan(&s.ID, &s.User, &s.CSRF, &s.Lang, &created, &expires)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return console.Session{}, fmt.Errorf("get session: %w", bot.ErrNotFound)
	case err != nil:
		return console.Session{}, fmt.Errorf("get session: %w", err)
	case expires <= toMillis(a.s.now()):
		return console.Session{}, fmt.Errorf("get session: expired: %w", bot.ErrNotFound)
	}
	s.CreatedAt, s.Expires = fromMillis(created), fromMillis(expires)
	return s, nil
}

// DeleteSession removes a session. An unknown id is not an error.
func (a *SQLiteAccounts) DeleteSession(ctx context.Context, id string) error {
	if _, err := a.s.db.ExecContext(ctx, `DELETE FROM sessions WHERE id = ?`, id); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// Audit appends e to the audit log, at the Clock's now when e.At is zero, and deletes up
// to maxBatch entries older than console.AuditRetention.
func (a *SQLiteAccounts) Audit(ctx context.Context, e console.AuditEntry) error {
	if err := checkAudit(e); err != nil {
		return err
	}
	at := a.s.now()
	return a.s.write(ctx, "audit "+e.Action, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM audit WHERE id IN
			(SELECT id FROM audit WHERE at < ? ORDER BY at LIMIT ?)`,
			toMillis(at.Add(-console.AuditRetention)), maxBatch); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO audit (at, actor, action, target, detail)
			VALUES (?, ?, ?, ?, ?)`, toMillis(orNow(e.At, at)), e.Actor, e.Action, e.Target, e.Detail)
		return err
	})
}

// AuditLog returns up to limit entries (defaultAuditLimit when limit is 0 or less, at
// most maxAuditLimit), newest first; entries of the same millisecond in the reverse
// order of their appending.
func (a *SQLiteAccounts) AuditLog(ctx context.Context, limit int) ([]console.AuditEntry, error) {
	cutoff := toMillis(a.s.now().Add(-console.AuditRetention))
	var entries []console.AuditEntry
	err := a.s.read(ctx, "audit log", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT at, actor, action, target, detail FROM audit
			WHERE at >= ? ORDER BY at DESC, id DESC LIMIT ?`, cutoff, auditLimit(limit))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				e  console.AuditEntry
				at int64
			)
			if err := rows.Scan(&at, &e.Actor, &e.Action, &e.Target, &e.Detail); err != nil {
				return err
			}
			e.At = fromMillis(at)
			entries = append(entries, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return entries, nil
}
