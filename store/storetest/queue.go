package storetest

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"sportello/bot"
)

var queueTests = []suiteTest{
	{"EscalationCreateGet", testCreateGet},
	{"EscalationIDsDiffer", testIDsDiffer},
	{"ListOrder", testListOrder},
	{"ListFilters", testListFilters},
	{"AppendTurn", testAppendTurn},
	{"ConcurrentAppends", testConcurrentAppends},
	{"UnknownID", testUnknownID},
}

func testCreateGet(t *testing.T, s Store, clock *FakeClock) {
	e := newEscalation(clock, "ar", false)
	want := *e
	want.Transcript = slices.Clone(e.Transcript)
	clock.Advance(time.Second)
	mustCreate(t, s, e)
	if e.ID == "" || e.Status != bot.StatusOpen || !e.CreatedAt.Equal(clock.Now()) || !e.UpdatedAt.Equal(clock.Now()) {
		t.Fatalf("after create: id %q status %q created %v updated %v; want an id, open, %v",
			e.ID, e.Status, e.CreatedAt, e.UpdatedAt, clock.Now())
	}
	want.ID, want.Status, want.CreatedAt, want.UpdatedAt = e.ID, bot.StatusOpen, clock.Now(), clock.Now()
	got := mustGet(t, s, e.ID)
	checkEscalation(t, got, &want)
	if got.Claimed(clock.Now()) {
		t.Fatal("a new escalation is claimed")
	}
}

func testIDsDiffer(t *testing.T, s Store, clock *FakeClock) {
	seen := map[string]bool{}
	for range 20 {
		e := mustCreate(t, s, newEscalation(clock, "en", false))
		if seen[e.ID] {
			t.Fatalf("id %s given twice", e.ID)
		}
		seen[e.ID] = true
	}
}

func testListOrder(t *testing.T, s Store, clock *FakeClock) {
	var id []string
	for _, urgent := range []bool{false, true, false, true, false} {
		clock.Advance(time.Minute)
		id = append(id, mustCreate(t, s, newEscalation(clock, "en", urgent)).ID)
	}
	checkIDs(t, "queue", mustList(t, s, bot.EscalationFilter{}), []string{id[1], id[3], id[0], id[2], id[4]})

	clock.Advance(time.Minute)
	mustOK(t, "MarkUrgent", s.MarkUrgent(t.Context(), id[2], "violence"))
	checkIDs(t, "queue after MarkUrgent", mustList(t, s, bot.EscalationFilter{}),
		[]string{id[1], id[2], id[3], id[0], id[4]})
	e := mustGet(t, s, id[2])
	if !e.Urgent || e.Reason != "violence" || !e.UpdatedAt.Equal(clock.Now()) {
		t.Fatalf("after MarkUrgent: urgent %v reason %q updated %v", e.Urgent, e.Reason, e.UpdatedAt)
	}
	mustOK(t, "MarkUrgent (no reason)", s.MarkUrgent(t.Context(), id[2], ""))
	if e := mustGet(t, s, id[2]); e.Reason != "violence" {
		t.Fatalf("MarkUrgent with no reason changed the reason to %q", e.Reason)
	}

	// Answering moves an escalation to another status; its place in the order stays.
	l := mustClaim(t, s, id[0], "anna", time.Hour)
	mustOK(t, "Answer", s.Answer(t.Context(), id[0], l, "Vai in questura.", ""))
	checkIDs(t, "queue after an answer", mustList(t, s, bot.EscalationFilter{}),
		[]string{id[1], id[2], id[3], id[0], id[4]})
	checkIDs(t, "queue with a limit", mustList(t, s, bot.EscalationFilter{Limit: 2}), []string{id[1], id[2]})
}

func testListFilters(t *testing.T, s Store, clock *FakeClock) {
	mk := func(lang string, urgent bool) string {
		clock.Advance(time.Second)
		return mustCreate(t, s, newEscalation(clock, lang, urgent)).ID
	}
	frOpen, ukUrgent, frAnswered, ukResolved, frUrgentAnswered := mk("fr", false), mk("uk", true),
		mk("fr", false), mk("uk", false), mk("fr", true)
	for _, id := range []string{frAnswered, frUrgentAnswered} {
		l := mustClaim(t, s, id, "anna", time.Hour)
		mustOK(t, "Answer", s.Answer(t.Context(), id, l, "Risposta.", ""))
	}
	l := mustClaim(t, s, ukResolved, "anna", time.Hour)
	mustOK(t, "Resolve", s.Resolve(t.Context(), ukResolved, l))

	open, answered, resolved := bot.StatusOpen, bot.StatusAnswered, bot.StatusResolved
	tests := []struct {
		name string
		f    bot.EscalationFilter
		want []string
	}{
		{"default", bot.EscalationFilter{}, []string{ukUrgent, frUrgentAnswered, frOpen, frAnswered}},
		{"open", bot.EscalationFilter{Statuses: []bot.Status{open}}, []string{ukUrgent, frOpen}},
		{"answered", bot.EscalationFilter{Statuses: []bot.Status{answered}}, []string{frUrgentAnswered, frAnswered}},
		{"resolved", bot.EscalationFilter{Statuses: []bot.Status{resolved}}, []string{ukResolved}},
		{"all", bot.EscalationFilter{Statuses: []bot.Status{resolved, open, answered}},
			[]string{ukUrgent, frUrgentAnswered, frOpen, frAnswered, ukResolved}},
		{"fr", bot.EscalationFilter{Lang: "fr"}, []string{frUrgentAnswered, frOpen, frAnswered}},
		{"uk open and resolved", bot.EscalationFilter{Lang: "uk", Statuses: []bot.Status{open, resolved}},
			[]string{ukUrgent, ukResolved}},
		{"urgent", bot.EscalationFilter{Urgent: true}, []string{ukUrgent, frUrgentAnswered}},
		{"urgent fr open", bot.EscalationFilter{Urgent: true, Lang: "fr", Statuses: []bot.Status{open}}, nil},
		{"fr limit 2", bot.EscalationFilter{Lang: "fr", Limit: 2}, []string{frUrgentAnswered, frOpen}},
		{"no such lang", bot.EscalationFilter{Lang: "ps"}, nil},
	}
	for _, tc := range tests {
		checkIDs(t, fmt.Sprintf("ListEscalations(%s)", tc.name), mustList(t, s, tc.f), tc.want)
	}
	es, err := s.ListEscalations(t.Context(), bot.EscalationFilter{Statuses: []bot.Status{resolved}})
	mustOK(t, "ListEscalations", err)
	if len(es[0].Transcript) != 2 || es[0].Status != resolved || es[0].Lang != "uk" {
		t.Fatalf("listed escalation lacks its fields: %+v", es[0])
	}
}

func testAppendTurn(t *testing.T, s Store, clock *FakeClock) {
	e := mustCreate(t, s, newEscalation(clock, "fr", false))
	want := slices.Clone(e.Transcript)
	add := func(turn bot.Turn, status bot.Status) {
		t.Helper()
		clock.Advance(time.Minute)
		turn.At = clock.Now()
		mustOK(t, "AppendTurn", s.AppendTurn(t.Context(), e.ID, turn))
		want = append(want, turn)
		got := mustGet(t, s, e.ID)
		checkTurns(t, "transcript", got.Transcript, want)
		if got.Status != status || !got.UpdatedAt.Equal(clock.Now()) {
			t.Fatalf("after a %s turn: status %q updated %v, want %q %v",
				turn.Role, got.Status, got.UpdatedAt, status, clock.Now())
		}
	}
	add(bot.Turn{Role: bot.RolePerson, Text: "J'ai aussi une question."}, bot.StatusOpen)

	clock.Advance(time.Minute)
	l := mustClaim(t, s, e.ID, "marco", time.Hour)
	mustOK(t, "Answer", s.Answer(t.Context(), e.ID, l, "Bonjour, voici la réponse.", ""))
	want = append(want, bot.Turn{Role: bot.RoleModerator, Text: "Bonjour, voici la réponse.", By: "marco", At: clock.Now()})

	add(bot.Turn{Role: bot.RoleNote, Text: "Richiamare lunedì.", By: "marco"}, bot.StatusAnswered)
	add(bot.Turn{Role: bot.RoleBot, Text: "Un moderatore ti ha risposto."}, bot.StatusAnswered)
	add(bot.Turn{Role: bot.RolePerson, Text: "Merci, mais..."}, bot.StatusOpen)

	// A turn without a time gets the store's.
	clock.Advance(time.Minute)
	mustOK(t, "AppendTurn", s.AppendTurn(t.Context(), e.ID, bot.Turn{Role: bot.RolePerson, Text: "?"}))
	got := mustGet(t, s, e.ID)
	if last := got.Transcript[len(got.Transcript)-1]; !last.At.Equal(clock.Now()) {
		t.Fatalf("turn without a time stored at %v, want %v", last.At, clock.Now())
	}
	if !got.Lease.Live(clock.Now()) || got.Lease.By != "marco" {
		t.Fatalf("appending a turn changed the lease: %+v", got.Lease)
	}
}

func testConcurrentAppends(t *testing.T, s Store, clock *FakeClock) {
	e := mustCreate(t, s, newEscalation(clock, "ps", false))
	const writers, each = 8, 5
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				errs <- s.AppendTurn(t.Context(), e.ID, bot.Turn{Role: bot.RolePerson, Text: fmt.Sprintf("%d/%d", w, i)})
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		mustOK(t, "concurrent AppendTurn", err)
	}
	got := mustGet(t, s, e.ID)
	if n := len(got.Transcript); n != 2+writers*each {
		t.Fatalf("transcript has %d turns after concurrent appends, want %d", n, 2+writers*each)
	}
}

func testUnknownID(t *testing.T, s Store, clock *FakeClock) {
	mustCreate(t, s, newEscalation(clock, "en", false)) // the store is not empty
	ctx, id := t.Context(), "0000000000000000"
	l := bot.Lease{By: "anna", Token: 1, Until: clock.Now().Add(time.Hour)}
	_, err := s.GetEscalation(ctx, id)
	wantErr(t, "GetEscalation", err, bot.ErrNotFound)
	wantErr(t, "AppendTurn", s.AppendTurn(ctx, id, bot.Turn{Role: bot.RolePerson, Text: "x"}), bot.ErrNotFound)
	wantErr(t, "MarkUrgent", s.MarkUrgent(ctx, id, "violence"), bot.ErrNotFound)
	_, err = s.Claim(ctx, id, "anna", time.Minute)
	wantErr(t, "Claim", err, bot.ErrNotFound)
	_, err = s.Renew(ctx, id, l, time.Minute)
	wantErr(t, "Renew", err, bot.ErrNotFound)
	wantErr(t, "Release", s.Release(ctx, id, l), bot.ErrNotFound)
	wantErr(t, "Answer", s.Answer(ctx, id, l, "x", ""), bot.ErrNotFound)
	wantErr(t, "Resolve", s.Resolve(ctx, id, l), bot.ErrNotFound)
	if got := mustList(t, s, bot.EscalationFilter{}); len(got) != 1 {
		t.Fatalf("queue = %v after acting on an unknown id, want one escalation", got)
	}
}
