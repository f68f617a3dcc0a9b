package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"sportello/locales"
)

// Relay carries what people write through the engine: it takes messages from the inbox,
// hands them to the engine and puts the replies in the outbox, so that a crash at any
// point loses nothing and answers nothing twice (see the diagram in queue.go). It also
// puts moderators' answers in the outbox.
type Relay struct {
	Engine *Engine
	Inbox  Inbox
	Outbox Outbox
	// Parts splits a reply into the messages a channel sends one by one (Telegram's
	// length limit), so that each outbox item is exactly one network message and a
	// retry never sends a part twice. A channel without an entry sends a reply as one.
	Parts map[string]func(Reply) []Reply
	// Worker names this process in the inbox's leases.
	Worker string
	// Workers is how many messages are handled at once (of different people); 4 if 0.
	Workers int
	// Lease is how long a message is held by a worker before another may take it;
	// 15 seconds if 0. It must exceed the slowest Engine.Handle by far.
	Lease time.Duration
	// Idle is how often idle workers look for messages put by other processes, or whose
	// lease ran out; one second if 0. Messages put through this process wake them at once.
	Idle time.Duration
	// Sent, if set, is told when replies were put in the outbox of a channel.
	Sent func(channel string)

	wake     chan struct{}
	initOnce sync.Once
}

// MaxAttempts is how many times a message is handed to the engine before Sportello
// gives up on it, tells the person something went wrong and moves on, so that one
// message that always fails cannot block a person's queue.
const MaxAttempts = 5

func (r *Relay) init() {
	r.initOnce.Do(func() {
		r.wake = make(chan struct{}, 1)
		if r.Workers <= 0 {
			r.Workers = 4
		}
		if r.Lease <= 0 {
			r.Lease = 15 * time.Second
		}
		if r.Idle <= 0 {
			r.Idle = time.Second
		}
		if r.Worker == "" {
			r.Worker = "relay"
		}
	})
}

// Notify wakes the workers: a channel calls it after putting a message in the inbox.
func (r *Relay) Notify() {
	r.init()
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Run handles inbox messages until ctx is done, then waits for the messages in hand.
func (r *Relay) Run(ctx context.Context) error {
	r.init()
	var wg sync.WaitGroup
	for i := range r.Workers {
		worker := r.Worker + "/" + strconv.Itoa(i)
		wg.Go(func() { r.work(ctx, worker) })
	}
	wg.Wait()
	return nil
}

func (r *Relay) work(ctx context.Context, worker string) {
	log := r.Engine.Log
	var failures int
	for ctx.Err() == nil {
		items, err := r.Inbox.Next(ctx, worker, 1, r.Lease)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			failures++
			log.Error("inbox unavailable", slog.String("error", err.Error()))
			Sleep(ctx, backoff(failures, 5*time.Second))
			continue
		}
		failures = 0
		if len(items) == 0 {
			select {
			case <-ctx.Done():
			case <-r.wake:
			case <-time.After(r.Idle):
			}
			continue
		}
		for _, it := range items {
			// A message in hand is finished even while shutting down: its lease would
			// only make the person wait for another process.
			r.handle(context.WithoutCancel(ctx), it)
		}
	}
}

// handle takes one inbox item through the engine. The item is marked done only once
// its replies are in the outbox; on failure it stays leased and is handed out again.
func (r *Relay) handle(ctx context.Context, it InboxItem) {
	log := r.Engine.Log.With(slog.String("item", it.ID), slog.String("channel", it.Channel))
	channel, sender, err := r.Engine.Identities.OpenAddress(it.Address)
	if err != nil || channel != it.Channel {
		// Sealed under another secret: it can be neither answered nor retried.
		log.Error("inbox item address cannot be opened; dropped", slog.Any("error", err))
		r.done(ctx, log, it.ID)
		return
	}
	in := Inbound{
		Content: it.Content, Channel: it.Channel, Sender: sender, MessageID: it.MessageID,
		Text: it.Text, Option: it.Option, LangHint: it.LangHint, At: it.At,
	}
	replies, herr := r.Engine.Handle(ctx, in)
	if herr != nil && it.Attempts >= MaxAttempts {
		log.Error("message failed too often; the person is told", slog.Int("attempts", it.Attempts), slog.String("error", herr.Error()))
		lang := locales.English
		if c, err := r.Engine.Conversations.GetConversation(ctx, it.PersonKey); err == nil && c.Lang != "" {
			lang = c.Lang
		}
		replies = append(replies, Reply{Lang: lang, Text: r.Engine.Messages.T(lang, "error.generic", nil)})
		herr = nil
	}
	// The emergency numbers come back even with an error: they go out now.
	if err := r.enqueue(ctx, it, replies); err != nil {
		log.Error("outbox unavailable; the message will be handled again", slog.String("error", err.Error()))
		return
	}
	if herr != nil {
		log.Warn("message not handled; it will be handled again", slog.Int("attempts", it.Attempts), slog.String("error", herr.Error()))
		return
	}
	r.done(ctx, log, it.ID)
}

func (r *Relay) done(ctx context.Context, log *slog.Logger, id string) {
	if err := r.Inbox.Done(ctx, id); err != nil {
		// Handled again later, the engine returns the same replies, which the outbox
		// already holds: nothing is sent twice.
		log.Error("inbox item not marked done", slog.String("error", err.Error()))
	}
}

// enqueue puts replies in the outbox under IDs derived from the inbox item, so that
// handling the item again enqueues nothing new.
func (r *Relay) enqueue(ctx context.Context, it InboxItem, replies []Reply) error {
	if len(replies) == 0 {
		return nil
	}
	now := r.Engine.Clock.Now()
	var items []OutboxItem
	for i, rep := range replies {
		for j, part := range r.parts(it.Channel, rep) {
			items = append(items, OutboxItem{
				ID:      it.ID + "#" + strconv.Itoa(i) + "." + strconv.Itoa(j),
				Channel: it.Channel, PersonKey: it.PersonKey, Address: it.Address,
				Reply: part, CreatedAt: now,
			})
		}
	}
	if err := r.Outbox.Enqueue(ctx, items...); err != nil {
		return err
	}
	if r.Sent != nil {
		r.Sent(it.Channel)
	}
	return nil
}

func (r *Relay) parts(channel string, rep Reply) []Reply {
	if split := r.Parts[channel]; split != nil {
		return split(rep)
	}
	return []Reply{rep}
}

// ModeratorReply sends a moderator's answer to the person of an escalation: it goes to
// the outbox first, then into the escalation's transcript under the moderator's lease.
// Sending the same text again under the same lease sends nothing twice. It returns the
// outbox item's id, to follow its delivery with Outbox.Status.
func (r *Relay) ModeratorReply(ctx context.Context, escalationID string, l Lease, text string) (string, error) {
	text = cleanText(text)
	if text == "" {
		return "", errors.New("moderator reply: empty text")
	}
	esc, err := r.Engine.Escalations.GetEscalation(ctx, escalationID)
	if err != nil {
		return "", fmt.Errorf("moderator reply: %w", err)
	}
	now := r.Engine.Clock.Now()
	switch {
	case esc.Status == StatusResolved:
		return "", fmt.Errorf("moderator reply: %w", ErrResolved)
	case esc.Lease.By != l.By || esc.Lease.Token != l.Token || !esc.Lease.Live(now):
		return "", fmt.Errorf("moderator reply: %w", ErrLeaseLost)
	}
	sum := sha256.Sum256([]byte(strconv.FormatInt(l.Token, 10) + "\x00" + text))
	id := "m:" + esc.ID + ":" + hex.EncodeToString(sum[:8])
	msg := Reply{Lang: esc.Lang, Title: r.Engine.Messages.T(esc.Lang, "moderator.reply", nil), Text: text}
	last, err := r.enqueueTo(ctx, esc, id, msg)
	if err != nil {
		return "", fmt.Errorf("moderator reply: %w", err)
	}
	for _, t := range esc.Transcript {
		if t.Ref == last {
			return last, nil // sent before (a double click): in the transcript already
		}
	}
	if err := r.Engine.Escalations.Answer(ctx, esc.ID, l, text, last); err != nil {
		return "", fmt.Errorf("moderator reply: %w", err)
	}
	return last, nil
}

// Resolve closes an escalation under the moderator's lease and tells the person, in
// their language, that the bot has taken over again.
func (r *Relay) Resolve(ctx context.Context, escalationID string, l Lease) error {
	esc, err := r.Engine.Escalations.GetEscalation(ctx, escalationID)
	if err != nil {
		return fmt.Errorf("resolve: %w", err)
	}
	if err := r.Engine.Escalations.Resolve(ctx, esc.ID, l); err != nil {
		return fmt.Errorf("resolve: %w", err)
	}
	msg := Reply{Lang: esc.Lang, Text: r.Engine.Messages.T(esc.Lang, "escalation.resolved",
		map[string]any{"Command": locales.Isolate(esc.Lang, "/person")})}
	if _, err := r.enqueueTo(ctx, esc, "r:"+esc.ID, msg); err != nil {
		return fmt.Errorf("resolve: closing message: %w", err)
	}
	return nil
}

// enqueueTo puts msg in the outbox for the person of esc, under id and its part
// numbers, and returns the id of the last part.
func (r *Relay) enqueueTo(ctx context.Context, esc *Escalation, id string, msg Reply) (string, error) {
	var items []OutboxItem
	for j, part := range r.parts(esc.Channel, msg) {
		items = append(items, OutboxItem{
			ID: id + "." + strconv.Itoa(j), Channel: esc.Channel, PersonKey: esc.PersonKey,
			Address: esc.Address, Reply: part, CreatedAt: r.Engine.Clock.Now(),
		})
	}
	if err := r.Outbox.Enqueue(ctx, items...); err != nil {
		return "", err
	}
	if r.Sent != nil {
		r.Sent(esc.Channel)
	}
	return items[len(items)-1].ID, nil
}

// backoff is how long to wait after the n-th failure in a row: doubling from 100 ms,
// at most max.
func backoff(n int, max time.Duration) time.Duration {
	d := 100 * time.Millisecond << min(n-1, 20)
	return min(d, max)
}

// Sleep waits d or until ctx is done.
func Sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
