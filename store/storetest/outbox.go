package storetest

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
	"time"

	"sportello/bot"
)

var outboxTests = []queuesTest{
	{"OutboxIdempotentEnqueue", testOutboxIdempotentEnqueue},
	{"OutboxOrderPerPerson", testOutboxOrderPerPerson},
	{"OutboxUrgentFirst", testOutboxUrgentFirst},
	{"OutboxNotBeforeRetry", testOutboxNotBeforeRetry},
	{"OutboxLeaseExpiry", testOutboxLeaseExpiry},
	{"OutboxFail", testOutboxFail},
	{"OutboxChannels", testOutboxChannels},
	{"OutboxConcurrentNext", testOutboxConcurrentNext},
	{"OutboxStatusSent", testOutboxStatusSent},
	{"OutboxStatusFailed", testOutboxStatusFailed},
	{"OutboxStatusForgotten", testOutboxStatusForgotten},
}

func outboxItem(clock *FakeClock, channel, person string, n int, urgent bool) bot.OutboxItem {
	return bot.OutboxItem{
		ID: fmt.Sprintf("%s:%s-m:%d", channel, person, n), Channel: channel, PersonKey: person,
		Address: []byte{0xfe, 0, byte(n)},
		Reply: bot.Reply{Lang: "uk", Title: "Titolo", Text: fmt.Sprintf("risposta %d", n),
			Options: []bot.Option{{ID: "person", Label: "Persona"}}, Urgent: urgent},
		CreatedAt: clock.Now(),
	}
}

func mustEnqueue(t *testing.T, out bot.Outbox, items ...bot.OutboxItem) {
	t.Helper()
	mustOK(t, "Enqueue", out.Enqueue(t.Context(), items...))
}

func mustNextOut(t *testing.T, out bot.Outbox, channel string, n int) []bot.OutboxItem {
	t.Helper()
	items, err := out.Next(t.Context(), channel, "w1", n, leaseTTL)
	mustOK(t, "Outbox.Next("+channel+")", err)
	return items
}

func outIDs(items []bot.OutboxItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.ID
	}
	return out
}

func mustSent(t *testing.T, out bot.Outbox, id string) {
	t.Helper()
	mustOK(t, "Sent("+id+")", out.Sent(t.Context(), id))
}

// checkStatus fails t unless the outbox tells want of id.
func checkStatus(t *testing.T, out bot.Outbox, id string, want bot.Delivery) {
	t.Helper()
	got, err := out.Status(t.Context(), id)
	mustOK(t, "Status("+id+")", err)
	if got != want {
		t.Fatalf("Status(%s) = %q, want %q", id, got, want)
	}
}

func wantStatusNotFound(t *testing.T, out bot.Outbox, id string) {
	t.Helper()
	got, err := out.Status(t.Context(), id)
	if !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("Status(%s) = %q, %v; want %v", id, got, err, bot.ErrNotFound)
	}
}

func testOutboxIdempotentEnqueue(t *testing.T, _ bot.Inbox, out bot.Outbox, clock *FakeClock) {
	a, b := outboxItem(clock, "telegram", "anna", 0, false), outboxItem(clock, "telegram", "anna", 1, false)
	mustEnqueue(t, out, a, b)
	mustEnqueue(t, out, a, b) // held: ignored
	got := mustNextOut(t, out, "telegram", 10)
	checkIDs(t, "first Next", outIDs(got), []string{a.ID})
	g := got[0]
	if g.Channel != a.Channel || g.PersonKey != a.PersonKey || !bytes.Equal(g.Address, a.Address) ||
		g.Reply.Lang != a.Reply.Lang || g.Reply.Title != a.Reply.Title || g.Reply.Text != a.Reply.Text ||
		len(g.Reply.Options) != 1 || g.Reply.Options[0] != a.Reply.Options[0] || g.Reply.Urgent ||
		g.Attempts != 0 || !g.CreatedAt.Equal(a.CreatedAt) {
		t.Fatalf("item = %+v, want %+v", g, a)
	}
	// Enqueueing a held item again changes neither its place nor its count.
	mustOK(t, "Retry", out.Retry(t.Context(), a.ID, clock.Now()))
	mustEnqueue(t, out, a)
	got = mustNextOut(t, out, "telegram", 10)
	checkIDs(t, "Next after enqueueing a held item again", outIDs(got), []string{a.ID})
	if got[0].Attempts != 1 {
		t.Fatalf("Attempts after Retry and a repeated Enqueue = %d, want 1", got[0].Attempts)
	}
	mustSent(t, out, a.ID)
	mustSent(t, out, a.ID)    // Sent is idempotent
	mustEnqueue(t, out, a, b) // a crashed worker's re-run
	checkIDs(t, "Next after a re-enqueue", outIDs(mustNextOut(t, out, "telegram", 10)), []string{b.ID})
	mustSent(t, out, b.ID)
	checkIDs(t, "Next after all were sent", outIDs(mustNextOut(t, out, "telegram", 10)), nil)
	mustEnqueue(t, out, a, b)
	checkIDs(t, "Next after re-enqueueing sent items", outIDs(mustNextOut(t, out, "telegram", 10)), nil)
}

func testOutboxOrderPerPerson(t *testing.T, _ bot.Inbox, out bot.Outbox, clock *FakeClock) {
	var a, b []string
	for i := range 3 {
		clock.Advance(time.Second)
		ia, ib := outboxItem(clock, "telegram", "anna", i, false), outboxItem(clock, "telegram", "bilal", i, false)
		mustEnqueue(t, out, ia, ib)
		a, b = append(a, ia.ID), append(b, ib.ID)
	}
	checkIDs(t, "first Next", outIDs(mustNextOut(t, out, "telegram", 10)), []string{a[0], b[0]})
	checkIDs(t, "Next while both are leased", outIDs(mustNextOut(t, out, "telegram", 10)), nil)
	mustSent(t, out, b[0])
	checkIDs(t, "Next after bilal's Sent", outIDs(mustNextOut(t, out, "telegram", 10)), []string{b[1]})
	mustSent(t, out, a[0])
	mustSent(t, out, b[1])
	checkIDs(t, "Next with n=1", outIDs(mustNextOut(t, out, "telegram", 1)), []string{a[1]})
	checkIDs(t, "Next with n=1 again", outIDs(mustNextOut(t, out, "telegram", 1)), []string{b[2]})
}

func testOutboxUrgentFirst(t *testing.T, _ bot.Inbox, out bot.Outbox, clock *FakeClock) {
	calm := outboxItem(clock, "whatsapp", "anna", 0, false)
	clock.Advance(time.Second)
	calm2 := outboxItem(clock, "whatsapp", "bilal", 0, false)
	clock.Advance(time.Second)
	urgent := outboxItem(clock, "whatsapp", "chen", 0, true)
	mustEnqueue(t, out, calm)
	mustEnqueue(t, out, calm2)
	mustEnqueue(t, out, urgent)
	got := mustNextOut(t, out, "whatsapp", 10)
	checkIDs(t, "Next", outIDs(got), []string{urgent.ID, calm.ID, calm2.ID})
	if !got[0].Reply.Urgent {
		t.Fatal("urgent reply read back as not urgent")
	}
}

func testOutboxNotBeforeRetry(t *testing.T, _ bot.Inbox, out bot.Outbox, clock *FakeClock) {
	first, second := outboxItem(clock, "telegram", "dara", 0, false), outboxItem(clock, "telegram", "dara", 1, false)
	later := outboxItem(clock, "telegram", "emre", 0, false)
	later.NotBefore = clock.Now().Add(time.Minute)
	mustEnqueue(t, out, first, second, later)
	checkIDs(t, "Next", outIDs(mustNextOut(t, out, "telegram", 10)), []string{first.ID})

	retryAt := clock.Now().Add(30 * time.Second)
	mustOK(t, "Retry", out.Retry(t.Context(), first.ID, retryAt))
	checkIDs(t, "Next after Retry", outIDs(mustNextOut(t, out, "telegram", 10)), nil)
	clock.Advance(30 * time.Second)
	got := mustNextOut(t, out, "telegram", 10)
	checkIDs(t, "Next when the retry is due", outIDs(got), []string{first.ID})
	if got[0].Attempts != 1 || !got[0].NotBefore.Equal(retryAt) {
		t.Fatalf("after Retry: Attempts %d NotBefore %v, want 1 %v", got[0].Attempts, got[0].NotBefore, retryAt)
	}
	clock.Advance(30 * time.Second)
	checkIDs(t, "Next when emre's item is due", outIDs(mustNextOut(t, out, "telegram", 10)), []string{later.ID})
	mustSent(t, out, first.ID)
	checkIDs(t, "Next after Sent", outIDs(mustNextOut(t, out, "telegram", 10)), []string{second.ID})
	err := out.Retry(t.Context(), "telegram:none", clock.Now())
	if !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("Retry of an unknown id: error %v, want %v", err, bot.ErrNotFound)
	}
}

func testOutboxLeaseExpiry(t *testing.T, _ bot.Inbox, out bot.Outbox, clock *FakeClock) {
	it := outboxItem(clock, "telegram", "faisal", 0, false)
	mustEnqueue(t, out, it)
	mustNextOut(t, out, "telegram", 10)
	clock.Advance(leaseTTL - time.Millisecond)
	checkIDs(t, "Next while leased", outIDs(mustNextOut(t, out, "telegram", 10)), nil)
	clock.Advance(time.Millisecond)
	got := mustNextOut(t, out, "telegram", 10)
	checkIDs(t, "Next after the lease ended", outIDs(got), []string{it.ID})
	if got[0].Attempts != 1 {
		t.Fatalf("Attempts after a lease ran out = %d, want 1", got[0].Attempts)
	}
	// The count is kept: a Retry adds to it.
	mustOK(t, "Retry", out.Retry(t.Context(), it.ID, clock.Now()))
	got = mustNextOut(t, out, "telegram", 10)
	checkIDs(t, "Next after Retry", outIDs(got), []string{it.ID})
	if got[0].Attempts != 2 {
		t.Fatalf("Attempts after a lapsed lease and a Retry = %d, want 2", got[0].Attempts)
	}
}

func testOutboxFail(t *testing.T, _ bot.Inbox, out bot.Outbox, clock *FakeClock) {
	var mine []bot.OutboxItem
	for i := range 3 {
		mine = append(mine, outboxItem(clock, "telegram", "gul", i, false))
	}
	other := outboxItem(clock, "telegram", "hana", 0, false)
	elsewhere := outboxItem(clock, "whatsapp", "gul", 0, false)
	mustEnqueue(t, out, mine...)
	mustEnqueue(t, out, other, elsewhere)
	checkIDs(t, "Next", outIDs(mustNextOut(t, out, "telegram", 10)), []string{mine[0].ID, other.ID})
	n, err := out.Fail(t.Context(), mine[0].ID)
	mustOK(t, "Fail", err)
	if n != 2 {
		t.Fatalf("Fail removed %d other items, want 2", n)
	}
	mustSent(t, out, other.ID)
	checkIDs(t, "Next after Fail", outIDs(mustNextOut(t, out, "telegram", 10)), nil)
	checkIDs(t, "the person's items on another channel", outIDs(mustNextOut(t, out, "whatsapp", 10)),
		[]string{elsewhere.ID})
	n, err = out.Fail(t.Context(), mine[0].ID)
	mustOK(t, "Fail again", err)
	if n != 0 {
		t.Fatalf("Fail again removed %d items, want 0", n)
	}
}

func testOutboxChannels(t *testing.T, _ bot.Inbox, out bot.Outbox, clock *FakeClock) {
	tg, wa := outboxItem(clock, "telegram", "ines", 0, false), outboxItem(clock, "whatsapp", "ines", 0, false)
	mustEnqueue(t, out, tg, wa)
	checkIDs(t, "telegram", outIDs(mustNextOut(t, out, "telegram", 10)), []string{tg.ID})
	checkIDs(t, "whatsapp", outIDs(mustNextOut(t, out, "whatsapp", 10)), []string{wa.ID})
	checkIDs(t, "terminal", outIDs(mustNextOut(t, out, "terminal", 10)), nil)
}

func testOutboxConcurrentNext(t *testing.T, _ bot.Inbox, out bot.Outbox, clock *FakeClock) {
	const persons, each = 10, 3
	for i := range each {
		for p := range persons {
			mustEnqueue(t, out, outboxItem(clock, "telegram", fmt.Sprintf("p%02d", p), i, p%3 == 0))
		}
	}
	got := drainConcurrently(t, func(worker string) ([]handedOut, error) {
		items, err := out.Next(t.Context(), "telegram", worker, 3, time.Hour)
		hs := make([]handedOut, len(items))
		for i, it := range items {
			hs[i] = handedOut{it.ID, it.PersonKey}
		}
		return hs, err
	}, func(id string) error { return out.Sent(t.Context(), id) })
	if got != persons*each {
		t.Fatalf("%d items handed out, want %d", got, persons*each)
	}
}

// testOutboxStatusSent: an item is queued while it waits, is leased or is put back,
// and sent once Sent; an id never enqueued is unknown.
func testOutboxStatusSent(t *testing.T, _ bot.Inbox, out bot.Outbox, clock *FakeClock) {
	it := outboxItem(clock, "telegram", "jun", 0, false)
	wantStatusNotFound(t, out, it.ID)
	mustEnqueue(t, out, it)
	checkStatus(t, out, it.ID, bot.DeliveryQueued)
	mustNextOut(t, out, "telegram", 10)
	checkStatus(t, out, it.ID, bot.DeliveryQueued)
	mustOK(t, "Retry", out.Retry(t.Context(), it.ID, clock.Now().Add(time.Minute)))
	checkStatus(t, out, it.ID, bot.DeliveryQueued)
	clock.Advance(time.Minute)
	mustNextOut(t, out, "telegram", 10)
	mustSent(t, out, it.ID)
	checkStatus(t, out, it.ID, bot.DeliverySent)
	mustSent(t, out, it.ID)
	checkStatus(t, out, it.ID, bot.DeliverySent)
	wantStatusNotFound(t, out, "telegram:none")
}

// testOutboxStatusFailed: Fail marks failed the item and the person's other items it
// removed, and no one else's.
func testOutboxStatusFailed(t *testing.T, _ bot.Inbox, out bot.Outbox, clock *FakeClock) {
	var mine []bot.OutboxItem
	for i := range 3 {
		mine = append(mine, outboxItem(clock, "telegram", "kemal", i, false))
	}
	other, elsewhere := outboxItem(clock, "telegram", "lina", 0, false), outboxItem(clock, "whatsapp", "kemal", 0, false)
	mustEnqueue(t, out, mine...)
	mustEnqueue(t, out, other, elsewhere)
	mustNextOut(t, out, "telegram", 10)
	_, err := out.Fail(t.Context(), mine[0].ID)
	mustOK(t, "Fail", err)
	for _, it := range mine {
		checkStatus(t, out, it.ID, bot.DeliveryFailed)
	}
	checkStatus(t, out, other.ID, bot.DeliveryQueued)
	checkStatus(t, out, elsewhere.ID, bot.DeliveryQueued)
	mustSent(t, out, other.ID)
	checkStatus(t, out, other.ID, bot.DeliverySent)
}

// testOutboxStatusForgotten: what became of an item is told for bot.DedupeWindow, then
// forgotten with its id, which may then be enqueued again.
func testOutboxStatusForgotten(t *testing.T, _ bot.Inbox, out bot.Outbox, clock *FakeClock) {
	sent, failed := outboxItem(clock, "telegram", "mara", 0, false), outboxItem(clock, "telegram", "nour", 0, false)
	mustEnqueue(t, out, sent, failed)
	mustSent(t, out, sent.ID)
	_, err := out.Fail(t.Context(), failed.ID)
	mustOK(t, "Fail", err)
	clock.Advance(bot.DedupeWindow - time.Second)
	checkStatus(t, out, sent.ID, bot.DeliverySent)
	checkStatus(t, out, failed.ID, bot.DeliveryFailed)
	clock.Advance(2 * time.Second)
	wantStatusNotFound(t, out, sent.ID)
	wantStatusNotFound(t, out, failed.ID)
	mustEnqueue(t, out, outboxItem(clock, "telegram", "omar", 0, false)) // forgets lazily
	wantStatusNotFound(t, out, sent.ID)
	wantStatusNotFound(t, out, failed.ID)
	mustEnqueue(t, out, sent)
	checkStatus(t, out, sent.ID, bot.DeliveryQueued)
}
