package storetest

import (
	"testing"
	"time"

	"sportello/bot"
)

var purgeTests = []suiteTest{
	{"PurgeResolved", testPurgeResolved},
	{"PurgeResolvedKeepsUnresolved", testPurgeKeepsUnresolved},
	{"PurgeResolvedEmpty", testPurgeEmpty},
}

const day = 24 * time.Hour

// mustResolve claims and resolves the escalation id at the clock's time.
func mustResolve(t *testing.T, s Store, id string) {
	t.Helper()
	l := mustClaim(t, s, id, "anna", ttl)
	mustOK(t, "Resolve("+id+")", s.Resolve(t.Context(), id, l))
}

func mustPurge(t *testing.T, s Store, before time.Time, want int) {
	t.Helper()
	n, err := s.PurgeResolved(t.Context(), before)
	mustOK(t, "PurgeResolved", err)
	if n != want {
		t.Fatalf("PurgeResolved(%v) = %d, want %d", before, n, want)
	}
}

// checkPurged fails t unless escalation id is unknown to every method that takes it.
func checkPurged(t *testing.T, s Store, id string) {
	t.Helper()
	ctx := t.Context()
	_, err := s.GetEscalation(ctx, id)
	wantErr(t, "GetEscalation of a purged escalation", err, bot.ErrNotFound)
	wantErr(t, "AppendTurn to a purged escalation",
		s.AppendTurn(ctx, id, bot.Turn{Role: bot.RolePerson, Text: "x"}), bot.ErrNotFound)
	_, err = s.Claim(ctx, id, "bruno", ttl)
	wantErr(t, "Claim of a purged escalation", err, bot.ErrNotFound)
	// The refused actions must not have brought anything back.
	_, err = s.GetEscalation(ctx, id)
	wantErr(t, "GetEscalation after acting on a purged escalation", err, bot.ErrNotFound)
}

var allStatuses = bot.EscalationFilter{Statuses: []bot.Status{bot.StatusOpen, bot.StatusAnswered, bot.StatusResolved}}

func testPurgeResolved(t *testing.T, s Store, clock *FakeClock) {
	mk := func(urgent bool) *bot.Escalation {
		clock.Advance(time.Minute)
		return mustCreate(t, s, newEscalation(clock, "ti", urgent))
	}
	// Created in this order; resolved in another, as a queue is.
	old, oldUrgent, lateResolved, atCutoff, recent := mk(false), mk(true), mk(false), mk(false), mk(false)
	clock.Advance(day)
	mustResolve(t, s, oldUrgent.ID)
	clock.Advance(day)
	mustResolve(t, s, old.ID)
	clock.Advance(30 * day)
	cutoff := clock.Now()
	mustResolve(t, s, atCutoff.ID) // not before the cut-off: kept
	clock.Advance(time.Millisecond)
	mustResolve(t, s, lateResolved.ID) // created long before the cut-off, resolved after
	clock.Advance(day)
	mustResolve(t, s, recent.ID)
	clock.Advance(365 * day)

	want := map[string]*bot.Escalation{}
	for _, e := range []*bot.Escalation{atCutoff, lateResolved, recent} {
		want[e.ID] = mustGet(t, s, e.ID)
	}

	mustPurge(t, s, cutoff, 2)
	checkPurged(t, s, old.ID)
	checkPurged(t, s, oldUrgent.ID)
	checkIDs(t, "resolved after a purge", mustList(t, s, bot.EscalationFilter{Statuses: []bot.Status{bot.StatusResolved}}),
		[]string{lateResolved.ID, atCutoff.ID, recent.ID})
	checkIDs(t, "urgent resolved after a purge",
		mustList(t, s, bot.EscalationFilter{Statuses: []bot.Status{bot.StatusResolved}, Urgent: true}), nil)
	for id, w := range want {
		checkEscalation(t, mustGet(t, s, id), w)
	}

	mustPurge(t, s, cutoff, 0)
	mustPurge(t, s, cutoff.Add(time.Millisecond), 1) // atCutoff
	mustPurge(t, s, clock.Now(), 2)
	checkPurged(t, s, atCutoff.ID)
	checkPurged(t, s, lateResolved.ID)
	checkPurged(t, s, recent.ID)
	checkIDs(t, "escalations after purging all", mustList(t, s, allStatuses), nil)
	mustPurge(t, s, clock.Now(), 0)
}

func testPurgeKeepsUnresolved(t *testing.T, s Store, clock *FakeClock) {
	open := mustCreate(t, s, newEscalation(clock, "fa", false))
	clock.Advance(time.Minute)
	urgent := mustCreate(t, s, newEscalation(clock, "fa", true))
	clock.Advance(time.Minute)
	answered := mustCreate(t, s, newEscalation(clock, "fa", false))
	l := mustClaim(t, s, answered.ID, "anna", ttl)
	mustOK(t, "Answer", s.Answer(t.Context(), answered.ID, l, "Risposta.", ""))
	clock.Advance(time.Minute)
	reopened := mustCreate(t, s, newEscalation(clock, "fa", false))
	l = mustClaim(t, s, reopened.ID, "anna", ttl)
	mustOK(t, "Answer", s.Answer(t.Context(), reopened.ID, l, "Risposta.", ""))
	mustOK(t, "AppendTurn", s.AppendTurn(t.Context(), reopened.ID, bot.Turn{Role: bot.RolePerson, Text: "Grazie, ma..."}))
	clock.Advance(time.Minute)
	claimed := mustCreate(t, s, newEscalation(clock, "fa", false))
	mustClaim(t, s, claimed.ID, "bruno", ttl)
	clock.Advance(time.Minute)
	resolved := mustCreate(t, s, newEscalation(clock, "fa", false))
	mustResolve(t, s, resolved.ID)

	unresolved := []*bot.Escalation{urgent, open, answered, reopened, claimed}
	want := make([]*bot.Escalation, len(unresolved))
	for i, e := range unresolved {
		want[i] = mustGet(t, s, e.ID)
	}
	clock.Advance(10 * 365 * day)
	mustPurge(t, s, clock.Now(), 1)
	mustPurge(t, s, clock.Now().Add(100*365*day), 0)
	checkPurged(t, s, resolved.ID)
	for _, w := range want {
		checkEscalation(t, mustGet(t, s, w.ID), w)
	}
	checkIDs(t, "queue after purges", mustList(t, s, allStatuses), ids(want))
}

func testPurgeEmpty(t *testing.T, s Store, clock *FakeClock) {
	mustPurge(t, s, clock.Now(), 0)
	e := mustCreate(t, s, newEscalation(clock, "en", false))
	mustResolve(t, s, e.ID)
	mustPurge(t, s, time.Time{}, 0) // the zero time is before everything
	mustPurge(t, s, clock.Now(), 0) // resolved at, not before, now
	mustGet(t, s, e.ID)
}
