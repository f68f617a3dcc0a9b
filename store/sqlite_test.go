package store_test

import (
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"sportello/bot"
	"sportello/console"
	"sportello/store"
	"sportello/store/storetest"
)

func mustOpenSQLite(tb testing.TB, path string, clock bot.Clock) *store.SQLite {
	tb.Helper()
	db, err := store.OpenSQLite(tb.Context(), path)
	if err != nil {
		tb.Fatalf("OpenSQLite: %v", err)
	}
	db.Clock = clock
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return db
}

func TestSQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T, clock *storetest.FakeClock) storetest.Store {
		return mustOpenSQLite(t, filepath.Join(t.TempDir(), "sportello.db"), clock)
	})
}

func TestSQLiteReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sportello.db")
	clock := storetest.NewFakeClock(time.Now().UTC())
	db := mustOpenSQLite(t, path, clock)
	e := &bot.Escalation{PersonKey: "k", Channel: "terminal", Question: "q",
		Transcript: []bot.Turn{{Role: bot.RolePerson, Text: "q", At: clock.Now()}}}
	if err := db.CreateEscalation(t.Context(), e); err != nil {
		t.Fatalf("CreateEscalation: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	db2 := mustOpenSQLite(t, path, clock)
	got, err := db2.GetEscalation(t.Context(), e.ID)
	if err != nil {
		t.Fatalf("GetEscalation after reopening: %v", err)
	}
	if len(got.Transcript) != 1 || got.Question != "q" {
		t.Fatalf("after reopening: %+v", got)
	}
}

func TestSQLiteNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sportello.db")
	mustOpenSQLite(t, path, bot.SystemClock{}).Close()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE schema_version SET version = version + 1`); err != nil {
		t.Fatal(err)
	}
	if db, err := store.OpenSQLite(t.Context(), path); err == nil {
		db.Close()
		t.Fatal("OpenSQLite accepted a schema newer than the program")
	}
}

func TestSQLiteRejectsMemory(t *testing.T) {
	for _, path := range []string{"", ":memory:", "a.db?mode=memory"} {
		if db, err := store.OpenSQLite(t.Context(), path); err == nil {
			db.Close()
			t.Errorf("OpenSQLite(%q) succeeded", path)
		}
	}
}

func TestSQLitePurgeExpired(t *testing.T) {
	clock := storetest.NewFakeClock(storetest.Epoch)
	db := mustOpenSQLite(t, filepath.Join(t.TempDir(), "sportello.db"), clock)
	for _, key := range []string{"old", "new"} {
		if err := db.SaveConversation(t.Context(), &bot.Conversation{Key: key, Channel: "terminal"}); err != nil {
			t.Fatal(err)
		}
		clock.Advance(30 * 24 * time.Hour)
	}
	clock.Advance(35 * 24 * time.Hour) // "old" is 95 days old, "new" 65
	n, err := db.PurgeExpired(t.Context())
	if err != nil || n != 1 {
		t.Fatalf("PurgeExpired = %d, %v; want 1, nil", n, err)
	}
	if _, err := db.GetConversation(t.Context(), "new"); err != nil {
		t.Fatalf("GetConversation(new): %v", err)
	}
}

// Two handles on one file stand for two processes: their claims must still exclude
// each other.
func TestSQLiteClaimsAcrossHandles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sportello.db")
	clock := storetest.NewFakeClock(storetest.Epoch)
	dbs := []*store.SQLite{mustOpenSQLite(t, path, clock), mustOpenSQLite(t, path, clock)}
	for range 5 {
		e := &bot.Escalation{PersonKey: "k", Channel: "terminal"}
		if err := dbs[0].CreateEscalation(t.Context(), e); err != nil {
			t.Fatal(err)
		}
		var (
			wg  sync.WaitGroup
			mu  sync.Mutex
			won int
		)
		for i := range 8 {
			wg.Go(func() {
				_, err := dbs[i%2].Claim(t.Context(), e.ID, fmt.Sprint("m", i), time.Minute)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					won++
				case !errors.Is(err, bot.ErrAlreadyClaimed):
					t.Errorf("Claim: %v", err)
				}
			})
		}
		wg.Wait()
		if won != 1 {
			t.Fatalf("%d claims won across two handles, want 1", won)
		}
	}
}

// TestSQLitePurgeResolvedTranscripts checks that purging leaves no transcript row of a
// purged escalation behind.
func TestSQLitePurgeResolvedTranscripts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sportello.db")
	clock := storetest.NewFakeClock(storetest.Epoch)
	db := mustOpenSQLite(t, path, clock)
	ctx := t.Context()
	var es []*bot.Escalation
	for range 3 {
		e := &bot.Escalation{PersonKey: "k", Channel: "terminal", Question: "q",
			Transcript: []bot.Turn{{Role: bot.RolePerson, Text: "q"}, {Role: bot.RoleBot, Text: "a"}}}
		if err := db.CreateEscalation(ctx, e); err != nil {
			t.Fatal(err)
		}
		es = append(es, e)
	}
	for _, e := range es[:2] {
		l, err := db.Claim(ctx, e.ID, "anna", time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Resolve(ctx, e.ID, l); err != nil {
			t.Fatal(err)
		}
	}
	clock.Advance(time.Hour)
	if n, err := db.PurgeResolved(ctx, clock.Now()); err != nil || n != 2 {
		t.Fatalf("PurgeResolved = %d, %v; want 2, nil", n, err)
	}
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.QueryContext(ctx, `SELECT escalation_id, COUNT(*) FROM transcript GROUP BY escalation_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string]int{}
	for rows.Next() {
		var (
			id string
			n  int
		)
		if err := rows.Scan(&id, &n); err != nil {
			t.Fatal(err)
		}
		got[id] = n
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[es[2].ID] != 2 {
		t.Fatalf("transcript rows by escalation after the purge = %v, want 2 of %s only", got, es[2].ID)
	}
}

func TestSQLiteQueues(t *testing.T) {
	storetest.RunQueues(t, func(t *testing.T, clock *storetest.FakeClock) (bot.Inbox, bot.Outbox) {
		db := mustOpenSQLite(t, filepath.Join(t.TempDir(), "sportello.db"), clock)
		return db.Inbox(), db.Outbox()
	})
}

func TestSQLiteLeases(t *testing.T) {
	storetest.RunLeases(t, func(t *testing.T, clock *storetest.FakeClock) bot.Leases {
		return mustOpenSQLite(t, filepath.Join(t.TempDir(), "sportello.db"), clock).Leases()
	})
}

func TestSQLiteAccounts(t *testing.T) {
	storetest.RunAccounts(t, func(t *testing.T, clock *storetest.FakeClock) console.Accounts {
		return mustOpenSQLite(t, filepath.Join(t.TempDir(), "sportello.db"), clock).Accounts()
	})
}

// TestSQLiteAccountsPrune checks that CreateSession and Audit delete expired sessions
// and audit entries past their retention, at most a batch of 100 a call.
func TestSQLiteAccountsPrune(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sportello.db")
	clock := storetest.NewFakeClock(storetest.Epoch)
	a := mustOpenSQLite(t, path, clock).Accounts()
	ctx := t.Context()
	if err := a.PutUser(ctx, console.User{Name: "anna", Role: console.RoleAdmin, PasswordHash: []byte("h")}); err != nil {
		t.Fatal(err)
	}
	const n = 150
	for i := range n {
		s := console.Session{ID: fmt.Sprint("s", i), User: "anna", Expires: clock.Now().Add(time.Hour)}
		if err := a.CreateSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		if err := a.Audit(ctx, console.AuditEntry{Actor: "anna", Action: "login"}); err != nil {
			t.Fatal(err)
		}
	}
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	count := func(table string) int {
		t.Helper()
		var c int
		if err := raw.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table).Scan(&c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	clock.Advance(console.AuditRetention + time.Millisecond)
	for _, want := range []struct{ sessions, audit int }{{n - 100 + 1, n - 100 + 1}, {2, 2}} {
		s := console.Session{ID: fmt.Sprint("new", want.sessions), User: "anna", Expires: clock.Now().Add(time.Hour)}
		if err := a.CreateSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		if err := a.Audit(ctx, console.AuditEntry{Actor: "anna", Action: "login"}); err != nil {
			t.Fatal(err)
		}
		if got := count("sessions"); got != want.sessions {
			t.Fatalf("sessions = %d, want %d", got, want.sessions)
		}
		if got := count("audit"); got != want.audit {
			t.Fatalf("audit entries = %d, want %d", got, want.audit)
		}
	}
}
