package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"sportello/bot"
)

const escalationColumns = `id, person_key, channel, address, lang, urgent, reason, status,
	question, lease_by, lease_token, lease_until, created_at, updated_at`

type rowScanner interface{ Scan(dest ...any) error }

func scanEscalation(sc rowScanner) (*bot.Escalation, error) {
	var (
		e                       bot.Escalation
		urgent                  int
		until, created, updated int64
	)
	err := sc.Scan(&e.ID, &e.PersonKey, &e.Channel, &e.Address, &e.Lang, &urgent, &e.Reason,
		&e.Status, &e.Question, &e.Lease.By, &e.Lease.Token, &until, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, bot.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	e.Urgent = urgent != 0
	e.Lease.Until = fromMillis(until)
	e.CreatedAt, e.UpdatedAt = fromMillis(created), fromMillis(updated)
	return &e, nil
}

func insertTurn(ctx context.Context, tx *sql.Tx, id string, t bot.Turn, at time.Time) error {
	if t.At.IsZero() {
		t.At = at
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO transcript (escalation_id, role, text, author, at, ref)
		VALUES (?, ?, ?, ?, ?, ?)`, id, t.Role, t.Text, t.By, toMillis(t.At), t.Ref)
	return err
}

// loadTranscripts fills in the transcripts of es.
func loadTranscripts(ctx context.Context, tx *sql.Tx, es []*bot.Escalation) error {
	const chunk = 500 // well under SQLite's limit on bound parameters
	byID := make(map[string]*bot.Escalation, len(es))
	for _, e := range es {
		byID[e.ID] = e
	}
	for start := 0; start < len(es); start += chunk {
		part := es[start:min(start+chunk, len(es))]
		args := make([]any, len(part))
		for i, e := range part {
			args[i] = e.ID
		}
		rows, err := tx.QueryContext(ctx, `SELECT escalation_id, role, text, author, at, ref
			FROM transcript WHERE escalation_id IN (?`+strings.Repeat(", ?", len(part)-1)+`)
			ORDER BY id`, args...)
		if err != nil {
			return fmt.Errorf("read transcripts: %w", err)
		}
		for rows.Next() {
			var (
				id string
				t  bot.Turn
				at int64
			)
			if err := rows.Scan(&id, &t.Role, &t.Text, &t.By, &at, &t.Ref); err != nil {
				rows.Close()
				return fmt.Errorf("read transcripts: %w", err)
			}
			t.At = fromMillis(at)
			byID[id].Transcript = append(byID[id].Transcript, t)
		}
		if err := rows.Close(); err != nil {
			return fmt.Errorf("read transcripts: %w", err)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read transcripts: %w", err)
		}
	}
	return nil
}

// CreateEscalation stores e with a new ID and status open, and sets e's ID, Status,
// CreatedAt and UpdatedAt.
func (s *SQLite) CreateEscalation(ctx context.Context, e *bot.Escalation) error {
	if err := checkEscalation(e); err != nil {
		return err
	}
	id := e.ID
	if id == "" {
		var err error
		if id, err = newID(); err != nil {
			return fmt.Errorf("create escalation: %w", err)
		}
	}
	at := s.now()
	exists := false
	err := s.write(ctx, "create escalation", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO escalations (id, person_key, channel, address,
			lang, urgent, reason, status, question, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, e.PersonKey, e.Channel, e.Address, e.Lang, e.Urgent, e.Reason, bot.StatusOpen,
			e.Question, toMillis(at), toMillis(at))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			exists = err == nil
			return err
		}
		for _, t := range e.Transcript {
			if err := insertTurn(ctx, tx, id, t, at); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if exists {
		return storedEscalation(ctx, s, e)
	}
	e.ID, e.Status, e.Lease, e.CreatedAt, e.UpdatedAt = id, bot.StatusOpen, bot.Lease{}, at, at
	return nil
}

// GetEscalation returns the escalation with its transcript, or bot.ErrNotFound.
func (s *SQLite) GetEscalation(ctx context.Context, id string) (*bot.Escalation, error) {
	var e *bot.Escalation
	err := s.read(ctx, "get escalation "+id, func(tx *sql.Tx) error {
		var err error
		row := tx.QueryRowContext(ctx, `SELECT `+escalationColumns+` FROM escalations WHERE id = ?`, id)
		if e, err = scanEscalation(row); err != nil {
			return err
		}
		return loadTranscripts(ctx, tx, []*bot.Escalation{e})
	})
	return e, err
}

// ListEscalations returns the escalations f selects, with their transcripts, urgent
// first, then oldest first.
func (s *SQLite) ListEscalations(ctx context.Context, f bot.EscalationFilter) ([]*bot.Escalation, error) {
	statuses := wantStatuses(f)
	var args []any
	for _, st := range statuses {
		args = append(args, st)
	}
	q := `SELECT ` + escalationColumns + ` FROM escalations WHERE status IN (?` +
		strings.Repeat(", ?", len(statuses)-1) + `)`
	if f.Lang != "" {
		q += ` AND lang = ?`
		args = append(args, f.Lang)
	}
	if f.Urgent {
		q += ` AND urgent = 1`
	}
	q += ` ORDER BY urgent DESC, created_at, id`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	var es []*bot.Escalation
	err := s.read(ctx, "list escalations", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			e, err := scanEscalation(rows)
			if err != nil {
				return err
			}
			es = append(es, e)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return loadTranscripts(ctx, tx, es)
	})
	return es, err
}

// escalationState is what the checks of a state change need.
type escalationState struct {
	status bot.Status
	lease  bot.Lease
}

// change runs fn on the current state of escalation id in a write transaction. fn
// gets the time of the change; ErrNotFound and ErrResolved are checked before it runs.
func (s *SQLite) change(ctx context.Context, op, id string, fn func(tx *sql.Tx, st escalationState, at time.Time) error) error {
	return s.write(ctx, op+" escalation "+id, func(tx *sql.Tx) error {
		var (
			st    escalationState
			until int64
		)
		err := tx.QueryRowContext(ctx, `SELECT status, lease_by, lease_token, lease_until
			FROM escalations WHERE id = ?`, id).Scan(&st.status, &st.lease.By, &st.lease.Token, &until)
		if errors.Is(err, sql.ErrNoRows) {
			return bot.ErrNotFound
		}
		if err != nil {
			return err
		}
		if st.status == bot.StatusResolved {
			return bot.ErrResolved
		}
		st.lease.Until = fromMillis(until)
		return fn(tx, st, s.now())
	})
}

// holds reports whether l is the escalation's current, live lease.
func (st escalationState) holds(l bot.Lease, at time.Time) bool {
	return l.By != "" && st.lease.By == l.By && st.lease.Token == l.Token && st.lease.Live(at)
}

// AppendTurn adds t to the transcript (t.At defaults to now). A person's turn on an
// answered escalation puts it back to open.
func (s *SQLite) AppendTurn(ctx context.Context, id string, t bot.Turn) error {
	return s.change(ctx, "append turn to", id, func(tx *sql.Tx, st escalationState, at time.Time) error {
		if err := insertTurn(ctx, tx, id, t, at); err != nil {
			return err
		}
		status := st.status
		if t.Role == bot.RolePerson && status == bot.StatusAnswered {
			status = bot.StatusOpen
		}
		_, err := tx.ExecContext(ctx, `UPDATE escalations SET status = ?, updated_at = ? WHERE id = ?`,
			status, toMillis(at), id)
		return err
	})
}

// MarkUrgent flags the escalation urgent; a non-empty reason replaces the old one.
func (s *SQLite) MarkUrgent(ctx context.Context, id, reason string) error {
	return s.change(ctx, "mark urgent", id, func(tx *sql.Tx, _ escalationState, at time.Time) error {
		_, err := tx.ExecContext(ctx, `UPDATE escalations SET urgent = 1,
			reason = CASE WHEN ? = '' THEN reason ELSE ? END, updated_at = ? WHERE id = ?`,
			reason, reason, toMillis(at), id)
		return err
	})
}

// Claim gives moderator a lease of ttl: a new token when the escalation is free, the
// same token with a new expiry when moderator already holds it.
func (s *SQLite) Claim(ctx context.Context, id, moderator string, ttl time.Duration) (bot.Lease, error) {
	if err := checkTTL("claim", id, ttl); err != nil {
		return bot.Lease{}, err
	}
	if moderator == "" {
		return bot.Lease{}, fmt.Errorf("claim escalation %s: empty moderator: %w", id, errInvalid)
	}
	var l bot.Lease
	err := s.change(ctx, "claim", id, func(tx *sql.Tx, st escalationState, at time.Time) error {
		l = bot.Lease{By: moderator, Token: st.lease.Token + 1, Until: fromMillis(toMillis(at.Add(ttl)))}
		if st.lease.Live(at) {
			if st.lease.By != moderator {
				return bot.ErrAlreadyClaimed
			}
			l.Token = st.lease.Token
		}
		_, err := tx.ExecContext(ctx, `UPDATE escalations SET lease_by = ?, lease_token = ?,
			lease_until = ?, updated_at = ? WHERE id = ?`,
			l.By, l.Token, toMillis(l.Until), toMillis(at), id)
		return err
	})
	if err != nil {
		return bot.Lease{}, err
	}
	return l, nil
}

// Renew extends l, which must be the live lease, to ttl from now.
func (s *SQLite) Renew(ctx context.Context, id string, l bot.Lease, ttl time.Duration) (bot.Lease, error) {
	if err := checkTTL("renew lease on", id, ttl); err != nil {
		return bot.Lease{}, err
	}
	err := s.change(ctx, "renew lease on", id, func(tx *sql.Tx, st escalationState, at time.Time) error {
		if !st.holds(l, at) {
			return bot.ErrLeaseLost
		}
		l.Until = fromMillis(toMillis(at.Add(ttl)))
		_, err := tx.ExecContext(ctx, `UPDATE escalations SET lease_until = ? WHERE id = ?`,
			toMillis(l.Until), id)
		return err
	})
	if err != nil {
		return bot.Lease{}, err
	}
	return l, nil
}

// Release ends l, so another moderator may claim the escalation.
func (s *SQLite) Release(ctx context.Context, id string, l bot.Lease) error {
	return s.change(ctx, "release", id, func(tx *sql.Tx, st escalationState, at time.Time) error {
		if !st.holds(l, at) {
			return bot.ErrLeaseLost
		}
		_, err := tx.ExecContext(ctx, `UPDATE escalations SET lease_by = '', lease_until = 0,
			updated_at = ? WHERE id = ?`, toMillis(at), id)
		return err
	})
}

// Answer appends the moderator's reply under l and sets status answered.
func (s *SQLite) Answer(ctx context.Context, id string, l bot.Lease, text, ref string) error {
	return s.change(ctx, "answer", id, func(tx *sql.Tx, st escalationState, at time.Time) error {
		if !st.holds(l, at) {
			return bot.ErrLeaseLost
		}
		t := bot.Turn{Role: bot.RoleModerator, Text: text, By: l.By, At: at, Ref: ref}
		if err := insertTurn(ctx, tx, id, t, at); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE escalations SET status = ?, updated_at = ? WHERE id = ?`,
			bot.StatusAnswered, toMillis(at), id)
		return err
	})
}

// Resolve closes the escalation under l. The lease ends now but keeps who resolved it.
func (s *SQLite) Resolve(ctx context.Context, id string, l bot.Lease) error {
	return s.change(ctx, "resolve", id, func(tx *sql.Tx, st escalationState, at time.Time) error {
		if !st.holds(l, at) {
			return bot.ErrLeaseLost
		}
		_, err := tx.ExecContext(ctx, `UPDATE escalations SET status = ?, lease_until = ?,
			updated_at = ? WHERE id = ?`, bot.StatusResolved, toMillis(at), toMillis(at), id)
		return err
	})
}

// PurgeResolved deletes the escalations resolved before the time before, with their
// transcripts, in one transaction, and returns how many it deleted. A resolved
// escalation never changes again, so its updated_at is the time it was resolved.
// Transcripts are deleted explicitly rather than left to the foreign key's ON DELETE
// CASCADE, which SQLite applies only on connections that enable foreign keys.
func (s *SQLite) PurgeResolved(ctx context.Context, before time.Time) (int, error) {
	cutoff := toMillis(before)
	var n int64
	err := s.write(ctx, "purge resolved escalations", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM transcript WHERE escalation_id IN
			(SELECT id FROM escalations WHERE status = ? AND updated_at < ?)`,
			bot.StatusResolved, cutoff); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM escalations WHERE status = ? AND updated_at < ?`,
			bot.StatusResolved, cutoff)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, err
	}
	return int(n), nil
}
