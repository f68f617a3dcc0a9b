package storetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"sportello/bot"
)

var leaseTests = []suiteTest{
	{"ClaimRefusesOthers", testClaimRefusesOthers},
	{"LeaseExpiryFencing", testLeaseExpiryFencing},
	{"RenewExtends", testRenewExtends},
	{"ReleaseLetsOthersClaim", testRelease},
	{"AnswerSetsAnswered", testAnswer},
	{"ResolveIsFinal", testResolve},
	{"ForgedLease", testForgedLease},
	{"ConcurrentClaims", testConcurrentClaims},
	{"InvalidClaims", testInvalidClaims},
}

const ttl = 5 * time.Minute

func testClaimRefusesOthers(t *testing.T, s Store, clock *FakeClock) {
	e := mustCreate(t, s, newEscalation(clock, "en", false))
	clock.Advance(time.Second)
	a := mustClaim(t, s, e.ID, "anna", ttl)
	if a.By != "anna" || a.Token < 1 || !a.Until.Equal(clock.Now().Add(ttl)) {
		t.Fatalf("Claim = %+v, want anna's lease until %v", a, clock.Now().Add(ttl))
	}
	checkUTCMillis(t, "lease until", a.Until)
	got := mustGet(t, s, e.ID)
	if !got.Claimed(clock.Now()) || !sameLease(got.Lease, a) || !got.UpdatedAt.Equal(clock.Now()) {
		t.Fatalf("after claim: lease %+v claimed %v updated %v, want %+v",
			got.Lease, got.Claimed(clock.Now()), got.UpdatedAt, a)
	}

	_, err := s.Claim(t.Context(), e.ID, "bruno", ttl)
	wantErr(t, "Claim by bruno", err, bot.ErrAlreadyClaimed)

	clock.Advance(time.Minute)
	again := mustClaim(t, s, e.ID, "anna", ttl)
	if again.Token != a.Token || !again.Until.Equal(clock.Now().Add(ttl)) {
		t.Fatalf("anna claiming again = %+v, want token %d until %v", again, a.Token, clock.Now().Add(ttl))
	}
	mustOK(t, "Answer with the first lease", s.Answer(t.Context(), e.ID, a, "ok", ""))
}

func testLeaseExpiryFencing(t *testing.T, s Store, clock *FakeClock) {
	e := mustCreate(t, s, newEscalation(clock, "en", false))
	a := mustClaim(t, s, e.ID, "anna", ttl)
	clock.Advance(ttl) // a lease is live strictly before Until
	if got := mustGet(t, s, e.ID); got.Claimed(clock.Now()) {
		t.Fatalf("escalation still claimed at the end of the lease: %+v", got.Lease)
	}
	_, err := s.Renew(t.Context(), e.ID, a, ttl)
	wantErr(t, "Renew of an expired lease", err, bot.ErrLeaseLost)
	wantErr(t, "Answer under an expired lease", s.Answer(t.Context(), e.ID, a, "late", ""), bot.ErrLeaseLost)

	b := mustClaim(t, s, e.ID, "bruno", ttl)
	if b.Token <= a.Token {
		t.Fatalf("bruno's token %d is not above anna's %d", b.Token, a.Token)
	}
	ctx := t.Context()
	_, err = s.Renew(ctx, e.ID, a, ttl)
	wantErr(t, "anna's Renew", err, bot.ErrLeaseLost)
	wantErr(t, "anna's Answer", s.Answer(ctx, e.ID, a, "late", ""), bot.ErrLeaseLost)
	wantErr(t, "anna's Release", s.Release(ctx, e.ID, a), bot.ErrLeaseLost)
	wantErr(t, "anna's Resolve", s.Resolve(ctx, e.ID, a), bot.ErrLeaseLost)
	_, err = s.Claim(ctx, e.ID, "anna", ttl)
	wantErr(t, "anna's Claim", err, bot.ErrAlreadyClaimed)

	got := mustGet(t, s, e.ID)
	if got.Status != bot.StatusOpen || len(got.Transcript) != 2 || !sameLease(got.Lease, b) {
		t.Fatalf("a lost lease changed the escalation: status %q, %d turns, lease %+v",
			got.Status, len(got.Transcript), got.Lease)
	}
	mustOK(t, "bruno's Answer", s.Answer(ctx, e.ID, b, "Ecco.", ""))
	mustOK(t, "bruno's Resolve", s.Resolve(ctx, e.ID, b))
}

func testRenewExtends(t *testing.T, s Store, clock *FakeClock) {
	e := mustCreate(t, s, newEscalation(clock, "en", false))
	l := mustClaim(t, s, e.ID, "anna", ttl)
	for range 3 {
		clock.Advance(ttl - time.Second)
		r, err := s.Renew(t.Context(), e.ID, l, ttl)
		mustOK(t, "Renew", err)
		if r.By != l.By || r.Token != l.Token || !r.Until.Equal(clock.Now().Add(ttl)) {
			t.Fatalf("Renew = %+v, want token %d until %v", r, l.Token, clock.Now().Add(ttl))
		}
		l = r
	}
	if got := mustGet(t, s, e.ID); !sameLease(got.Lease, l) {
		t.Fatalf("stored lease %+v, want %+v", got.Lease, l)
	}
	_, err := s.Claim(t.Context(), e.ID, "bruno", ttl)
	wantErr(t, "Claim by bruno during a renewed lease", err, bot.ErrAlreadyClaimed)
	clock.Advance(ttl - time.Second)
	mustOK(t, "Answer under a renewed lease", s.Answer(t.Context(), e.ID, l, "ok", ""))
	// A renewal with a stale Until is fine: the store's expiry is what counts.
	stale := l
	stale.Until = time.Time{}
	_, err = s.Renew(t.Context(), e.ID, stale, ttl)
	mustOK(t, "Renew with a stale Until", err)
}

func testRelease(t *testing.T, s Store, clock *FakeClock) {
	e := mustCreate(t, s, newEscalation(clock, "en", false))
	a := mustClaim(t, s, e.ID, "anna", ttl)
	clock.Advance(time.Minute)
	mustOK(t, "Release", s.Release(t.Context(), e.ID, a))
	got := mustGet(t, s, e.ID)
	if got.Claimed(clock.Now()) || got.Status != bot.StatusOpen {
		t.Fatalf("after release: claimed %v status %q", got.Claimed(clock.Now()), got.Status)
	}
	wantErr(t, "Release again", s.Release(t.Context(), e.ID, a), bot.ErrLeaseLost)
	wantErr(t, "Answer after release", s.Answer(t.Context(), e.ID, a, "x", ""), bot.ErrLeaseLost)
	b := mustClaim(t, s, e.ID, "bruno", ttl)
	if b.Token <= a.Token {
		t.Fatalf("token after release %d, want above %d", b.Token, a.Token)
	}
	// anna may claim again after bruno hands back, and gets a fresh token.
	mustOK(t, "bruno's Release", s.Release(t.Context(), e.ID, b))
	if a2 := mustClaim(t, s, e.ID, "anna", ttl); a2.Token <= b.Token {
		t.Fatalf("anna's new token %d, want above %d", a2.Token, b.Token)
	}
}

func testAnswer(t *testing.T, s Store, clock *FakeClock) {
	e := mustCreate(t, s, newEscalation(clock, "uk", false))
	l := mustClaim(t, s, e.ID, "olena", ttl)
	clock.Advance(time.Minute)
	mustOK(t, "Answer", s.Answer(t.Context(), e.ID, l, "Добрий день!", "m:out-1"))
	got := mustGet(t, s, e.ID)
	want := append(e.Transcript, bot.Turn{Role: bot.RoleModerator, Text: "Добрий день!", By: "olena", At: clock.Now(), Ref: "m:out-1"})
	checkTurns(t, "transcript after answer", got.Transcript, want)
	if got.Status != bot.StatusAnswered || !got.UpdatedAt.Equal(clock.Now()) || !sameLease(got.Lease, l) {
		t.Fatalf("after answer: status %q updated %v lease %+v", got.Status, got.UpdatedAt, got.Lease)
	}
	clock.Advance(time.Minute)
	mustOK(t, "second Answer", s.Answer(t.Context(), e.ID, l, "Ще одне.", ""))
	if got := mustGet(t, s, e.ID); len(got.Transcript) != len(want)+1 || got.Status != bot.StatusAnswered {
		t.Fatalf("after a second answer: %d turns, status %q", len(got.Transcript), got.Status)
	}
}

func testResolve(t *testing.T, s Store, clock *FakeClock) {
	e := mustCreate(t, s, newEscalation(clock, "en", false))
	l := mustClaim(t, s, e.ID, "anna", ttl)
	clock.Advance(time.Minute)
	mustOK(t, "Resolve", s.Resolve(t.Context(), e.ID, l))
	got := mustGet(t, s, e.ID)
	if got.Status != bot.StatusResolved || got.Claimed(clock.Now()) || got.Lease.Live(clock.Now()) ||
		got.Lease.By != "anna" || got.Lease.Token != l.Token || !got.UpdatedAt.Equal(clock.Now()) {
		t.Fatalf("after resolve: status %q lease %+v updated %v", got.Status, got.Lease, got.UpdatedAt)
	}
	ctx := t.Context()
	wantErr(t, "AppendTurn", s.AppendTurn(ctx, e.ID, bot.Turn{Role: bot.RolePerson, Text: "x"}), bot.ErrResolved)
	_, err := s.Claim(ctx, e.ID, "bruno", ttl)
	wantErr(t, "Claim", err, bot.ErrResolved)
	_, err = s.Claim(ctx, e.ID, "anna", ttl)
	wantErr(t, "Claim by the resolver", err, bot.ErrResolved)
	_, err = s.Renew(ctx, e.ID, l, ttl)
	wantErr(t, "Renew", err, bot.ErrResolved)
	wantErr(t, "Answer", s.Answer(ctx, e.ID, l, "x", ""), bot.ErrResolved)
	wantErr(t, "Release", s.Release(ctx, e.ID, l), bot.ErrResolved)
	wantErr(t, "Resolve again", s.Resolve(ctx, e.ID, l), bot.ErrResolved)
	wantErr(t, "MarkUrgent", s.MarkUrgent(ctx, e.ID, "violence"), bot.ErrResolved)
	if after := mustGet(t, s, e.ID); len(after.Transcript) != len(got.Transcript) || after.Urgent {
		t.Fatal("a refused action changed a resolved escalation")
	}
	checkIDs(t, "queue", mustList(t, s, bot.EscalationFilter{}), nil)
}

func testForgedLease(t *testing.T, s Store, clock *FakeClock) {
	e := mustCreate(t, s, newEscalation(clock, "en", false))
	a := mustClaim(t, s, e.ID, "anna", ttl)
	ctx := t.Context()
	for _, forged := range []bot.Lease{
		{By: "bruno", Token: a.Token, Until: a.Until},
		{By: "anna", Token: a.Token + 1, Until: a.Until},
		{Token: a.Token, Until: a.Until},
		{},
	} {
		what := fmt.Sprintf("with lease %+v", forged)
		_, err := s.Renew(ctx, e.ID, forged, ttl)
		wantErr(t, "Renew "+what, err, bot.ErrLeaseLost)
		wantErr(t, "Answer "+what, s.Answer(ctx, e.ID, forged, "x", ""), bot.ErrLeaseLost)
		wantErr(t, "Release "+what, s.Release(ctx, e.ID, forged), bot.ErrLeaseLost)
		wantErr(t, "Resolve "+what, s.Resolve(ctx, e.ID, forged), bot.ErrLeaseLost)
	}
	if got := mustGet(t, s, e.ID); !sameLease(got.Lease, a) || got.Status != bot.StatusOpen {
		t.Fatalf("forged leases changed the escalation: %+v %q", got.Lease, got.Status)
	}
}

func testConcurrentClaims(t *testing.T, s Store, clock *FakeClock) {
	for round := range 3 {
		e := mustCreate(t, s, newEscalation(clock, "en", false))
		const n = 8
		var (
			wg     sync.WaitGroup
			mu     sync.Mutex
			won    []bot.Lease
			others []error
		)
		for i := range n {
			wg.Go(func() {
				l, err := s.Claim(t.Context(), e.ID, fmt.Sprintf("moderator-%d", i), ttl)
				mu.Lock()
				defer mu.Unlock()
				if err == nil {
					won = append(won, l)
				} else {
					others = append(others, err)
				}
			})
		}
		wg.Wait()
		if len(won) != 1 {
			t.Fatalf("round %d: %d of %d concurrent claims won (%+v), want exactly 1", round, len(won), n, won)
		}
		for _, err := range others {
			if !errors.Is(err, bot.ErrAlreadyClaimed) {
				t.Fatalf("round %d: losing claim: %v, want %v", round, err, bot.ErrAlreadyClaimed)
			}
		}
		if got := mustGet(t, s, e.ID); !sameLease(got.Lease, won[0]) {
			t.Fatalf("round %d: stored lease %+v, winner %+v", round, got.Lease, won[0])
		}
	}
}

func testInvalidClaims(t *testing.T, s Store, clock *FakeClock) {
	e := mustCreate(t, s, newEscalation(clock, "en", false))
	if _, err := s.Claim(t.Context(), e.ID, "", ttl); err == nil {
		t.Fatal("Claim by an empty moderator succeeded")
	}
	if _, err := s.Claim(t.Context(), e.ID, "anna", 0); err == nil {
		t.Fatal("Claim with a zero ttl succeeded")
	}
	if got := mustGet(t, s, e.ID); !sameLease(got.Lease, bot.Lease{}) {
		t.Fatalf("refused claims left a lease: %+v", got.Lease)
	}
}

func sameLease(a, b bot.Lease) bool {
	return a.By == b.By && a.Token == b.Token && a.Until.Equal(b.Until)
}
