package storetest

import (
	"testing"

	"sportello/bot"
)

var createTests = []suiteTest{
	{"CreateWithChosenIDIsIdempotent", testCreateWithChosenID},
	{"CreateRejectsBadChosenID", testCreateRejectsBadID},
}

// testCreateWithChosenID: an escalation created twice under the same chosen id (a
// message handled again after a crash) is stored once, and the second call sees it.
func testCreateWithChosenID(t *testing.T, s Store, clock *FakeClock) {
	first := newEscalation(clock, "uk", false)
	first.ID = "person-1234-message-56"
	mustCreate(t, s, first)
	if first.ID != "person-1234-message-56" || first.Status != bot.StatusOpen {
		t.Fatalf("created escalation = %+v, want the chosen id, open", first)
	}
	mustOK(t, "AppendTurn", s.AppendTurn(t.Context(), first.ID, bot.Turn{Role: bot.RolePerson, Text: "more"}))

	clock.Advance(3)
	again := newEscalation(clock, "uk", true)
	again.ID, again.Question = first.ID, "a different question"
	mustCreate(t, s, again)
	if again.Question != first.Question || again.Urgent || len(again.Transcript) != 3 {
		t.Fatalf("second create filled %+v, want the stored escalation with its 3 turns", again)
	}
	list, err := s.ListEscalations(t.Context(), bot.EscalationFilter{})
	mustOK(t, "ListEscalations", err)
	if len(list) != 1 {
		t.Fatalf("queue holds %d escalations, want 1", len(list))
	}
}

func testCreateRejectsBadID(t *testing.T, s Store, clock *FakeClock) {
	for _, id := range []string{"has space", "slash/in/it", string(make([]byte, 65))} {
		e := newEscalation(clock, "en", false)
		e.ID = id
		if err := s.CreateEscalation(t.Context(), e); err == nil {
			t.Errorf("CreateEscalation with id %q succeeded, want an error", id)
		}
	}
}
