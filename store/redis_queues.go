package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"sportello/bot"
)

// RedisInbox is the inbox (bot.Inbox) kept in a Redis store. It is a view of the
// store, with no state of its own. Items are durable as far as the Redis server's
// persistence (appendonly, appendfsync) makes them.
type RedisInbox struct{ r *Redis }

// RedisOutbox is the outbox (bot.Outbox) kept in a Redis store. It is a view of the
// store, with no state of its own.
type RedisOutbox struct{ r *Redis }

var (
	_ bot.Inbox  = (*RedisInbox)(nil)
	_ bot.Outbox = (*RedisOutbox)(nil)
)

// Inbox returns the store's inbox. Inbox and outbox are separate values because both
// have a Next method, with different arguments.
func (r *Redis) Inbox() *RedisInbox { return &RedisInbox{r: r} }

// Outbox returns the store's outbox.
func (r *Redis) Outbox() *RedisOutbox { return &RedisOutbox{r: r} }

func (r *Redis) inKey(name string) string  { return r.prefix + ":{in}:" + name }
func (r *Redis) outKey(name string) string { return r.prefix + ":{out}:" + name }

// ms formats t as Unix milliseconds for a script.
func ms(t time.Time) string { return strconv.FormatInt(toMillis(t), 10) }

// Put stores the item unless an item with the same ID was stored in the last
// bot.DedupeWindow, and reports whether it was new.
func (q *RedisInbox) Put(ctx context.Context, it bot.InboxItem) (bool, error) {
	if err := checkInboxItem(it); err != nil {
		return false, err
	}
	now := q.r.now()
	args := []any{q.r.inKey(""), ms(now), ms(now.Add(-bot.DedupeWindow)), it.ID, it.PersonKey,
		"id", it.ID, "content", string(it.Content), "channel", it.Channel, "person", it.PersonKey, "address", it.Address,
		"message_id", it.MessageID, "text", it.Text, "option", it.Option, "lang_hint", it.LangHint,
		"at", toMillis(it.At), "attempts", 0, "lease_by", "", "lease_until", 0}
	n, err := inboxPutScript.Run(ctx, q.r.client,
		[]string{q.r.inKey("seq"), q.r.inKey("ready"), q.r.inKey("seen")}, args...).Int()
	if err != nil {
		return false, fmt.Errorf("put inbox item: %w", err)
	}
	return n == 1, nil
}

// Next hands worker up to n items, oldest first, leased for ttl: the first item of
// each person's line that is not under a live lease.
func (q *RedisInbox) Next(ctx context.Context, worker string, n int, ttl time.Duration) ([]bot.InboxItem, error) {
	n, err := checkNext("next inbox items", worker, n, ttl)
	if err != nil || n <= 0 {
		return nil, err
	}
	now := q.r.now()
	res, err := inboxNextScript.Run(ctx, q.r.client, []string{q.r.inKey("ready"), q.r.inKey("leased")},
		q.r.inKey(""), ms(now), n, ms(now.Add(ttl)), worker).Slice()
	if err != nil {
		return nil, fmt.Errorf("next inbox items: %w", err)
	}
	items := make([]bot.InboxItem, 0, len(res))
	for _, raw := range res {
		f, err := fields(raw)
		if err != nil {
			return nil, fmt.Errorf("next inbox items: %w", err)
		}
		items = append(items, bot.InboxItem{
			ID: f["id"], Content: bot.Content(f["content"]), Channel: f["channel"], PersonKey: f["person"],
			Address: bytesOrNil(f["address"]), MessageID: f["message_id"], Text: f["text"], Option: f["option"], LangHint: f["lang_hint"],
			At: fromMillis(atoi(f["at"])), Attempts: int(atoi(f["attempts"])),
		})
	}
	return items, nil
}

// Done removes a handled item; its ID stays remembered for deduplication. An unknown
// id is not an error, so Done may be repeated.
func (q *RedisInbox) Done(ctx context.Context, id string) error {
	err := inboxDoneScript.Run(ctx, q.r.client, []string{q.r.inKey("ready"), q.r.inKey("leased")},
		q.r.inKey(""), ms(q.r.now()), id).Err()
	if err != nil {
		return fmt.Errorf("inbox item done: %w", err)
	}
	return nil
}

// Enqueue stores items in order. An item whose ID the outbox holds, or sent or failed
// in the last bot.DedupeWindow, is ignored. A zero CreatedAt becomes the store's time.
// The items of one channel are stored atomically; a batch spanning channels is stored
// channel by channel, which a repeated Enqueue completes.
func (q *RedisOutbox) Enqueue(ctx context.Context, items ...bot.OutboxItem) error {
	if err := checkOutboxItems(items); err != nil {
		return err
	}
	now := q.r.now()
	for start := 0; start < len(items); {
		ch := items[start].Channel
		args := []any{q.r.outKey(""), ms(now), ms(now.Add(-bot.DedupeWindow)), ch}
		end := start
		for ; end < len(items) && items[end].Channel == ch; end++ {
			it := items[end]
			reply, err := encodeReply(it.Reply)
			if err != nil {
				return fmt.Errorf("enqueue outbox item %d: %w", end, err)
			}
			created := it.CreatedAt
			if created.IsZero() {
				created = now
			}
			urgent := 0
			if it.Reply.Urgent {
				urgent = 1
			}
			args = append(args, it.ID, it.PersonKey, it.Address, reply, urgent,
				toMillis(it.NotBefore), it.Attempts, toMillis(created))
		}
		err := outboxEnqueueScript.Run(ctx, q.r.client,
			[]string{q.r.outKey("seq"), q.r.outKey("done"), q.r.outKey("outcome")}, args...).Err()
		if err != nil {
			return fmt.Errorf("enqueue outbox items: %w", err)
		}
		start = end
	}
	return nil
}

// Next hands worker up to n due items of channel, leased for ttl: the first item of
// each person's line that is not under a live lease and whose NotBefore has passed,
// urgent replies first, then in the order they were enqueued.
func (q *RedisOutbox) Next(ctx context.Context, channel, worker string, n int, ttl time.Duration) ([]bot.OutboxItem, error) {
	n, err := checkNext("next outbox items", worker, n, ttl)
	if err != nil || n <= 0 {
		return nil, err
	}
	now := q.r.now()
	res, err := outboxNextScript.Run(ctx, q.r.client, []string{q.r.outKey("ready:" + channel)},
		q.r.outKey(""), ms(now), channel, n, ms(now.Add(ttl)), worker).Slice()
	if err != nil {
		return nil, fmt.Errorf("next outbox items: %w", err)
	}
	items := make([]bot.OutboxItem, 0, len(res))
	for _, raw := range res {
		f, err := fields(raw)
		if err != nil {
			return nil, fmt.Errorf("next outbox items: %w", err)
		}
		reply, err := decodeReply(f["reply"])
		if err != nil {
			return nil, fmt.Errorf("next outbox items: %w", err)
		}
		items = append(items, bot.OutboxItem{
			ID: f["id"], Channel: f["channel"], PersonKey: f["person"], Address: bytesOrNil(f["address"]),
			Reply: reply, NotBefore: fromMillis(atoi(f["not_before"])), Attempts: int(atoi(f["attempts"])),
			CreatedAt: fromMillis(atoi(f["created"])),
		})
	}
	return items, nil
}

// Sent removes a delivered item and remembers its ID for bot.DedupeWindow. An unknown
// id is not an error, so Sent may be repeated.
func (q *RedisOutbox) Sent(ctx context.Context, id string) error {
	err := outboxSentScript.Run(ctx, q.r.client, []string{q.r.outKey("done"), q.r.outKey("outcome")},
		q.r.outKey(""), ms(q.r.now()), id).Err()
	if err != nil {
		return fmt.Errorf("outbox item sent: %w", err)
	}
	return nil
}

// Retry releases the item's lease and puts it back, still first in its person's line,
// to be sent not before at, counting the attempt. It returns bot.ErrNotFound when the
// outbox does not hold the item.
func (q *RedisOutbox) Retry(ctx context.Context, id string, at time.Time) error {
	n, err := outboxRetryScript.Run(ctx, q.r.client, []string{q.r.outKey("seq")},
		q.r.outKey(""), ms(q.r.now()), id, ms(at)).Int()
	if err != nil {
		return fmt.Errorf("retry outbox item: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("retry outbox item: %w", bot.ErrNotFound)
	}
	return nil
}

// Fail removes an item that can never be delivered together with every other waiting
// item of the same person on its channel, remembers all their IDs for
// bot.DedupeWindow, and returns how many other items it removed. An unknown id removes
// nothing and is not an error.
func (q *RedisOutbox) Fail(ctx context.Context, id string) (int, error) {
	n, err := outboxFailScript.Run(ctx, q.r.client, []string{q.r.outKey("done"), q.r.outKey("outcome")},
		q.r.outKey(""), ms(q.r.now()), id).Int()
	if err != nil {
		return 0, fmt.Errorf("fail outbox item: %w", err)
	}
	return max(n, 0), nil
}

// Status tells what became of an item: bot.DeliveryQueued while the outbox holds it,
// bot.DeliverySent or bot.DeliveryFailed for bot.DedupeWindow after Sent or Fail, and
// bot.ErrNotFound for an id never enqueued or forgotten.
func (q *RedisOutbox) Status(ctx context.Context, id string) (bot.Delivery, error) {
	now := q.r.now()
	s, err := outboxStatusScript.Run(ctx, q.r.client, []string{q.r.outKey("done"), q.r.outKey("outcome")},
		q.r.outKey(""), ms(now), id, ms(now.Add(-bot.DedupeWindow))).Text()
	if errors.Is(err, redis.Nil) {
		return "", fmt.Errorf("outbox item status %s: %w", id, bot.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("outbox item status: %w", err)
	}
	return bot.Delivery(s), nil
}

// fields turns a script's HGETALL answer into a map.
func fields(raw any) (map[string]string, error) {
	list, ok := raw.([]any)
	if !ok || len(list)%2 != 0 {
		return nil, fmt.Errorf("unexpected item reply %T", raw)
	}
	f := make(map[string]string, len(list)/2)
	for i := 0; i < len(list); i += 2 {
		k, _ := list[i].(string)
		v, _ := list[i+1].(string)
		f[k] = v
	}
	return f, nil
}

func atoi(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

func bytesOrNil(s string) []byte {
	if s == "" {
		return nil
	}
	return []byte(s)
}
