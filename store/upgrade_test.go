package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"sportello/bot"
	"sportello/console"
)

// TestSQLiteUpgradeLastReplies opens a database at schema version 1, from before
// conversations kept their last message and replies, with a conversation in it.
func TestSQLiteUpgradeLastReplies(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sportello.db")
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().UTC().Truncate(time.Millisecond)
	for _, q := range []string{
		`CREATE TABLE schema_version (version INTEGER NOT NULL)`,
		migrations[0],
		`INSERT INTO schema_version (version) VALUES (1)`,
	} {
		if _, err := raw.Exec(q); err != nil {
			raw.Close()
			t.Fatal(err)
		}
	}
	_, err = raw.Exec(`INSERT INTO conversations (key, channel, lang, state, options, history, updated_at)
		VALUES ('k', 'telegram', 'it', 'answered', '[{"id":"person","label":"Una persona"}]',
		'[{"role":"person","text":"ciao","at":1}]', ?)`, toMillis(at))
	if cerr := raw.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}

	db, err := OpenSQLite(t.Context(), path)
	if err != nil {
		t.Fatalf("OpenSQLite on a version 1 database: %v", err)
	}
	defer db.Close()
	var v int
	if err := db.db.QueryRowContext(t.Context(), `SELECT version FROM schema_version`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	if v != len(migrations) {
		t.Fatalf("schema version after upgrade = %d, want %d", v, len(migrations))
	}
	got, err := db.GetConversation(t.Context(), "k")
	if err != nil {
		t.Fatalf("GetConversation saved before the upgrade: %v", err)
	}
	if got.Channel != "telegram" || got.Lang != "it" || len(got.Options) != 1 || len(got.History) != 1 ||
		!got.UpdatedAt.Equal(at) {
		t.Fatalf("conversation saved before the upgrade = %+v", got)
	}
	if got.LastMessageID != "" || len(got.LastReplies) != 0 {
		t.Fatalf("LastMessageID = %q, LastReplies = %+v; want them empty", got.LastMessageID, got.LastReplies)
	}
}

// TestConversationRecordWithoutLastReplies decodes a conversation stored (in Redis)
// before records had the last message and replies.
func TestConversationRecordWithoutLastReplies(t *testing.T) {
	old := `{"key":"k","channel":"whatsapp","lang":"fr","options":[{"id":"person","label":"Une personne"}],` +
		`"history":[{"role":"person","text":"bonjour","at":1}],"updated_at":1700000000000}`
	var r conversationRecord
	if err := json.Unmarshal([]byte(old), &r); err != nil {
		t.Fatalf("decode old record: %v", err)
	}
	c := r.conversation()
	if c.Key != "k" || c.Lang != "fr" || len(c.Options) != 1 || len(c.History) != 1 {
		t.Fatalf("old record = %+v", c)
	}
	if c.LastMessageID != "" || c.LastReplies != nil || c.Blocked {
		t.Fatalf("LastMessageID = %q, LastReplies = %+v, Blocked = %v; want them empty",
			c.LastMessageID, c.LastReplies, c.Blocked)
	}
}

// TestSQLiteUpgradeContentOutcomes opens a database at schema version 3, from before
// inbox items kept their content, conversations whether the person blocked the bot,
// and the outbox what became of the items it was done with, and checks that what was
// stored reads back with the new fields' defaults.
func TestSQLiteUpgradeContentOutcomes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sportello.db")
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().UTC().Truncate(time.Millisecond)
	steps := append([]string{`CREATE TABLE schema_version (version INTEGER NOT NULL)`}, migrations[:3]...)
	for _, q := range append(steps,
		`INSERT INTO schema_version (version) VALUES (3)`,
		`INSERT INTO conversations (key, channel, updated_at) VALUES ('k', 'telegram', `+fmt.Sprint(toMillis(at))+`)`,
		`INSERT INTO inbox (id, channel, person_key, text, at) VALUES ('telegram:1', 'telegram', 'k', 'ciao', 1)`,
		`INSERT INTO outbox_done (id, done_at) VALUES ('telegram:1:0', `+fmt.Sprint(toMillis(at))+`)`,
	) {
		if _, err := raw.Exec(q); err != nil {
			raw.Close()
			t.Fatal(err)
		}
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := OpenSQLite(t.Context(), path)
	if err != nil {
		t.Fatalf("OpenSQLite on a version 3 database: %v", err)
	}
	defer db.Close()
	c, err := db.GetConversation(t.Context(), "k")
	if err != nil || c.Blocked {
		t.Fatalf("conversation saved before the upgrade = %+v, %v; want it not blocked", c, err)
	}
	items, err := db.Inbox().Next(t.Context(), "w", 1, time.Minute)
	if err != nil || len(items) != 1 || items[0].Text != "ciao" || items[0].Content != bot.ContentText {
		t.Fatalf("inbox item put before the upgrade = %+v, %v; want its text, plain", items, err)
	}
	if d, err := db.Outbox().Status(t.Context(), "telegram:1:0"); err != nil || d != bot.DeliverySent {
		t.Fatalf("Status of an item sent before the upgrade = %q, %v; want %q", d, err, bot.DeliverySent)
	}
	if ok, err := db.Leases().Acquire(t.Context(), "poll:telegram", "anna", time.Minute); err != nil || !ok {
		t.Fatalf("Acquire after the upgrade = %v, %v; want true", ok, err)
	}
}

// TestSQLiteUpgradeAccounts opens a database at schema version 4, from before the
// console's accounts, sessions and audit log, and checks that what was stored stays
// and that accounts work after the upgrade.
func TestSQLiteUpgradeAccounts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sportello.db")
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().UTC().Truncate(time.Millisecond)
	steps := append([]string{`CREATE TABLE schema_version (version INTEGER NOT NULL)`}, migrations[:4]...)
	for _, q := range append(steps,
		`INSERT INTO schema_version (version) VALUES (4)`,
		`INSERT INTO conversations (key, channel, blocked, updated_at) VALUES ('k', 'telegram', 1, `+fmt.Sprint(toMillis(at))+`)`,
		`INSERT INTO leases (name, holder, until) VALUES ('poll:telegram', 'anna', `+fmt.Sprint(toMillis(at.Add(time.Hour)))+`)`,
	) {
		if _, err := raw.Exec(q); err != nil {
			raw.Close()
			t.Fatal(err)
		}
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := OpenSQLite(t.Context(), path)
	if err != nil {
		t.Fatalf("OpenSQLite on a version 4 database: %v", err)
	}
	defer db.Close()
	ctx := t.Context()
	var v int
	if err := db.db.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	if v != len(migrations) || v != 5 {
		t.Fatalf("schema version after upgrade = %d, want %d", v, len(migrations))
	}
	if c, err := db.GetConversation(ctx, "k"); err != nil || !c.Blocked || !c.UpdatedAt.Equal(at) {
		t.Fatalf("conversation saved before the upgrade = %+v, %v", c, err)
	}
	if ok, err := db.Leases().Acquire(ctx, "poll:telegram", "bruno", time.Minute); err != nil || ok {
		t.Fatalf("Acquire of a lease held before the upgrade = %v, %v; want false", ok, err)
	}

	a := db.Accounts()
	if users, err := a.ListUsers(ctx); err != nil || len(users) != 0 {
		t.Fatalf("ListUsers after the upgrade = %+v, %v; want none", users, err)
	}
	if err := a.PutUser(ctx, console.User{Name: "anna", Role: console.RoleAdmin, PasswordHash: []byte("h")}); err != nil {
		t.Fatal(err)
	}
	s := console.Session{ID: "s1", User: "anna", Lang: "it", Expires: time.Now().Add(time.Hour)}
	if err := a.CreateSession(ctx, s); err != nil {
		t.Fatal(err)
	}
	if got, err := a.GetSession(ctx, "s1"); err != nil || got.User != "anna" || got.Lang != "it" {
		t.Fatalf("GetSession after the upgrade = %+v, %v", got, err)
	}
	if err := a.Audit(ctx, console.AuditEntry{Actor: "anna", Action: "login"}); err != nil {
		t.Fatal(err)
	}
	if log, err := a.AuditLog(ctx, 0); err != nil || len(log) != 1 || log[0].Action != "login" {
		t.Fatalf("AuditLog after the upgrade = %+v, %v", log, err)
	}
}
