package storetest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"sportello/bot"
)

// NewLeases returns empty named leases that read time from clock. It must clean up
// after itself with t.Cleanup.
type NewLeases func(t *testing.T, clock *FakeClock) bot.Leases

// RunLeases runs the conformance suite of bot.Leases, one subtest per contract, each on
// new leases.
func RunLeases(t *testing.T, newLeases NewLeases) {
	for _, tc := range []struct {
		name string
		fn   func(t *testing.T, l bot.Leases, clock *FakeClock)
	}{
		{"LeaseAcquireExtend", testLeaseAcquireExtend},
		{"LeaseExpiry", testLeaseExpiry},
		{"LeaseRelease", testLeaseRelease},
		{"LeaseConcurrentAcquire", testLeaseConcurrentAcquire},
		{"LeaseInvalid", testLeaseInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := NewFakeClock(Epoch)
			tc.fn(t, newLeases(t, clock), clock)
		})
	}
}

const leaseName = "poll:telegram"

// checkAcquire fails t unless holder's Acquire of name reports want.
func checkAcquire(t *testing.T, l bot.Leases, name, holder string, want bool) {
	t.Helper()
	got, err := l.Acquire(t.Context(), name, holder, ttl)
	mustOK(t, "Acquire("+name+", "+holder+")", err)
	if got != want {
		t.Fatalf("Acquire(%s, %s) = %v, want %v", name, holder, got, want)
	}
}

// testLeaseAcquireExtend: the first holder gets the lease, another is refused while it
// is live, and the holder extends it past its first end.
func testLeaseAcquireExtend(t *testing.T, l bot.Leases, clock *FakeClock) {
	checkAcquire(t, l, leaseName, "anna", true)
	checkAcquire(t, l, leaseName, "bruno", false)
	checkAcquire(t, l, "poll:whatsapp", "bruno", true) // names are independent
	clock.Advance(ttl - time.Second)
	checkAcquire(t, l, leaseName, "anna", true)
	clock.Advance(2 * time.Second) // past the first end, before the extended one
	checkAcquire(t, l, leaseName, "bruno", false)
	clock.Advance(ttl - 2*time.Second - time.Millisecond)
	checkAcquire(t, l, leaseName, "bruno", false)
	clock.Advance(time.Millisecond) // a lease is live strictly before its end
	checkAcquire(t, l, leaseName, "bruno", true)
}

// testLeaseExpiry: once a lease has ended another holder takes it, and the first holder
// is then refused.
func testLeaseExpiry(t *testing.T, l bot.Leases, clock *FakeClock) {
	checkAcquire(t, l, leaseName, "anna", true)
	clock.Advance(ttl - time.Millisecond)
	checkAcquire(t, l, leaseName, "bruno", false)
	clock.Advance(time.Millisecond)
	checkAcquire(t, l, leaseName, "bruno", true)
	checkAcquire(t, l, leaseName, "anna", false)
}

// testLeaseRelease: a Release by a non-holder does nothing; the holder's lets another
// take the lease at once.
func testLeaseRelease(t *testing.T, l bot.Leases, clock *FakeClock) {
	ctx := t.Context()
	checkAcquire(t, l, leaseName, "anna", true)
	mustOK(t, "Release by bruno", l.Release(ctx, leaseName, "bruno"))
	mustOK(t, "Release of another name", l.Release(ctx, "poll:whatsapp", "anna"))
	checkAcquire(t, l, leaseName, "bruno", false)
	clock.Advance(time.Second)
	mustOK(t, "Release by anna", l.Release(ctx, leaseName, "anna"))
	checkAcquire(t, l, leaseName, "bruno", true)
	mustOK(t, "Release by anna again", l.Release(ctx, leaseName, "anna"))
	checkAcquire(t, l, leaseName, "chen", false)
}

// testLeaseConcurrentAcquire: of holders racing for a free lease, exactly one gets it.
func testLeaseConcurrentAcquire(t *testing.T, l bot.Leases, _ *FakeClock) {
	for round := range 3 {
		name := fmt.Sprintf("poll:round-%d", round)
		const n = 8
		var (
			wg  sync.WaitGroup
			mu  sync.Mutex
			won []string
		)
		for i := range n {
			wg.Go(func() {
				holder := fmt.Sprintf("instance-%d", i)
				ok, err := l.Acquire(t.Context(), name, holder, ttl)
				if err != nil {
					t.Errorf("round %d: Acquire by %s: %v", round, holder, err)
					return
				}
				if ok {
					mu.Lock()
					won = append(won, holder)
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if len(won) != 1 {
			t.Fatalf("round %d: %d of %d concurrent Acquires won (%v), want exactly 1", round, len(won), n, won)
		}
		checkAcquire(t, l, name, won[0], true)
	}
}

// testLeaseInvalid: an empty name or holder, or a ttl under a millisecond, is refused
// and takes nothing.
func testLeaseInvalid(t *testing.T, l bot.Leases, _ *FakeClock) {
	ctx := t.Context()
	for _, tc := range []struct {
		name, holder string
		ttl          time.Duration
	}{
		{"", "anna", ttl}, {leaseName, "", ttl}, {leaseName, "anna", 0}, {leaseName, "anna", -time.Second},
	} {
		if ok, err := l.Acquire(ctx, tc.name, tc.holder, tc.ttl); err == nil || ok {
			t.Errorf("Acquire(%q, %q, %v) = %v, %v; want an error", tc.name, tc.holder, tc.ttl, ok, err)
		}
	}
	for _, tc := range [][2]string{{"", "anna"}, {leaseName, ""}} {
		if err := l.Release(ctx, tc[0], tc[1]); err == nil {
			t.Errorf("Release(%q, %q) succeeded, want an error", tc[0], tc[1])
		}
	}
	checkAcquire(t, l, leaseName, "bruno", true)
}
