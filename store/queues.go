package store

import (
	"encoding/json"
	"fmt"
	"time"

	"sportello/bot"
)

// The inbox and outbox follow the same rules in both stores:
//
//   - Items of one person (per channel, in the outbox) form a line in the order they
//     were stored. Only the first of the line is ever handed out, and only while it is
//     not under a live lease, so a person's messages are handled, and replies sent, one
//     at a time and in order. A lease is live strictly before its end.
//   - Inbox Attempts counts how many times an item was handed out. Outbox Attempts
//     counts the attempts that did not deliver: each Retry, and each lease that ran out
//     without Sent, Retry or Fail.
//   - The inbox remembers every id it stored for bot.DedupeWindow; the outbox remembers
//     the ids it sent or failed, and which of the two (stored as "sent" or "failed",
//     bot.Delivery's values, for Status), for as long. An id older than the window is
//     forgotten at once by every read; its record is deleted lazily, a bounded batch
//     at a time, while the queue is written to.

// maxBatch bounds how many items one Next hands out, and how many expired leases or
// remembered ids one call reclaims or forgets, so every call does bounded work.
const maxBatch = 100

// checkNext validates the arguments of Inbox.Next and Outbox.Next and returns n capped
// at maxBatch.
func checkNext(op, worker string, n int, ttl time.Duration) (int, error) {
	if worker == "" {
		return 0, fmt.Errorf("%s: empty worker: %w", op, errInvalid)
	}
	if ttl < time.Millisecond {
		return 0, fmt.Errorf("%s: lease ttl %v too short: %w", op, ttl, errInvalid)
	}
	return min(n, maxBatch), nil
}

// checkInboxItem validates what Inbox.Put is given.
func checkInboxItem(it bot.InboxItem) error {
	if it.ID == "" || it.PersonKey == "" || it.Channel == "" {
		return fmt.Errorf("put inbox item: empty id, channel or person key: %w", errInvalid)
	}
	return nil
}

// checkOutboxItems validates what Outbox.Enqueue is given.
func checkOutboxItems(items []bot.OutboxItem) error {
	for i, it := range items {
		if it.ID == "" || it.PersonKey == "" || it.Channel == "" {
			return fmt.Errorf("enqueue outbox item %d: empty id, channel or person key: %w", i, errInvalid)
		}
	}
	return nil
}

// encodeReply serialises a reply for the outbox.
func encodeReply(r bot.Reply) (string, error) {
	b, err := json.Marshal(toReplyRecords([]bot.Reply{r})[0])
	if err != nil {
		return "", fmt.Errorf("encode reply: %w", err)
	}
	return string(b), nil
}

// decodeReply reads a reply stored by encodeReply.
func decodeReply(s string) (bot.Reply, error) {
	var rec replyRecord
	if err := json.Unmarshal([]byte(s), &rec); err != nil {
		return bot.Reply{}, fmt.Errorf("decode reply: %w", err)
	}
	return fromReplyRecords([]replyRecord{rec})[0], nil
}
