package storetest

import (
	"bytes"
	"fmt"
	"sync"
	"testing"
	"time"

	"sportello/bot"
)

// NewQueues returns an empty inbox and outbox that read time from clock. It must clean
// up after itself with t.Cleanup.
type NewQueues func(t *testing.T, clock *FakeClock) (bot.Inbox, bot.Outbox)

type queuesTest struct {
	name string
	fn   func(t *testing.T, in bot.Inbox, out bot.Outbox, clock *FakeClock)
}

// RunQueues runs the conformance suite of bot.Inbox and bot.Outbox, one subtest per
// contract, each on new queues.
func RunQueues(t *testing.T, newQueues NewQueues) {
	var tests []queuesTest
	tests = append(tests, inboxTests...)
	tests = append(tests, outboxTests...)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := NewFakeClock(Epoch)
			in, out := newQueues(t, clock)
			tc.fn(t, in, out, clock)
		})
	}
}

var inboxTests = []queuesTest{
	{"InboxPutDedupe", testInboxPutDedupe},
	{"InboxContent", testInboxContent},
	{"InboxOrderPerPerson", testInboxOrderPerPerson},
	{"InboxLeaseExpiry", testInboxLeaseExpiry},
	{"InboxDoneIdempotent", testInboxDoneIdempotent},
	{"InboxConcurrentNext", testInboxConcurrentNext},
}

const leaseTTL = time.Minute

func inboxItem(clock *FakeClock, person string, n int) bot.InboxItem {
	return bot.InboxItem{
		ID: fmt.Sprintf("telegram:%s-%d", person, n), Channel: "telegram", PersonKey: person,
		Address: []byte{0, 0xff, byte(n)}, MessageID: fmt.Sprintf("%s-%d", person, n),
		Text: fmt.Sprintf("messaggio %d", n), Option: "lang:it", LangHint: "it", At: clock.Now(),
	}
}

func mustPut(t *testing.T, in bot.Inbox, it bot.InboxItem) bool {
	t.Helper()
	fresh, err := in.Put(t.Context(), it)
	mustOK(t, "Put("+it.ID+")", err)
	return fresh
}

func mustNextIn(t *testing.T, in bot.Inbox, n int) []bot.InboxItem {
	t.Helper()
	items, err := in.Next(t.Context(), "w1", n, leaseTTL)
	mustOK(t, "Inbox.Next", err)
	return items
}

func inIDs(items []bot.InboxItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.ID
	}
	return out
}

func testInboxPutDedupe(t *testing.T, in bot.Inbox, _ bot.Outbox, clock *FakeClock) {
	it := inboxItem(clock, "anna", 1)
	if !mustPut(t, in, it) {
		t.Fatal("first Put reported the item as seen")
	}
	if mustPut(t, in, it) {
		t.Fatal("second Put of the same id reported it as new")
	}
	got := mustNextIn(t, in, 10)
	checkIDs(t, "items after two Puts", inIDs(got), []string{it.ID})
	g := got[0]
	if g.Content != it.Content || g.Channel != it.Channel || g.PersonKey != it.PersonKey || !bytes.Equal(g.Address, it.Address) ||
		g.MessageID != it.MessageID || g.Text != it.Text || g.Option != it.Option ||
		g.LangHint != it.LangHint || !g.At.Equal(it.At) || g.Attempts != 1 {
		t.Fatalf("item = %+v, want %+v with Attempts 1", g, it)
	}
	// Done does not make the id new again within the window.
	mustOK(t, "Done", in.Done(t.Context(), it.ID))
	clock.Advance(bot.DedupeWindow - time.Second)
	if mustPut(t, in, it) {
		t.Fatal("Put after Done, within DedupeWindow, reported the item as new")
	}
	checkIDs(t, "items after a Put within the window", inIDs(mustNextIn(t, in, 10)), nil)
	clock.Advance(2 * time.Second)
	if !mustPut(t, in, it) {
		t.Fatal("Put after DedupeWindow reported the item as seen")
	}
	// An item still waiting is never stored twice, however old.
	waiting := inboxItem(clock, "bruna", 1)
	mustPut(t, in, waiting)
	clock.Advance(bot.DedupeWindow + time.Second)
	if mustPut(t, in, waiting) {
		t.Fatal("Put of an item still in the inbox reported it as new")
	}
	checkIDs(t, "items after a late redelivery", inIDs(mustNextIn(t, in, 10)), []string{it.ID, waiting.ID})
}

// testInboxContent: every kind of content comes back as it was put.
func testInboxContent(t *testing.T, in bot.Inbox, _ bot.Outbox, clock *FakeClock) {
	contents := []bot.Content{bot.ContentText, bot.ContentMedia, bot.ContentLocation,
		bot.ContentEdited, bot.ContentGroup, bot.ContentBlocked}
	var want []string
	for i, c := range contents {
		it := inboxItem(clock, fmt.Sprintf("p%d", i), 0)
		it.Content = c
		mustPut(t, in, it)
		want = append(want, it.ID)
	}
	got := mustNextIn(t, in, 10)
	checkIDs(t, "Next", inIDs(got), want)
	for i, it := range got {
		if it.Content != contents[i] {
			t.Errorf("item %s: Content %q, want %q", it.ID, it.Content, contents[i])
		}
	}
}

func testInboxOrderPerPerson(t *testing.T, in bot.Inbox, _ bot.Outbox, clock *FakeClock) {
	var a, b []string
	for i := range 3 {
		clock.Advance(time.Second)
		a = append(a, inboxItem(clock, "anna", i).ID)
		mustPut(t, in, inboxItem(clock, "anna", i))
		clock.Advance(time.Second)
		b = append(b, inboxItem(clock, "bilal", i).ID)
		mustPut(t, in, inboxItem(clock, "bilal", i))
	}
	done := func(id string) { t.Helper(); mustOK(t, "Done("+id+")", in.Done(t.Context(), id)) }
	checkIDs(t, "first Next", inIDs(mustNextIn(t, in, 10)), []string{a[0], b[0]})
	checkIDs(t, "Next while both are leased", inIDs(mustNextIn(t, in, 10)), nil)
	done(a[0])
	checkIDs(t, "Next after anna's Done", inIDs(mustNextIn(t, in, 10)), []string{a[1]})
	done(b[0])
	checkIDs(t, "Next after bilal's Done", inIDs(mustNextIn(t, in, 10)), []string{b[1]})
	done(b[1])
	done(a[1])
	checkIDs(t, "Next with n=1", inIDs(mustNextIn(t, in, 1)), []string{a[2]})
	checkIDs(t, "Next with n=1 again", inIDs(mustNextIn(t, in, 1)), []string{b[2]})
	done(a[2])
	done(b[2])
	checkIDs(t, "Next of an empty inbox", inIDs(mustNextIn(t, in, 10)), nil)
}

func testInboxLeaseExpiry(t *testing.T, in bot.Inbox, _ bot.Outbox, clock *FakeClock) {
	first, second := inboxItem(clock, "chen", 1), inboxItem(clock, "chen", 2)
	mustPut(t, in, first)
	mustPut(t, in, second)
	checkIDs(t, "first Next", inIDs(mustNextIn(t, in, 10)), []string{first.ID})
	clock.Advance(leaseTTL - time.Millisecond)
	checkIDs(t, "Next just before the lease ends", inIDs(mustNextIn(t, in, 10)), nil)
	clock.Advance(time.Millisecond)
	got := mustNextIn(t, in, 10)
	checkIDs(t, "Next after the lease ended", inIDs(got), []string{first.ID})
	if got[0].Attempts != 2 {
		t.Fatalf("Attempts after the lease ran out = %d, want 2", got[0].Attempts)
	}
	mustOK(t, "Done", in.Done(t.Context(), first.ID))
	got = mustNextIn(t, in, 10)
	checkIDs(t, "Next after Done", inIDs(got), []string{second.ID})
	if got[0].Attempts != 1 {
		t.Fatalf("Attempts of a new item = %d, want 1", got[0].Attempts)
	}
}

func testInboxDoneIdempotent(t *testing.T, in bot.Inbox, _ bot.Outbox, clock *FakeClock) {
	it := inboxItem(clock, "dara", 1)
	mustPut(t, in, it)
	mustNextIn(t, in, 10)
	for range 2 {
		mustOK(t, "Done", in.Done(t.Context(), it.ID))
	}
	mustOK(t, "Done of an unknown id", in.Done(t.Context(), "telegram:nope"))
	clock.Advance(2 * leaseTTL)
	checkIDs(t, "Next after Done", inIDs(mustNextIn(t, in, 10)), nil)
}

func testInboxConcurrentNext(t *testing.T, in bot.Inbox, _ bot.Outbox, clock *FakeClock) {
	const persons, each = 10, 3
	for i := range each {
		for p := range persons {
			mustPut(t, in, inboxItem(clock, fmt.Sprintf("p%02d", p), i))
		}
	}
	got := drainConcurrently(t, func(worker string) ([]handedOut, error) {
		items, err := in.Next(t.Context(), worker, 3, time.Hour)
		out := make([]handedOut, len(items))
		for i, it := range items {
			out[i] = handedOut{it.ID, it.PersonKey}
		}
		return out, err
	}, func(id string) error { return in.Done(t.Context(), id) })
	if got != persons*each {
		t.Fatalf("%d items handed out, want %d", got, persons*each)
	}
}

// handedOut is what the concurrency checks need of an inbox or outbox item.
type handedOut struct{ id, person string }

// drainConcurrently has four workers take items with next and finish them, 30 rounds
// each, and fails t if an item is handed out twice or a person has two items in hand at
// once. It returns how many distinct items were handed out.
func drainConcurrently(t *testing.T, next func(worker string) ([]handedOut, error), finish func(id string) error) int {
	t.Helper()
	var (
		mu     sync.Mutex
		seen   = map[string]bool{}
		active = map[string]bool{} // persons with an item handed out and not finished
		wg     sync.WaitGroup
	)
	for w := range 4 {
		wg.Go(func() {
			for range 30 {
				items, err := next(fmt.Sprintf("w%d", w))
				if err != nil {
					t.Errorf("Next: %v", err)
					return
				}
				mu.Lock()
				for _, it := range items {
					if seen[it.id] {
						t.Errorf("item %s handed out twice", it.id)
					}
					if active[it.person] {
						t.Errorf("item %s handed out while the person has one in hand", it.id)
					}
					seen[it.id], active[it.person] = true, true
				}
				mu.Unlock()
				for _, it := range items {
					mu.Lock()
					active[it.person] = false
					mu.Unlock()
					if err := finish(it.id); err != nil {
						t.Errorf("finish %s: %v", it.id, err)
					}
				}
			}
		})
	}
	wg.Wait()
	return len(seen)
}
