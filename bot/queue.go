package bot

import (
	"context"
	"time"
)

// Delivery through Sportello is at least once at every step, and every step is
// idempotent, so nothing a person wrote or was sent is lost or doubled by a crash:
//
//	channel ──Put──▶ Inbox ──Next──▶ Engine.Handle ──Enqueue──▶ Outbox ──Next──▶ channel
//	                   ▲  Done, after the replies are enqueued      │ Sent / Retry / Fail
//
// A channel acknowledges the network only after Inbox.Put returned. A worker marks an
// inbox item Done only after its replies are in the outbox; if it dies before, the item
// is handed out again when its lease expires, the engine returns the replies it already
// gave (Conversation.LastMessageID), and Outbox.Enqueue ignores items it already holds.

// InboxItem is one message from a person, as stored before the network is acknowledged.
// It holds the sealed address, never the raw sender.
type InboxItem struct {
	ID        string // Channel + ":" + the network's message id; the deduplication key
	Content   Content
	Channel   string
	PersonKey string // Pseudonymizer.PersonKey of the sender
	Address   []byte // Pseudonymizer.SealAddress of the sender
	MessageID string // the network's message id
	Text      string
	Option    string
	LangHint  string
	At        time.Time // when the network received it
	Attempts  int       // how many times it was handed out
}

// Inbox is the durable, deduplicated queue of inbound messages. Safe for concurrent
// use by several processes.
type Inbox interface {
	// Put stores the item unless an item with the same ID was stored in the last
	// DedupeWindow, and reports whether it was new. It returns only once the item is
	// durable: the caller may then acknowledge the network.
	Put(ctx context.Context, it InboxItem) (bool, error)
	// Next hands worker up to n items, oldest first, leased for ttl. A person's items
	// come out one at a time and in order: no item of a person whose earlier item is
	// leased and not Done is handed out. An item whose lease expired is handed out again.
	Next(ctx context.Context, worker string, n int, ttl time.Duration) ([]InboxItem, error)
	// Done removes a handled item; its ID is still remembered for deduplication.
	Done(ctx context.Context, id string) error
}

// DedupeWindow is how long an inbox remembers message ids it has seen.
const DedupeWindow = 7 * 24 * time.Hour

// OutboxItem is one reply waiting to be sent to a person on a channel.
type OutboxItem struct {
	ID        string // idempotency key: the inbox item ID and the reply's index, or a moderator reply's id
	Channel   string
	PersonKey string // replies to one person leave in order
	Address   []byte // sealed reply address
	Reply     Reply
	NotBefore time.Time // not sent before this time (rate limits, retry_after)
	Attempts  int
	CreatedAt time.Time
}

// Outbox is the durable queue of replies, per channel. Safe for concurrent use by
// several processes.
type Outbox interface {
	// Enqueue stores items in order; an item whose ID is already held (or was sent in
	// the last DedupeWindow) is ignored.
	Enqueue(ctx context.Context, items ...OutboxItem) error
	// Next hands worker up to n items of channel that are due (NotBefore passed),
	// leased for ttl, urgent replies first, then oldest first; one item per person at a
	// time, in the order they were enqueued.
	Next(ctx context.Context, channel, worker string, n int, ttl time.Duration) ([]OutboxItem, error)
	// Sent records that the item was delivered and removes it.
	Sent(ctx context.Context, id string) error
	// Retry puts the item back to be sent not before at (a 429's retry_after, a
	// network error), counting the attempt.
	Retry(ctx context.Context, id string, at time.Time) error
	// Fail removes an item that can never be delivered (the person blocked the bot),
	// and returns the person's other waiting items' count, which are removed too.
	Fail(ctx context.Context, id string) (int, error)
	// Status tells what became of an item: DeliveryQueued while it waits (or is being
	// sent), DeliverySent or DeliveryFailed for DedupeWindow after, ErrNotFound for an
	// id never enqueued or forgotten.
	Status(ctx context.Context, id string) (Delivery, error)
}

// Delivery is where an outbox item stands.
type Delivery string

// Delivery states.
const (
	DeliveryQueued Delivery = "queued"
	DeliverySent   Delivery = "sent"
	DeliveryFailed Delivery = "failed"
)

// Leases elect one owner among Sportello's processes for work that must run in one
// place at a time: polling a channel, draining its outbox at the network's rate.
// Safe for concurrent use by several processes.
type Leases interface {
	// Acquire takes the named lease for holder, or extends it when holder already holds
	// it, until ttl from now, and reports whether holder holds it. It never takes a
	// live lease from another holder.
	Acquire(ctx context.Context, name, holder string, ttl time.Duration) (bool, error)
	// Release gives the lease up if holder holds it, so another process may take it at
	// once; it is not an error when holder does not hold it.
	Release(ctx context.Context, name, holder string) error
}
