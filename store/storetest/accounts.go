package storetest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"sportello/bot"
	"sportello/console"
)

// NewAccounts returns empty console accounts that read time from clock. It must clean
// up after itself with t.Cleanup.
type NewAccounts func(t *testing.T, clock *FakeClock) console.Accounts

// RunAccounts runs the conformance suite of console.Accounts, one subtest per contract,
// each on new accounts.
func RunAccounts(t *testing.T, newAccounts NewAccounts) {
	for _, tc := range []struct {
		name string
		fn   func(t *testing.T, a console.Accounts, clock *FakeClock)
	}{
		{"UserRoundTrip", testUserRoundTrip},
		{"UserReplace", testUserReplace},
		{"UsersByName", testUsersByName},
		{"UserInvalid", testUserInvalid},
		{"UserUnknown", testUserUnknown},
		{"SessionRoundTrip", testSessionRoundTrip},
		{"SessionReplace", testSessionReplace},
		{"SessionExpiry", testSessionExpiry},
		{"SessionDelete", testSessionDelete},
		{"SessionInvalid", testSessionInvalid},
		{"DeleteUserSessions", testDeleteUserSessions},
		{"AuditNewestFirst", testAuditNewestFirst},
		{"AuditLimit", testAuditLimit},
		{"AuditRetention", testAuditRetention},
		{"AuditConcurrent", testAuditConcurrent},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := NewFakeClock(Epoch)
			tc.fn(t, newAccounts(t, clock), clock)
		})
	}
}

// newUser returns an account as the console creates one, with a zero CreatedAt.
func newUser(name string, role console.Role) console.User {
	return console.User{Name: name, Role: role, PasswordHash: []byte("$2a$10$" + name + "-not-a-real-bcrypt-hash")}
}

func mustPutUser(t *testing.T, a console.Accounts, u console.User) {
	t.Helper()
	mustOK(t, "PutUser("+u.Name+")", a.PutUser(t.Context(), u))
}

func mustGetUser(t *testing.T, a console.Accounts, name string) console.User {
	t.Helper()
	u, err := a.GetUser(t.Context(), name)
	mustOK(t, "GetUser("+name+")", err)
	return u
}

func checkUser(t *testing.T, got, want console.User) {
	t.Helper()
	if got.Name != want.Name || got.Role != want.Role || !bytes.Equal(got.PasswordHash, want.PasswordHash) ||
		!got.CreatedAt.Equal(want.CreatedAt) {
		t.Fatalf("user:\n got %+v\nwant %+v", got, want)
	}
	checkUTCMillis(t, "user CreatedAt", got.CreatedAt)
}

func mustListUsers(t *testing.T, a console.Accounts) []string {
	t.Helper()
	users, err := a.ListUsers(t.Context())
	mustOK(t, "ListUsers", err)
	names := make([]string, len(users))
	for i, u := range users {
		names[i] = u.Name
	}
	return names
}

// sessionID returns a session id as the console makes one: the SHA-256 of a token, in
// hex.
func sessionID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// newSession returns a session of user, as the console creates one at sign-in, lasting
// d from the clock's now.
func newSession(clock *FakeClock, token, user string, d time.Duration) console.Session {
	return console.Session{ID: sessionID(token), User: user, CSRF: "csrf-" + token, Lang: "ar",
		CreatedAt: clock.Now(), Expires: clock.Now().Add(d)}
}

func mustCreateSession(t *testing.T, a console.Accounts, s console.Session) {
	t.Helper()
	mustOK(t, "CreateSession for "+s.User, a.CreateSession(t.Context(), s))
}

func checkSession(t *testing.T, a console.Accounts, want console.Session) {
	t.Helper()
	got, err := a.GetSession(t.Context(), want.ID)
	mustOK(t, "GetSession of "+want.User, err)
	if got.ID != want.ID || got.User != want.User || got.CSRF != want.CSRF || got.Lang != want.Lang || !got.CreatedAt.Equal(want.CreatedAt) ||
		!got.Expires.Equal(want.Expires) {
		t.Fatalf("session:\n got %+v\nwant %+v", got, want)
	}
	checkUTCMillis(t, "session CreatedAt", got.CreatedAt)
	checkUTCMillis(t, "session Expires", got.Expires)
}

func wantNoSession(t *testing.T, a console.Accounts, what, id string) {
	t.Helper()
	_, err := a.GetSession(t.Context(), id)
	wantErr(t, "GetSession "+what, err, bot.ErrNotFound)
}

// testUserRoundTrip: an account reads back as stored; a zero CreatedAt is the time of
// the put, a given one is kept.
func testUserRoundTrip(t *testing.T, a console.Accounts, clock *FakeClock) {
	clock.Advance(time.Second)
	u := newUser("anna", console.RoleModerator)
	mustPutUser(t, a, u)
	want := u
	want.CreatedAt = clock.Now()
	checkUser(t, mustGetUser(t, a, "anna"), want)

	b := newUser("bruno.rossi_2-x", console.RoleAdmin)
	b.CreatedAt = Epoch.Add(-24 * time.Hour).In(time.FixedZone("CET", 3600))
	b.PasswordHash = []byte{0, 1, 2, 0xfe, 0xff}
	mustPutUser(t, a, b)
	want = b
	want.CreatedAt = b.CreatedAt.UTC()
	checkUser(t, mustGetUser(t, a, b.Name), want)
}

// testUserReplace: PutUser of an existing name replaces every field, and keeps the
// account's sessions.
func testUserReplace(t *testing.T, a console.Accounts, clock *FakeClock) {
	first := newUser("anna", console.RoleModerator)
	mustPutUser(t, a, first)
	s := newSession(clock, "t1", "anna", time.Hour)
	mustCreateSession(t, a, s)

	clock.Advance(time.Minute)
	second := console.User{Name: "anna", Role: console.RoleEditor, PasswordHash: []byte("new hash"),
		CreatedAt: Epoch.Add(-time.Hour)}
	mustPutUser(t, a, second)
	checkUser(t, mustGetUser(t, a, "anna"), second)
	checkIDs(t, "users", mustListUsers(t, a), []string{"anna"})
	checkSession(t, a, s)
}

// testUsersByName: ListUsers returns every account, ordered by name (byte order).
func testUsersByName(t *testing.T, a console.Accounts, clock *FakeClock) {
	checkIDs(t, "users of an empty store", mustListUsers(t, a), nil)
	for _, name := range []string{"zoe", "anna", "Bruno", "marco.rossi", "anna-2", "3d"} {
		clock.Advance(time.Second)
		mustPutUser(t, a, newUser(name, console.RoleModerator))
	}
	checkIDs(t, "users", mustListUsers(t, a), []string{"3d", "Bruno", "anna", "anna-2", "marco.rossi", "zoe"})
	users, err := a.ListUsers(t.Context())
	mustOK(t, "ListUsers", err)
	for _, u := range users {
		if u.Role != console.RoleModerator || len(u.PasswordHash) == 0 || u.CreatedAt.IsZero() {
			t.Fatalf("listed user %+v lacks a field", u)
		}
	}
}

// testUserInvalid: bad names, roles and empty hashes are refused and store nothing;
// names of 1 and 64 characters are fine.
func testUserInvalid(t *testing.T, a console.Accounts, _ *FakeClock) {
	var bad []console.User
	for _, name := range []string{"", strings.Repeat("a", 65), "has space", "a:b", "a/b", "{acct}",
		"anna\n", "a*", "anna@example.org"} {
		bad = append(bad, newUser(name, console.RoleModerator))
	}
	for _, role := range []console.Role{"", "root", "Admin"} {
		bad = append(bad, newUser("anna", role))
	}
	noHash := newUser("anna", console.RoleAdmin)
	noHash.PasswordHash = nil
	bad = append(bad, noHash)
	for _, u := range bad {
		if err := a.PutUser(t.Context(), u); err == nil {
			t.Errorf("PutUser(%q, role %q, hash %q) succeeded, want an error", u.Name, u.Role, u.PasswordHash)
		}
	}
	checkIDs(t, "users after refused puts", mustListUsers(t, a), nil)

	long := strings.Repeat("x", 64)
	for _, name := range []string{"a", long} {
		mustPutUser(t, a, newUser(name, console.RoleEditor))
	}
	checkIDs(t, "users", mustListUsers(t, a), []string{"a", long})
}

// testUserUnknown: an unknown name is bot.ErrNotFound, valid or not; deleting it is
// fine; a session for it is refused with bot.ErrNotFound.
func testUserUnknown(t *testing.T, a console.Accounts, clock *FakeClock) {
	mustPutUser(t, a, newUser("anna", console.RoleAdmin))
	for _, name := range []string{"nobody", "Anna", "", "not a name"} {
		_, err := a.GetUser(t.Context(), name)
		wantErr(t, fmt.Sprintf("GetUser(%q)", name), err, bot.ErrNotFound)
	}
	mustOK(t, "DeleteUser(nobody)", a.DeleteUser(t.Context(), "nobody"))
	s := newSession(clock, "t1", "nobody", time.Hour)
	wantErr(t, "CreateSession for nobody", a.CreateSession(t.Context(), s), bot.ErrNotFound)
	wantNoSession(t, a, "of a refused session", s.ID)
	checkIDs(t, "users", mustListUsers(t, a), []string{"anna"})
}

// testSessionRoundTrip: a session reads back as stored; a zero CreatedAt is the time of
// its creation; an unknown id is bot.ErrNotFound.
func testSessionRoundTrip(t *testing.T, a console.Accounts, clock *FakeClock) {
	mustPutUser(t, a, newUser("anna", console.RoleModerator))
	clock.Advance(time.Minute)
	s := newSession(clock, "t1", "anna", 12*time.Hour)
	mustCreateSession(t, a, s)
	checkSession(t, a, s)

	clock.Advance(time.Minute)
	s2 := newSession(clock, "t2", "anna", 12*time.Hour)
	s2.CreatedAt, s2.Lang, s2.CSRF = time.Time{}, "", ""
	mustCreateSession(t, a, s2)
	want := s2
	want.CreatedAt = clock.Now()
	checkSession(t, a, want)
	checkSession(t, a, s)

	wantNoSession(t, a, "of an unknown id", sessionID("t3"))
	wantNoSession(t, a, "of an empty id", "")
}

// testSessionReplace: a session created again under its id, as the console does to
// change its language, replaces the stored one.
func testSessionReplace(t *testing.T, a console.Accounts, clock *FakeClock) {
	mustPutUser(t, a, newUser("anna", console.RoleModerator))
	s := newSession(clock, "t1", "anna", time.Hour)
	mustCreateSession(t, a, s)
	clock.Advance(time.Minute)
	s.Lang = "fr"
	mustCreateSession(t, a, s)
	checkSession(t, a, s)
	mustOK(t, "DeleteUser(anna)", a.DeleteUser(t.Context(), "anna"))
	wantNoSession(t, a, "of a replaced session of a deleted user", s.ID)
}

// testSessionExpiry: a session is live strictly before its Expires, by the store's
// Clock.
func testSessionExpiry(t *testing.T, a console.Accounts, clock *FakeClock) {
	mustPutUser(t, a, newUser("anna", console.RoleModerator))
	s := newSession(clock, "t1", "anna", time.Hour)
	long := newSession(clock, "t2", "anna", 2*time.Hour)
	mustCreateSession(t, a, s)
	mustCreateSession(t, a, long)
	clock.Advance(time.Hour - time.Millisecond)
	checkSession(t, a, s)
	clock.Advance(time.Millisecond)
	wantNoSession(t, a, "at its Expires", s.ID)
	checkSession(t, a, long)
	// Creating a session may clean up expired ones; the live one stays.
	mustPutUser(t, a, newUser("bruno", console.RoleModerator))
	mustCreateSession(t, a, newSession(clock, "t3", "bruno", time.Hour))
	wantNoSession(t, a, "an hour after its Expires", s.ID)
	checkSession(t, a, long)
	clock.Advance(time.Hour)
	wantNoSession(t, a, "of the longer session at its Expires", long.ID)
}

// testSessionDelete: DeleteSession removes one session; deleting it again, or an
// unknown id, is fine.
func testSessionDelete(t *testing.T, a console.Accounts, clock *FakeClock) {
	mustPutUser(t, a, newUser("anna", console.RoleModerator))
	s1, s2 := newSession(clock, "t1", "anna", time.Hour), newSession(clock, "t2", "anna", time.Hour)
	mustCreateSession(t, a, s1)
	mustCreateSession(t, a, s2)
	mustOK(t, "DeleteSession", a.DeleteSession(t.Context(), s1.ID))
	wantNoSession(t, a, "after DeleteSession", s1.ID)
	checkSession(t, a, s2)
	mustOK(t, "DeleteSession again", a.DeleteSession(t.Context(), s1.ID))
	mustOK(t, "DeleteSession of an unknown id", a.DeleteSession(t.Context(), sessionID("t3")))
	mustGetUser(t, a, "anna")
	// Signing in again after signing out works, and the new session is live.
	s3 := newSession(clock, "t3", "anna", time.Hour)
	mustCreateSession(t, a, s3)
	checkSession(t, a, s3)
}

// testSessionInvalid: a session without id or user, or not expiring after now, is
// refused and stores nothing.
func testSessionInvalid(t *testing.T, a console.Accounts, clock *FakeClock) {
	mustPutUser(t, a, newUser("anna", console.RoleModerator))
	noID := newSession(clock, "t1", "anna", time.Hour)
	noID.ID = ""
	noUser := newSession(clock, "t2", "", time.Hour)
	expired := newSession(clock, "t3", "anna", 0)
	noExpiry := newSession(clock, "t4", "anna", time.Hour)
	noExpiry.Expires = time.Time{}
	for _, s := range []console.Session{noID, noUser, expired, noExpiry,
		newSession(clock, "t5", "anna", -time.Hour)} {
		if err := a.CreateSession(t.Context(), s); err == nil {
			t.Errorf("CreateSession(%+v) succeeded, want an error", s)
		}
		if s.ID != "" {
			wantNoSession(t, a, "of a refused session", s.ID)
		}
	}
}

// testDeleteUserSessions: DeleteUser removes the account and every session of it, and
// no other; they do not come back with an account of the same name.
func testDeleteUserSessions(t *testing.T, a console.Accounts, clock *FakeClock) {
	mustPutUser(t, a, newUser("anna", console.RoleAdmin))
	mustPutUser(t, a, newUser("bruno", console.RoleModerator))
	var anna []console.Session
	for i := range 3 {
		s := newSession(clock, fmt.Sprint("anna-", i), "anna", time.Hour)
		mustCreateSession(t, a, s)
		anna = append(anna, s)
	}
	mustOK(t, "DeleteSession", a.DeleteSession(t.Context(), anna[2].ID))
	bruno := newSession(clock, "bruno", "bruno", time.Hour)
	mustCreateSession(t, a, bruno)

	mustOK(t, "DeleteUser(anna)", a.DeleteUser(t.Context(), "anna"))
	_, err := a.GetUser(t.Context(), "anna")
	wantErr(t, "GetUser of a deleted user", err, bot.ErrNotFound)
	for _, s := range anna {
		wantNoSession(t, a, "of a deleted user", s.ID)
	}
	checkSession(t, a, bruno)
	checkIDs(t, "users", mustListUsers(t, a), []string{"bruno"})
	mustOK(t, "DeleteUser(anna) again", a.DeleteUser(t.Context(), "anna"))

	mustPutUser(t, a, newUser("anna", console.RoleModerator))
	for _, s := range anna {
		wantNoSession(t, a, "of a deleted user after the name is reused", s.ID)
	}
	s := newSession(clock, "anna-new", "anna", time.Hour)
	mustCreateSession(t, a, s)
	checkSession(t, a, s)
}

func mustAuditLog(t *testing.T, a console.Accounts, limit int) []console.AuditEntry {
	t.Helper()
	log, err := a.AuditLog(t.Context(), limit)
	mustOK(t, fmt.Sprintf("AuditLog(%d)", limit), err)
	for _, e := range log {
		checkUTCMillis(t, "audit entry At", e.At)
	}
	return log
}

func checkAuditLog(t *testing.T, what string, got, want []console.AuditEntry) {
	t.Helper()
	ok := len(got) == len(want)
	for i := 0; ok && i < len(got); i++ {
		g, w := got[i], want[i]
		ok = g.Actor == w.Actor && g.Action == w.Action && g.Target == w.Target && g.Detail == w.Detail &&
			g.At.Equal(w.At)
	}
	if !ok {
		t.Fatalf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

// testAuditNewestFirst: entries come back newest first, by At, up to the limit; a zero
// At is the time of the append.
func testAuditNewestFirst(t *testing.T, a console.Accounts, clock *FakeClock) {
	checkAuditLog(t, "empty log", mustAuditLog(t, a, 10), nil)
	var want []console.AuditEntry
	for i, action := range []string{"login", "claim", "reply", "resolve", "user.add"} {
		clock.Advance(time.Minute)
		e := console.AuditEntry{Actor: "anna", Action: action, Target: fmt.Sprint("esc-", i), Detail: "it"}
		if i%2 == 0 {
			e.At = clock.Now()
		}
		mustOK(t, "Audit "+action, a.Audit(t.Context(), e))
		e.At = clock.Now()
		want = append([]console.AuditEntry{e}, want...)
	}
	// An entry given an earlier At takes its place by At.
	late := console.AuditEntry{At: Epoch.Add(90 * time.Second), Actor: "bruno", Action: "note", Target: "esc-0"}
	mustOK(t, "Audit with an earlier At", a.Audit(t.Context(), late))
	want = append(want[:4:4], late, want[4])

	checkAuditLog(t, "AuditLog(3)", mustAuditLog(t, a, 3), want[:3])
	checkAuditLog(t, "AuditLog(100)", mustAuditLog(t, a, 100), want)
	checkAuditLog(t, "AuditLog(0)", mustAuditLog(t, a, 0), want)

	if err := a.Audit(t.Context(), console.AuditEntry{Actor: "anna"}); err == nil {
		t.Error("Audit without an action succeeded, want an error")
	}
	checkAuditLog(t, "AuditLog after a refused entry", mustAuditLog(t, a, 0), want)
}

// testAuditLimit: a limit of 0 or less means 100.
func testAuditLimit(t *testing.T, a console.Accounts, clock *FakeClock) {
	const n = 105
	for i := range n {
		clock.Advance(time.Millisecond)
		mustOK(t, "Audit", a.Audit(t.Context(), console.AuditEntry{Actor: "anna", Action: "claim",
			Target: fmt.Sprint(i)}))
	}
	for _, tc := range []struct{ limit, want int }{{0, 100}, {-1, 100}, {1, 1}, {100, 100}, {1000, n}, {5000, n}} {
		log := mustAuditLog(t, a, tc.limit)
		if len(log) != tc.want {
			t.Fatalf("AuditLog(%d) returned %d entries, want %d", tc.limit, len(log), tc.want)
		}
		if log[0].Target != fmt.Sprint(n-1) || (len(log) == n && log[n-1].Target != "0") {
			t.Fatalf("AuditLog(%d) goes from %q to %q, want newest first", tc.limit, log[0].Target, log[len(log)-1].Target)
		}
	}
}

// testAuditRetention: an entry older than console.AuditRetention is never returned;
// one exactly that old still is.
func testAuditRetention(t *testing.T, a console.Accounts, clock *FakeClock) {
	old := console.AuditEntry{At: clock.Now(), Actor: "anna", Action: "login"}
	mustOK(t, "Audit", a.Audit(t.Context(), old))
	clock.Advance(200 * 24 * time.Hour)
	recent := console.AuditEntry{At: clock.Now(), Actor: "bruno", Action: "login"}
	mustOK(t, "Audit", a.Audit(t.Context(), recent))
	backdated := console.AuditEntry{At: clock.Now().Add(-console.AuditRetention - time.Millisecond),
		Actor: "chen", Action: "login"}
	mustOK(t, "Audit of an entry already old", a.Audit(t.Context(), backdated))
	checkAuditLog(t, "log within the retention", mustAuditLog(t, a, 0), []console.AuditEntry{recent, old})

	clock.Advance(console.AuditRetention - 200*24*time.Hour)
	checkAuditLog(t, "log with an entry exactly AuditRetention old", mustAuditLog(t, a, 0),
		[]console.AuditEntry{recent, old})
	clock.Advance(time.Millisecond)
	checkAuditLog(t, "log past the retention of the first entry", mustAuditLog(t, a, 0),
		[]console.AuditEntry{recent})
	clock.Advance(time.Hour)
	newer := console.AuditEntry{At: clock.Now(), Actor: "anna", Action: "logout"}
	mustOK(t, "Audit", a.Audit(t.Context(), newer))
	checkAuditLog(t, "log after an append", mustAuditLog(t, a, 0), []console.AuditEntry{newer, recent})
	clock.Advance(console.AuditRetention)
	checkAuditLog(t, "log a retention later", mustAuditLog(t, a, 0), []console.AuditEntry{newer})
}

// testAuditConcurrent: entries appended at once, equal but for their target, are all
// kept.
func testAuditConcurrent(t *testing.T, a console.Accounts, _ *FakeClock) {
	const goroutines, each = 8, 10
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range each {
				e := console.AuditEntry{Actor: "anna", Action: "claim", Target: fmt.Sprintf("%d-%d", g, i)}
				if err := a.Audit(t.Context(), e); err != nil {
					t.Errorf("Audit %s: %v", e.Target, err)
				}
			}
		})
	}
	// Equal entries too: the same action by the same actor at the same time, twice.
	for range 2 {
		wg.Go(func() {
			if err := a.Audit(t.Context(), console.AuditEntry{Actor: "bruno", Action: "login"}); err != nil {
				t.Errorf("Audit: %v", err)
			}
		})
	}
	wg.Wait()
	log := mustAuditLog(t, a, 1000)
	seen := map[string]int{}
	for _, e := range log {
		seen[e.Actor+" "+e.Target]++
	}
	if len(log) != goroutines*each+2 || len(seen) != goroutines*each+1 || seen["bruno "] != 2 {
		t.Fatalf("after %d concurrent appends the log holds %d entries (%d distinct), want all",
			goroutines*each+2, len(log), len(seen))
	}
}
