package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/redis/go-redis/v9"

	"sportello/bot"
)

var (
	_ bot.Conversations = (*Redis)(nil)
	_ bot.Escalations   = (*Redis)(nil)
	_ bot.Leases        = (*RedisLeases)(nil)
)

// DefaultRedisPrefix is the key prefix NewRedis uses when given none.
const DefaultRedisPrefix = "sportello"

// Redis is the store for several Sportello instances sharing one Redis (standalone,
// Sentinel or Cluster). It is safe for concurrent use by goroutines and processes.
//
// Key layout, with P the prefix:
//
//	P:conv:{<person key>}           STRING  conversation as JSON, expires after ConversationTTL
//	P:{q}:esc:<id>                  HASH    escalation fields, lease and fencing token
//	P:{q}:esc:<id>:transcript       LIST    transcript turns as JSON, oldest first
//	P:{q}:status:<status>           ZSET    ids of escalations in that status (open,
//	                                        answered, resolved), score (urgent?0:1)*1e13 + created ms
//	P:{q}:resolved_at               ZSET    ids of resolved escalations, score resolution ms;
//	                                        PurgeResolved takes the oldest from it
//
// and for the inbox (Inbox) and the outbox (Outbox):
//
//	P:{in}:item:<id>                HASH    inbox item fields, attempts and lease
//	P:{in}:person:<person key>      ZSET    the person's waiting item ids, score arrival seq
//	P:{in}:ready                    ZSET    persons whose first item may be handed out,
//	                                        score its seq (oldest first)
//	P:{in}:leased                   ZSET    persons whose first item is leased, score lease end ms
//	P:{in}:seen                     ZSET    ids stored in the last DedupeWindow, score ms
//	P:{in}:seq                      STRING  arrival counter
//	P:{out}:item:<id>               HASH    outbox item fields, reply as JSON, attempts and lease
//	P:{out}:person:<chan>:<person>  ZSET    the person's waiting item ids on a channel, score seq
//	P:{out}:ready:<chan>            ZSET    persons whose first item is due, score
//	                                        (urgent?0:1)*1e13 + seq
//	P:{out}:delayed:<chan>          ZSET    persons whose first item is not yet due, score NotBefore ms
//	P:{out}:leased:<chan>           ZSET    persons whose first item is leased, score lease end ms
//	P:{out}:done                    ZSET    ids sent or failed in the last DedupeWindow, score ms
//	P:{out}:outcome                 HASH    id -> "sent" or "failed" of the ids in P:{out}:done,
//	                                        trimmed with it (an id without one was sent)
//	P:{out}:seq                     STRING  enqueue counter
//
// and for the named leases (Leases):
//
//	P:lease:<name>                  HASH    holder and until (end ms); the key expires, as
//	                                        garbage collection only, leaseGrace after that end
//
// and for the console's accounts, sessions and audit log (Accounts):
//
//	P:{acct}:users                  HASH    account name -> role, password hash and
//	                                        creation ms as JSON
//	P:{acct}:session:<id>           HASH    session fields, expires ms; the key expires then
//	                                        too, counted from the Clock's now
//	P:{acct}:sessions:<name>        SET     ids of the account's sessions, pruned of gone
//	                                        ones at each sign-in; expires with the last of them
//	P:audit                         ZSET    audit entries as JSON (each with a random nonce),
//	                                        score At ms
//
// Every escalation key carries the {q} hash tag, every inbox key {in}, every outbox key
// {out} and every account key {acct}, so each Lua script runs on one Cluster slot. The
// outbox of all channels shares one tag because Sent, Retry and Fail are given an item's
// id only; the accounts share one because signing in and deleting an account change the
// account, its sessions and their set at once. Each conversation key has its own tag, so
// conversations spread over the cluster; a lease's scripts touch its one key only, and
// no script touches the audit log.
//
// The scripts do not read Redis's clock: "now" is the Clock's time, passed as an
// argument, so tests can move time and every instance agrees with its own lease
// arithmetic. Instances must therefore keep their clocks synchronised (NTP); a skew
// lengthens or shortens leases by that much.
type Redis struct {
	client redis.UniversalClient
	prefix string
	clock  bot.Clock

	// ConversationTTL is how long a conversation is kept after its last save
	// (default DefaultConversationTTL). Set it before the store is used.
	ConversationTTL time.Duration
}

// NewRedis returns a store using client with keys under prefix (DefaultRedisPrefix if
// empty). A nil clock means bot.SystemClock.
func NewRedis(client redis.UniversalClient, prefix string, clock bot.Clock) *Redis {
	if prefix == "" {
		prefix = DefaultRedisPrefix
	}
	if clock == nil {
		clock = bot.SystemClock{}
	}
	return &Redis{client: client, prefix: prefix, clock: clock, ConversationTTL: DefaultConversationTTL}
}

// OpenRedis connects to the Redis at rawURL and checks it answers. It accepts redis://,
// rediss:// and unix:// URLs as go-redis's ParseURL does; a redis:// URL with addr=
// parameters names the nodes of a Cluster (ParseClusterURL). Context deadlines are
// honoured (ContextTimeoutEnabled).
func OpenRedis(ctx context.Context, rawURL string) (redis.UniversalClient, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("open redis: parse url: %w", redactURLError(err))
	}
	var client redis.UniversalClient
	if u.Query().Has("addr") {
		opt, err := redis.ParseClusterURL(rawURL)
		if err != nil {
			return nil, fmt.Errorf("open redis: %w", redactURLError(err))
		}
		opt.ContextTimeoutEnabled = true
		client = redis.NewClusterClient(opt)
	} else {
		opt, err := redis.ParseURL(rawURL)
		if err != nil {
			return nil, fmt.Errorf("open redis: %w", redactURLError(err))
		}
		opt.ContextTimeoutEnabled = true
		client = redis.NewClient(opt)
	}
	if err := client.Ping(ctx).Err(); err != nil {
		client.Close()
		return nil, fmt.Errorf("open redis %s: ping: %w", u.Redacted(), err)
	}
	return client, nil
}

// redactURLError drops the URL, which may hold a password, from a url.Error.
func redactURLError(err error) error {
	if ue, ok := errors.AsType[*url.Error](err); ok {
		return ue.Err
	}
	return err
}

func (r *Redis) now() time.Time { return now(r.clock) }

func (r *Redis) ttl() time.Duration {
	if r.ConversationTTL <= 0 {
		return DefaultConversationTTL
	}
	return r.ConversationTTL
}

func (r *Redis) conversationKey(key string) string { return r.prefix + ":conv:{" + key + "}" }

// GetConversation returns the conversation with key, or bot.ErrNotFound when there is
// none or it expired.
func (r *Redis) GetConversation(ctx context.Context, key string) (*bot.Conversation, error) {
	b, err := r.client.Get(ctx, r.conversationKey(key)).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("get conversation: %w", bot.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("get conversation: %w", err)
	}
	var rec conversationRecord
	if err := json.Unmarshal(b, &rec); err != nil {
		return nil, fmt.Errorf("get conversation: decode: %w", err)
	}
	// The key's own expiry follows Redis's clock; this check follows the store's, so
	// both backends forget at the same moment for the engine.
	if rec.UpdatedAt < toMillis(r.now().Add(-r.ttl())) {
		return nil, fmt.Errorf("get conversation: expired: %w", bot.ErrNotFound)
	}
	return rec.conversation(), nil
}

// SaveConversation creates or replaces c, keeping the last bot.MaxHistory turns, sets
// c.UpdatedAt to the time of the save and (re)starts its ConversationTTL.
func (r *Redis) SaveConversation(ctx context.Context, c *bot.Conversation) error {
	if err := checkConversation(c); err != nil {
		return err
	}
	at := r.now()
	b, err := json.Marshal(toConversationRecord(c, at))
	if err != nil {
		return fmt.Errorf("save conversation: encode: %w", err)
	}
	if err := r.client.Set(ctx, r.conversationKey(c.Key), b, r.ttl()).Err(); err != nil {
		return fmt.Errorf("save conversation: %w", err)
	}
	c.UpdatedAt = at
	return nil
}
