package store

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// RedisLeases are the named leases (bot.Leases) kept in a Redis store. It is a view of
// the store, with no state of its own.
type RedisLeases struct{ r *Redis }

// Leases returns the store's named leases. They are a separate value because the
// store's escalations have a Release method too, with different arguments.
func (r *Redis) Leases() *RedisLeases { return &RedisLeases{r: r} }

// leaseGrace is how long a named lease's key outlives the lease's end. A lease ends by
// the store's Clock, compared in the scripts with the until field; the key's own expiry,
// on Redis's clock, only collects leases never released, so it must not come first
// whatever the skew between the two clocks.
const leaseGrace = time.Hour

func (r *Redis) leaseKey(name string) string { return r.prefix + ":lease:" + name }

// leaseAcquireScript: KEYS lease. ARGV[1] holder, ARGV[2] now, ARGV[3] until, ARGV[4]
// key expiry in ms. Answers 1 when holder holds the lease, 0 when another holder holds
// it, live strictly before its until.
var leaseAcquireScript = redis.NewScript(`
local f = redis.call('HMGET', KEYS[1], 'holder', 'until')
if f[1] and f[1] ~= ARGV[1] and tonumber(f[2]) > tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], 'holder', ARGV[1], 'until', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`)

// leaseReleaseScript: KEYS lease. ARGV[1] holder. Deletes the lease if holder holds it.
var leaseReleaseScript = redis.NewScript(`
if redis.call('HGET', KEYS[1], 'holder') == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`)

// Acquire takes the named lease for holder, or extends it when holder already holds
// it, until ttl from now, and reports whether holder holds it. A lease held by another
// holder is taken only once it has ended. It is one script, hence atomic: of holders
// racing for a free lease, one wins.
func (l *RedisLeases) Acquire(ctx context.Context, name, holder string, ttl time.Duration) (bool, error) {
	if err := checkAcquire(name, holder, ttl); err != nil {
		return false, err
	}
	now := l.r.now()
	n, err := leaseAcquireScript.Run(ctx, l.r.client, []string{l.r.leaseKey(name)},
		holder, ms(now), ms(now.Add(ttl)), (ttl + leaseGrace).Milliseconds()).Int()
	if err != nil {
		return false, fmt.Errorf("acquire lease %s: %w", name, err)
	}
	return n == 1, nil
}

// Release gives the named lease up if holder holds it, so another holder may take it
// at once. It does nothing when holder does not hold it.
func (l *RedisLeases) Release(ctx context.Context, name, holder string) error {
	if err := checkLease("release", name, holder); err != nil {
		return err
	}
	if err := leaseReleaseScript.Run(ctx, l.r.client, []string{l.r.leaseKey(name)}, holder).Err(); err != nil {
		return fmt.Errorf("release lease %s: %w", name, err)
	}
	return nil
}
