// Package console is Sportello's web console: moderators answer escalations in a
// browser, editors and admins look after the service. Pages are rendered on the
// server from embedded templates; every asset is embedded in the binary.
package console

import (
	"context"
	"time"
)

// Role is what an account may do. Each role may do what the ones before it may.
type Role string

// Roles, from least to most trusted.
const (
	RoleModerator Role = "moderator" // answers escalations
	RoleEditor    Role = "editor"    // and looks after the knowledge base
	RoleAdmin     Role = "admin"     // and reads the audit log, manages accounts
)

// Roles lists the roles, least trusted first.
var Roles = []Role{RoleModerator, RoleEditor, RoleAdmin}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool { return r.rank() > 0 }

// AtLeast reports whether r may do what min may.
func (r Role) AtLeast(min Role) bool { return r.rank() >= min.rank() && min.rank() > 0 }

func (r Role) rank() int {
	for i, x := range Roles {
		if r == x {
			return i + 1
		}
	}
	return 0
}

// User is a console account. The password is kept only as a hash.
type User struct {
	Name         string
	Role         Role
	PasswordHash []byte // bcrypt
	CreatedAt    time.Time
}

// Session is a signed-in browser. ID is the SHA-256 of the cookie's token in hex, so
// the store never holds a usable token; CSRF is the anti-forgery token its forms carry.
type Session struct {
	ID        string
	User      string
	CSRF      string
	Lang      string // the console language chosen: en, it, fr or ar
	CreatedAt time.Time
	Expires   time.Time
}

// AuditEntry is one moderator or admin action: who did what, to what, when. It never
// holds what a person wrote or what a moderator answered.
type AuditEntry struct {
	At     time.Time
	Actor  string // account name
	Action string // e.g. "login", "claim", "reply", "note", "resolve", "release", "user.add"
	Target string // e.g. an escalation id, an account name
	Detail string // e.g. a language, a canned response id; never free text from people
}

// Accounts stores console accounts, sessions and the audit log. Safe for concurrent
// use by several processes. Implemented by the stores in package store.
type Accounts interface {
	// PutUser creates the account, or replaces the one with the same name.
	PutUser(ctx context.Context, u User) error
	// GetUser returns bot.ErrNotFound (wrapped) for an unknown name.
	GetUser(ctx context.Context, name string) (User, error)
	// ListUsers returns every account, by name.
	ListUsers(ctx context.Context) ([]User, error)
	// DeleteUser removes the account and its sessions; no error for an unknown name.
	DeleteUser(ctx context.Context, name string) error

	// CreateSession stores s until s.Expires.
	CreateSession(ctx context.Context, s Session) error
	// GetSession returns bot.ErrNotFound (wrapped) for an unknown or expired id.
	GetSession(ctx context.Context, id string) (Session, error)
	// DeleteSession removes a session (sign-out); no error for an unknown id.
	DeleteSession(ctx context.Context, id string) error

	// Audit appends an entry to the audit log. Entries older than AuditRetention are
	// dropped.
	Audit(ctx context.Context, e AuditEntry) error
	// AuditLog returns up to limit entries, newest first.
	AuditLog(ctx context.Context, limit int) ([]AuditEntry, error)
}

// AuditRetention is how long the audit log keeps an entry.
const AuditRetention = 365 * 24 * time.Hour
