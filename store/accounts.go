package store

import (
	"fmt"
	"time"

	"sportello/console"
)

// The console's accounts (console.Accounts) follow the same rules in both stores:
//
//   - An account name is 1 to 64 ASCII letters, digits, '.', '_' or '-'; the role must
//     be one of console.Roles and the password hash not empty. PutUser replaces every
//     field of an account with the same name and keeps its sessions; a zero CreatedAt
//     is stored as the Clock's now. GetUser of a name never stored, valid or not, is
//     bot.ErrNotFound.
//   - A session belongs to an account that exists when it is created (else
//     bot.ErrNotFound), and must expire after the Clock's now. It is live strictly
//     before its Expires, by the store's Clock; a zero CreatedAt is stored as the
//     Clock's now. A session with the id of one stored replaces it. DeleteUser
//     removes the account's sessions with it, atomically: no session of a deleted
//     account is ever returned, even after an account of the same name is created.
//   - The audit log holds entries for console.AuditRetention: an entry whose At is
//     more than that before the Clock's now is never returned, and deleted lazily, a
//     bounded batch (maxBatch) at a time, by Audit. AuditLog returns entries by At,
//     newest first; the order of entries of the same millisecond is the store's.

// Bounds of AuditLog's limit.
const (
	defaultAuditLimit = 100  // a limit of 0 or less
	maxAuditLimit     = 1000 // any larger limit
)

// maxUserName is the length limit of an account name.
const maxUserName = 64

// validUserName reports whether name is fit to be an account name.
func validUserName(name string) bool {
	if name == "" || len(name) > maxUserName {
		return false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			r == '.' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// checkUser validates what PutUser is given.
func checkUser(u console.User) error {
	if !validUserName(u.Name) {
		return fmt.Errorf("put user %q: name is not 1 to %d letters, digits, '.', '_' or '-': %w",
			u.Name, maxUserName, errInvalid)
	}
	if !u.Role.Valid() {
		return fmt.Errorf("put user %s: unknown role %q: %w", u.Name, u.Role, errInvalid)
	}
	if len(u.PasswordHash) == 0 {
		return fmt.Errorf("put user %s: empty password hash: %w", u.Name, errInvalid)
	}
	return nil
}

// checkSession validates what CreateSession is given, at the Clock's time now.
func checkSession(s console.Session, now time.Time) error {
	if s.ID == "" || s.User == "" {
		return fmt.Errorf("create session: empty id or user: %w", errInvalid)
	}
	if toMillis(s.Expires) <= toMillis(now) {
		return fmt.Errorf("create session for %s: expires %v, not after now: %w", s.User, s.Expires, errInvalid)
	}
	return nil
}

// checkAudit validates what Audit is given.
func checkAudit(e console.AuditEntry) error {
	if e.Action == "" {
		return fmt.Errorf("audit: empty action: %w", errInvalid)
	}
	return nil
}

// auditLimit returns the number of entries AuditLog returns for limit.
func auditLimit(limit int) int {
	if limit <= 0 {
		return defaultAuditLimit
	}
	return min(limit, maxAuditLimit)
}

// orNow returns t, or now when t is zero.
func orNow(t, now time.Time) time.Time {
	if t.IsZero() {
		return now
	}
	return t
}
