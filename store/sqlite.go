package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"sportello/bot"
	"sportello/console"
)

var (
	_ bot.Conversations = (*SQLite)(nil)
	_ bot.Escalations   = (*SQLite)(nil)
	_ bot.Leases        = (*SQLiteLeases)(nil)
	_ bot.Inbox         = (*SQLiteInbox)(nil)
	_ bot.Outbox        = (*SQLiteOutbox)(nil)
	_ console.Accounts  = (*SQLiteAccounts)(nil)
)

// SQLite is the embedded store for a single machine: conversations and the moderator
// queue in one SQLite file (WAL mode). It is safe for concurrent use by goroutines;
// several processes may open the same file, as SQLite locks it.
//
// Times are stored as Unix milliseconds (UTC). Write transactions start with BEGIN
// IMMEDIATE, so a read-then-write such as Claim never races another writer.
type SQLite struct {
	db *sql.DB

	// Clock tells the time for leases, expiry and timestamps (default bot.SystemClock).
	// Set it before the store is used.
	Clock bot.Clock
	// ConversationTTL is how long a conversation is kept after its last save
	// (default DefaultConversationTTL).
	ConversationTTL time.Duration
}

// OpenSQLite opens (creating if needed) the database file at path and brings its schema
// up to date. Expired conversations are purged on open.
func OpenSQLite(ctx context.Context, path string) (*SQLite, error) {
	if path == "" || strings.ContainsAny(path, "?#") || strings.HasPrefix(path, ":memory:") {
		return nil, fmt.Errorf("open sqlite %q: need a plain file path: %w", path, errInvalid)
	}
	dsn := "file:" + path + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)" +
		"&_pragma=busy_timeout(5000)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	s := &SQLite{db: db, Clock: bot.SystemClock{}, ConversationTTL: DefaultConversationTTL}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	if _, err := s.PurgeExpired(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return s, nil
}

// Close closes the database.
func (s *SQLite) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close sqlite: %w", err)
	}
	return nil
}

// migrations are applied in order; schema_version holds how many have been applied.
// Append new steps, never edit old ones.
var migrations = []string{
	`CREATE TABLE conversations (
		key            TEXT PRIMARY KEY,
		channel        TEXT NOT NULL,
		address        BLOB,
		lang           TEXT NOT NULL DEFAULT '',
		lang_confirmed INTEGER NOT NULL DEFAULT 0,
		state          TEXT NOT NULL DEFAULT '',
		options        TEXT NOT NULL DEFAULT '[]',
		pending        TEXT NOT NULL DEFAULT '',
		escalation_id  TEXT NOT NULL DEFAULT '',
		history        TEXT NOT NULL DEFAULT '[]',
		updated_at     INTEGER NOT NULL
	);
	CREATE INDEX conversations_updated ON conversations (updated_at);
	CREATE TABLE escalations (
		id          TEXT PRIMARY KEY,
		person_key  TEXT NOT NULL,
		channel     TEXT NOT NULL,
		address     BLOB,
		lang        TEXT NOT NULL DEFAULT '',
		urgent      INTEGER NOT NULL DEFAULT 0,
		reason      TEXT NOT NULL DEFAULT '',
		status      TEXT NOT NULL CHECK (status IN ('open', 'answered', 'resolved')),
		question    TEXT NOT NULL DEFAULT '',
		lease_by    TEXT NOT NULL DEFAULT '',
		lease_token INTEGER NOT NULL DEFAULT 0,
		lease_until INTEGER NOT NULL DEFAULT 0,
		created_at  INTEGER NOT NULL,
		updated_at  INTEGER NOT NULL
	);
	CREATE INDEX escalations_queue ON escalations (status, urgent DESC, created_at, id);
	CREATE TABLE transcript (
		id            INTEGER PRIMARY KEY AUTOINCREMENT,
		escalation_id TEXT NOT NULL REFERENCES escalations (id) ON DELETE CASCADE,
		role          TEXT NOT NULL,
		text          TEXT NOT NULL,
		author        TEXT NOT NULL DEFAULT '',
		at            INTEGER NOT NULL
	);
	CREATE INDEX transcript_escalation ON transcript (escalation_id, id);`,
	// The last message handled and its replies (JSON), to answer a redelivery the same way.
	`ALTER TABLE conversations ADD COLUMN last_message_id TEXT NOT NULL DEFAULT '';
	ALTER TABLE conversations ADD COLUMN last_replies TEXT NOT NULL DEFAULT '[]';`,
	// The inbox and outbox queues, and the ids each remembers for deduplication.
	`CREATE TABLE inbox (
		seq         INTEGER PRIMARY KEY AUTOINCREMENT,
		id          TEXT NOT NULL UNIQUE,
		channel     TEXT NOT NULL,
		person_key  TEXT NOT NULL,
		address     BLOB,
		message_id  TEXT NOT NULL DEFAULT '',
		text        TEXT NOT NULL DEFAULT '',
		option      TEXT NOT NULL DEFAULT '',
		lang_hint   TEXT NOT NULL DEFAULT '',
		at          INTEGER NOT NULL,
		attempts    INTEGER NOT NULL DEFAULT 0,
		lease_by    TEXT NOT NULL DEFAULT '',
		lease_until INTEGER NOT NULL DEFAULT 0
	);
	CREATE INDEX inbox_person ON inbox (person_key, seq);
	CREATE TABLE inbox_seen (id TEXT PRIMARY KEY, seen_at INTEGER NOT NULL);
	CREATE INDEX inbox_seen_at ON inbox_seen (seen_at);
	CREATE TABLE outbox (
		seq         INTEGER PRIMARY KEY AUTOINCREMENT,
		id          TEXT NOT NULL UNIQUE,
		channel     TEXT NOT NULL,
		person_key  TEXT NOT NULL,
		address     BLOB,
		reply       TEXT NOT NULL,
		urgent      INTEGER NOT NULL DEFAULT 0,
		not_before  INTEGER NOT NULL DEFAULT 0,
		attempts    INTEGER NOT NULL DEFAULT 0,
		created_at  INTEGER NOT NULL,
		lease_by    TEXT NOT NULL DEFAULT '',
		lease_until INTEGER NOT NULL DEFAULT 0
	);
	CREATE INDEX outbox_person ON outbox (channel, person_key, seq);
	CREATE TABLE outbox_done (id TEXT PRIMARY KEY, done_at INTEGER NOT NULL);
	CREATE INDEX outbox_done_at ON outbox_done (done_at);`,
	// What an inbound message carries, whether the person blocked the bot, what became
	// of each outbox item done ("sent" or "failed"), and the named leases (bot.Leases).
	`ALTER TABLE inbox ADD COLUMN content TEXT NOT NULL DEFAULT '';
	ALTER TABLE conversations ADD COLUMN blocked INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE outbox_done ADD COLUMN outcome TEXT NOT NULL DEFAULT 'sent';
	CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, until INTEGER NOT NULL);`,
	// The console's accounts, their sessions and the audit log (console.Accounts), and
	// the outbox id of a moderator's answer in the transcript.
	`ALTER TABLE transcript ADD COLUMN ref TEXT NOT NULL DEFAULT '';
	CREATE TABLE users (
		name          TEXT PRIMARY KEY,
		role          TEXT NOT NULL,
		password_hash BLOB NOT NULL,
		created_at    INTEGER NOT NULL
	);
	CREATE TABLE sessions (
		id         TEXT PRIMARY KEY,
		user_name  TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
		csrf       TEXT NOT NULL DEFAULT '',
		lang       TEXT NOT NULL DEFAULT '',
		created_at INTEGER NOT NULL,
		expires    INTEGER NOT NULL
	);
	CREATE INDEX sessions_user ON sessions (user_name);
	CREATE INDEX sessions_expires ON sessions (expires);
	CREATE TABLE audit (
		id     INTEGER PRIMARY KEY AUTOINCREMENT,
		at     INTEGER NOT NULL,
		actor  TEXT NOT NULL DEFAULT '',
		action TEXT NOT NULL,
		target TEXT NOT NULL DEFAULT '',
		detail TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX audit_at ON audit (at, id);`,
}

func (s *SQLite) migrate(ctx context.Context) error {
	return s.write(ctx, "migrate schema", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
			return err
		}
		var v int
		if err := tx.QueryRowContext(ctx,
			`SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v); err != nil {
			return err
		}
		if v > len(migrations) {
			return fmt.Errorf("schema version %d is newer than this program (%d)", v, len(migrations))
		}
		for i := v; i < len(migrations); i++ {
			if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
				return fmt.Errorf("step %d: %w", i+1, err)
			}
		}
		if v < len(migrations) {
			if _, err := tx.ExecContext(ctx, `DELETE FROM schema_version`); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (?)`, len(migrations))
			return err
		}
		return nil
	})
}

// write runs fn in a write transaction (BEGIN IMMEDIATE) and commits it. Errors are
// wrapped with op.
func (s *SQLite) write(ctx context.Context, op string, fn func(*sql.Tx) error) error {
	return s.inTx(ctx, op, nil, fn)
}

// read runs fn in a read-only (deferred) transaction, for a consistent snapshot.
func (s *SQLite) read(ctx context.Context, op string, fn func(*sql.Tx) error) error {
	return s.inTx(ctx, op, &sql.TxOptions{ReadOnly: true}, fn)
}

func (s *SQLite) inTx(ctx context.Context, op string, opts *sql.TxOptions, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("%s: begin: %w", op, err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return fmt.Errorf("%s: %w", op, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: commit: %w", op, err)
	}
	return nil
}

func (s *SQLite) now() time.Time { return now(s.Clock) }

func (s *SQLite) ttl() time.Duration {
	if s.ConversationTTL <= 0 {
		return DefaultConversationTTL
	}
	return s.ConversationTTL
}

// GetConversation returns the conversation with key, or bot.ErrNotFound when there is
// none or it expired.
func (s *SQLite) GetConversation(ctx context.Context, key string) (*bot.Conversation, error) {
	var (
		r                conversationRecord
		options, history string
		lastReplies      string
		langConfirmed    int
		blocked          int
	)
	err := s.db.QueryRowContext(ctx, `SELECT key, channel, address, lang, lang_confirmed, state,
		options, pending, escalation_id, history, last_message_id, last_replies, blocked,
		updated_at FROM conversations WHERE key = ?`, key).
		Scan(&r.Key, &r.Channel, &r.Address, &r.Lang, &langConfirmed, &r.State,
			&options, &r.Pending, &r.EscalationID, &history, &r.LastMessageID, &lastReplies,
			&blocked, &r.UpdatedAt)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("get conversation: %w", bot.ErrNotFound)
	case err != nil:
		return nil, fmt.Errorf("get conversation: %w", err)
	case r.UpdatedAt < toMillis(s.now().Add(-s.ttl())):
		return nil, fmt.Errorf("get conversation: expired: %w", bot.ErrNotFound)
	}
	r.LangConfirmed, r.Blocked = langConfirmed != 0, blocked != 0
	if err := json.Unmarshal([]byte(options), &r.Options); err != nil {
		return nil, fmt.Errorf("get conversation: decode options: %w", err)
	}
	if err := json.Unmarshal([]byte(history), &r.History); err != nil {
		return nil, fmt.Errorf("get conversation: decode history: %w", err)
	}
	if err := json.Unmarshal([]byte(lastReplies), &r.LastReplies); err != nil {
		return nil, fmt.Errorf("get conversation: decode last replies: %w", err)
	}
	return r.conversation(), nil
}

// SaveConversation creates or replaces c, keeping the last bot.MaxHistory turns, and
// sets c.UpdatedAt to the time of the save.
func (s *SQLite) SaveConversation(ctx context.Context, c *bot.Conversation) error {
	if err := checkConversation(c); err != nil {
		return err
	}
	at := s.now()
	r := toConversationRecord(c, at)
	options, err := json.Marshal(r.Options)
	if err != nil {
		return fmt.Errorf("save conversation: encode options: %w", err)
	}
	history, err := json.Marshal(r.History)
	if err != nil {
		return fmt.Errorf("save conversation: encode history: %w", err)
	}
	lastReplies, err := json.Marshal(r.LastReplies)
	if err != nil {
		return fmt.Errorf("save conversation: encode last replies: %w", err)
	}
	_, err = s.db.ExecContext(ctx, `INSERT OR REPLACE INTO conversations (key, channel, address,
		lang, lang_confirmed, state, options, pending, escalation_id, history, last_message_id,
		last_replies, blocked, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Key, r.Channel, r.Address, r.Lang, r.LangConfirmed, r.State, string(options),
		r.Pending, r.EscalationID, string(history), r.LastMessageID, string(lastReplies),
		r.Blocked, r.UpdatedAt)
	if err != nil {
		return fmt.Errorf("save conversation: %w", err)
	}
	c.UpdatedAt = at
	return nil
}

// PurgeExpired deletes the conversations not saved for ConversationTTL and returns how
// many it deleted. OpenSQLite calls it; a long-running process should call it daily, as
// it should PurgeResolved for the escalations.
func (s *SQLite) PurgeExpired(ctx context.Context) (int, error) {
	cutoff := toMillis(s.now().Add(-s.ttl()))
	res, err := s.db.ExecContext(ctx, `DELETE FROM conversations WHERE updated_at < ?`, cutoff)
	if err != nil {
		return 0, fmt.Errorf("purge expired conversations: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("purge expired conversations: %w", err)
	}
	return int(n), nil
}
