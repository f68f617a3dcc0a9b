package store

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/redis/go-redis/v9"

	"sportello/bot"
	"sportello/console"
)

var _ console.Accounts = (*RedisAccounts)(nil)

// RedisAccounts are the console's accounts, sessions and audit log (console.Accounts)
// kept in a Redis store. It is a view of the store, with no state of its own.
type RedisAccounts struct{ r *Redis }

// Accounts returns the store's console accounts.
func (r *Redis) Accounts() *RedisAccounts { return &RedisAccounts{r: r} }

func (r *Redis) acctKey(name string) string         { return r.prefix + ":{acct}:" + name }
func (r *Redis) usersKey() string                   { return r.acctKey("users") }
func (r *Redis) sessionKey(id string) string        { return r.acctKey("session:" + id) }
func (r *Redis) userSessionsKey(name string) string { return r.acctKey("sessions:" + name) }
func (r *Redis) auditKey() string                   { return r.prefix + ":audit" }

// userRecord is how a console.User is stored in the users hash, under its name.
type userRecord struct {
	Role         console.Role `json:"role"`
	PasswordHash []byte       `json:"password_hash"`
	CreatedAt    int64        `json:"created_at"` // Unix milliseconds, UTC
}

// auditRecord is how a console.AuditEntry is stored in the audit set. Nonce makes
// every entry a distinct member, so that equal entries of the same millisecond are all
// kept.
type auditRecord struct {
	At     int64  `json:"at"` // Unix milliseconds, UTC
	Actor  string `json:"actor,omitempty"`
	Action string `json:"action"`
	Target string `json:"target,omitempty"`
	Detail string `json:"detail,omitempty"`
	Nonce  string `json:"nonce"`
}

// The account scripts build session keys from ARGV's session key prefix
// ("P:{acct}:session:"); those keys share the {acct} hash tag, hence the slot of KEYS,
// so this holds in a Cluster too.

// createSessionScript: KEYS users hash, session hash, the user's session set. ARGV[1]
// user, ARGV[2] id, ARGV[3] ttl in ms, ARGV[4] session key prefix, ARGV[5..] session
// field/value pairs. Drops from the set the ids whose session is gone or another
// user's, and keeps the set until the last of its sessions expires. Answers 1, or 0
// when the user is not an account.
var createSessionScript = redis.NewScript(`
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
for _, id in ipairs(redis.call('SMEMBERS', KEYS[3])) do
	if redis.call('HGET', ARGV[4] .. id, 'user') ~= ARGV[1] then redis.call('SREM', KEYS[3], id) end
end
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[2], unpack(ARGV, 5))
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('SADD', KEYS[3], ARGV[2])
if redis.call('PTTL', KEYS[3]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[3], ARGV[3]) end
return 1
`)

// deleteUserScript: KEYS users hash, the user's session set. ARGV[1] name, ARGV[2]
// session key prefix. Deletes the account, its sessions and the set.
var deleteUserScript = redis.NewScript(`
redis.call('HDEL', KEYS[1], ARGV[1])
for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
	local s = ARGV[2] .. id
	if redis.call('HGET', s, 'user') == ARGV[1] then redis.call('DEL', s) end
end
redis.call('DEL', KEYS[2])
return 1
`)

// PutUser creates the account, or replaces the one with the same name; the account's
// sessions stay. A zero CreatedAt is stored as the Clock's now.
func (a *RedisAccounts) PutUser(ctx context.Context, u console.User) error {
	if err := checkUser(u); err != nil {
		return err
	}
	b, err := json.Marshal(userRecord{Role: u.Role, PasswordHash: u.PasswordHash,
		CreatedAt: toMillis(orNow(u.CreatedAt, a.r.now()))})
	if err != nil {
		return fmt.Errorf("put user %s: encode: %w", u.Name, err)
	}
	if err := a.r.client.HSet(ctx, a.r.usersKey(), u.Name, b).Err(); err != nil {
		return fmt.Errorf("put user %s: %w", u.Name, err)
	}
	return nil
}

// decodeUser reads the account name stored as b in the users hash.
func decodeUser(name, b string) (console.User, error) {
	var rec userRecord
	if err := json.Unmarshal([]byte(b), &rec); err != nil {
		return console.User{}, fmt.Errorf("decode user %q: %w", name, err)
	}
	return console.User{Name: name, Role: rec.Role, PasswordHash: rec.PasswordHash,
		CreatedAt: fromMillis(rec.CreatedAt)}, nil
}

// GetUser returns the account with name, or bot.ErrNotFound.
func (a *RedisAccounts) GetUser(ctx context.Context, name string) (console.User, error) {
	b, err := a.r.client.HGet(ctx, a.r.usersKey(), name).Result()
	if errors.Is(err, redis.Nil) {
		return console.User{}, fmt.Errorf("get user %q: %w", name, bot.ErrNotFound)
	}
	if err != nil {
		return console.User{}, fmt.Errorf("get user %q: %w", name, err)
	}
	u, err := decodeUser(name, b)
	if err != nil {
		return console.User{}, fmt.Errorf("get user: %w", err)
	}
	return u, nil
}

// ListUsers returns every account, by name.
func (a *RedisAccounts) ListUsers(ctx context.Context) ([]console.User, error) {
	all, err := a.r.client.HGetAll(ctx, a.r.usersKey()).Result()
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	var users []console.User
	for name, b := range all {
		u, err := decodeUser(name, b)
		if err != nil {
			return nil, fmt.Errorf("list users: %w", err)
		}
		users = append(users, u)
	}
	slices.SortFunc(users, func(x, y console.User) int { return cmp.Compare(x.Name, y.Name) })
	return users, nil
}

// DeleteUser removes the account and its sessions, in one script. An unknown name is
// not an error.
func (a *RedisAccounts) DeleteUser(ctx context.Context, name string) error {
	if err := deleteUserScript.Run(ctx, a.r.client,
		[]string{a.r.usersKey(), a.r.userSessionsKey(name)}, name, a.r.sessionKey("")).Err(); err != nil {
		return fmt.Errorf("delete user %s: %w", name, err)
	}
	return nil
}

// CreateSession stores s until s.Expires, replacing a session with the same ID. It
// returns bot.ErrNotFound when s.User is not an account. The session's key expires at
// s.Expires too, counted from the Clock's now.
func (a *RedisAccounts) CreateSession(ctx context.Context, s console.Session) error {
	now := a.r.now()
	if err := checkSession(s, now); err != nil {
		return err
	}
	ttl := toMillis(s.Expires) - toMillis(now)
	n, err := createSessionScript.Run(ctx, a.r.client,
		[]string{a.r.usersKey(), a.r.sessionKey(s.ID), a.r.userSessionsKey(s.User)},
		s.User, s.ID, ttl, a.r.sessionKey(""),
		"user", s.User, "csrf", s.CSRF, "lang", s.Lang,
		"created", toMillis(orNow(s.CreatedAt, now)), "expires", toMillis(s.Expires)).Int()
	if err != nil {
		return fmt.Errorf("create session for %s: %w", s.User, err)
	}
	if n == 0 {
		return fmt.Errorf("create session for %s: no user %s: %w", s.User, s.User, bot.ErrNotFound)
	}
	return nil
}

// GetSession returns the session with id, or bot.ErrNotFound when there is none or it
// has expired. DeleteUser deletes an account's sessions with it.
func (a *RedisAccounts) GetSession(ctx context.Context, id string) (console.Session, error) {
	f, err := a.r.client.HGetAll(ctx, a.r.sessionKey(id)).Result()
	if err != nil {
		return console.Session{}, fmt.Errorf("get session: %w", err)
	}
	if f["user"] == "" {
		return console.Session{}, fmt.Errorf("get session: %w", bot.ErrNotFound)
	}
	// The key's own expiry follows Redis's clock; this check follows the store's.
	expires := atoi(f["expires"])
	if expires <= toMillis(a.r.now()) {
		return console.Session{}, fmt.Errorf("get session: expired: %w", bot.ErrNotFound)
	}
	return console.Session{ID: id, User: f["user"], CSRF: f["csrf"], Lang: f["lang"],
		CreatedAt: fromMillis(atoi(f["created"])), Expires: fromMillis(expires)}, nil
}

// DeleteSession removes a session. An unknown id is not an error. The id stays in its
// account's session set until the account next signs in or is deleted.
func (a *RedisAccounts) DeleteSession(ctx context.Context, id string) error {
	if err := a.r.client.Del(ctx, a.r.sessionKey(id)).Err(); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// Audit appends e to the audit log, at the Clock's now when e.At is zero, and deletes up
// to maxBatch entries older than console.AuditRetention.
func (a *RedisAccounts) Audit(ctx context.Context, e console.AuditEntry) error {
	if err := checkAudit(e); err != nil {
		return err
	}
	now := a.r.now()
	at := toMillis(orNow(e.At, now))
	b, err := json.Marshal(auditRecord{At: at, Actor: e.Actor, Action: e.Action, Target: e.Target,
		Detail: e.Detail, Nonce: rand.Text()})
	if err != nil {
		return fmt.Errorf("audit %s: encode: %w", e.Action, err)
	}
	key := a.r.auditKey()
	var old *redis.StringSliceCmd
	if _, err := a.r.client.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.ZAdd(ctx, key, redis.Z{Score: float64(at), Member: b})
		old = p.ZRangeArgs(ctx, redis.ZRangeArgs{Key: key, Start: "-inf",
			Stop: "(" + ms(now.Add(-console.AuditRetention)), ByScore: true, Count: maxBatch})
		return nil
	}); err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	// Deleting what was read as old needs no atomicity: an old entry stays old.
	if members := old.Val(); len(members) > 0 {
		if err := a.r.client.ZRem(ctx, key, toAny(members)...).Err(); err != nil {
			return fmt.Errorf("audit %s: drop old entries: %w", e.Action, err)
		}
	}
	return nil
}

// toAny converts ss for a variadic ...any argument.
func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// AuditLog returns up to limit entries (defaultAuditLimit when limit is 0 or less, at
// most maxAuditLimit), newest first; entries of the same millisecond in the order of
// their nonces, which is no particular one.
func (a *RedisAccounts) AuditLog(ctx context.Context, limit int) ([]console.AuditEntry, error) {
	members, err := a.r.client.ZRangeArgs(ctx, redis.ZRangeArgs{Key: a.r.auditKey(), Start: "+inf",
		Stop: ms(a.r.now().Add(-console.AuditRetention)), ByScore: true, Rev: true,
		Count: int64(auditLimit(limit))}).Result()
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	var entries []console.AuditEntry
	for _, m := range members {
		var rec auditRecord
		if err := json.Unmarshal([]byte(m), &rec); err != nil {
			return nil, fmt.Errorf("audit log: decode: %w", err)
		}
		entries = append(entries, console.AuditEntry{At: fromMillis(rec.At), Actor: rec.Actor,
			Action: rec.Action, Target: rec.Target, Detail: rec.Detail})
	}
	return entries, nil
}
