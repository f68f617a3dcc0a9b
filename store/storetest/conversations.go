package storetest

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
	"time"

	"sportello/bot"
)

var conversationTests = []suiteTest{
	{"ConversationRoundTrip", testConversationRoundTrip},
	{"ConversationReplace", testConversationReplace},
	{"ConversationNotFound", testConversationNotFound},
	{"ConversationExpires", testConversationExpires},
	{"ConversationTimesUTCMillis", testConversationTimes},
	{"ConversationEmptyKey", testConversationEmptyKey},
}

func fullConversation(clock *FakeClock, turns int) *bot.Conversation {
	c := &bot.Conversation{
		Key:           "fedcba9876543210fedcba9876543210",
		Channel:       "whatsapp",
		Address:       []byte{9, 8, 7, 0, 0xff},
		Lang:          "fa",
		LangConfirmed: true,
		State:         bot.StateAnswered,
		Options: []bot.Option{
			{ID: "article:health-card", Label: "کارت بهداشت"},
			{ID: "person", Label: "صحبت با یک نفر"},
		},
		Pending:       "سوال در مورد کار",
		EscalationID:  "e-1",
		Blocked:       true,
		LastMessageID: "wamid.HBgLMzkzMzMxMjM0NTY3FQIAEhgg",
		LastReplies: []bot.Reply{
			{Lang: "ar", Text: "مرحبا! كيف يمكنني مساعدتك؟"},
			{
				Lang:  "ar",
				Title: "أرقام الطوارئ",
				Text:  "• الإسعاف: 118\n• الشرطة: 112",
				Options: []bot.Option{
					{ID: "article:emergency", Label: "المزيد"},
					{ID: "person", Label: "التحدث مع شخص"},
				},
				Urgent: true,
			},
		},
	}
	for i := range turns {
		role := bot.RolePerson
		if i%2 == 1 {
			role = bot.RoleBot
		}
		c.History = append(c.History, bot.Turn{
			Role: role, Text: fmt.Sprintf("turn %d", i), At: clock.Now().Add(time.Duration(i) * time.Second),
		})
	}
	return c
}

func checkConversation(t *testing.T, got, want *bot.Conversation) {
	t.Helper()
	if got.Key != want.Key || got.Channel != want.Channel || !bytes.Equal(got.Address, want.Address) ||
		got.Lang != want.Lang || got.LangConfirmed != want.LangConfirmed || got.State != want.State ||
		got.Pending != want.Pending || got.EscalationID != want.EscalationID ||
		got.LastMessageID != want.LastMessageID || got.Blocked != want.Blocked {
		t.Fatalf("conversation:\n got %+v\nwant %+v", got, want)
	}
	if !slices.Equal(got.Options, want.Options) {
		t.Fatalf("options = %+v, want %+v", got.Options, want.Options)
	}
	if !slices.EqualFunc(got.LastReplies, want.LastReplies, equalReply) {
		t.Fatalf("last replies = %+v, want %+v", got.LastReplies, want.LastReplies)
	}
	checkTurns(t, "history", got.History, want.History)
	if !got.UpdatedAt.Equal(want.UpdatedAt) {
		t.Fatalf("UpdatedAt = %v, want %v", got.UpdatedAt, want.UpdatedAt)
	}
}

func equalReply(a, b bot.Reply) bool {
	return a.Lang == b.Lang && a.Title == b.Title && a.Text == b.Text && a.Urgent == b.Urgent &&
		slices.Equal(a.Options, b.Options)
}

func testConversationRoundTrip(t *testing.T, s Store, clock *FakeClock) {
	c := fullConversation(clock, bot.MaxHistory+5)
	full := slices.Clone(c.History)
	clock.Advance(time.Minute)
	mustOK(t, "SaveConversation", s.SaveConversation(t.Context(), c))
	if !c.UpdatedAt.Equal(clock.Now()) {
		t.Fatalf("after save, UpdatedAt = %v, want %v", c.UpdatedAt, clock.Now())
	}
	got, err := s.GetConversation(t.Context(), c.Key)
	mustOK(t, "GetConversation", err)
	want := *c
	want.History = full[len(full)-bot.MaxHistory:]
	checkConversation(t, got, &want)
	if got.History[0].Text != "turn 5" {
		t.Fatalf("oldest kept turn = %q, want %q", got.History[0].Text, "turn 5")
	}
	checkUTCMillis(t, "UpdatedAt", got.UpdatedAt)
}

func testConversationReplace(t *testing.T, s Store, clock *FakeClock) {
	c := fullConversation(clock, 3)
	mustOK(t, "SaveConversation", s.SaveConversation(t.Context(), c))
	clock.Advance(time.Hour)
	c2 := &bot.Conversation{Key: c.Key, Channel: c.Channel, Address: c.Address, Lang: "uk",
		State: bot.StateEscalated, History: c.History[:1], LastMessageID: "42",
		LastReplies: []bot.Reply{{Lang: "uk", Text: "Дякую, передаю людині."}}}
	mustOK(t, "SaveConversation (replace)", s.SaveConversation(t.Context(), c2))
	got, err := s.GetConversation(t.Context(), c.Key)
	mustOK(t, "GetConversation", err)
	checkConversation(t, got, c2)
	c3 := *c2
	c3.LastMessageID, c3.LastReplies = "", nil
	mustOK(t, "SaveConversation (no last replies)", s.SaveConversation(t.Context(), &c3))
	got, err = s.GetConversation(t.Context(), c.Key)
	mustOK(t, "GetConversation", err)
	checkConversation(t, got, &c3)
	mustOK(t, "SaveConversation (replace again)", s.SaveConversation(t.Context(), c2))
	got, err = s.GetConversation(t.Context(), c.Key)
	mustOK(t, "GetConversation", err)
	checkConversation(t, got, c2)
	if len(got.Options) != 0 || got.Pending != "" || got.LangConfirmed || got.Blocked {
		t.Fatalf("replaced conversation kept old fields: %+v", got)
	}
	other := fullConversation(clock, 0)
	other.Key = "00000000000000000000000000000000"
	mustOK(t, "SaveConversation (other)", s.SaveConversation(t.Context(), other))
	got, err = s.GetConversation(t.Context(), c.Key)
	mustOK(t, "GetConversation", err)
	checkConversation(t, got, c2)
}

func testConversationNotFound(t *testing.T, s Store, _ *FakeClock) {
	_, err := s.GetConversation(t.Context(), "nobody")
	wantErr(t, "GetConversation(unknown)", err, bot.ErrNotFound)
}

func testConversationExpires(t *testing.T, s Store, clock *FakeClock) {
	c := fullConversation(clock, 2)
	mustOK(t, "SaveConversation", s.SaveConversation(t.Context(), c))
	clock.Advance(89 * 24 * time.Hour)
	if _, err := s.GetConversation(t.Context(), c.Key); err != nil {
		t.Fatalf("GetConversation after 89 days: %v", err)
	}
	clock.Advance(2 * 24 * time.Hour)
	_, err := s.GetConversation(t.Context(), c.Key)
	wantErr(t, "GetConversation after 91 days", err, bot.ErrNotFound)
	mustOK(t, "SaveConversation again", s.SaveConversation(t.Context(), c))
	if _, err := s.GetConversation(t.Context(), c.Key); err != nil {
		t.Fatalf("GetConversation after saving again: %v", err)
	}
}

func testConversationTimes(t *testing.T, s Store, clock *FakeClock) {
	rome := time.FixedZone("CET", 3600)
	at := time.Date(2026, 11, 22, 11, 0, 0, 456_789_123, rome)
	c := &bot.Conversation{Key: "k", Channel: "terminal",
		History: []bot.Turn{{Role: bot.RolePerson, Text: "ciao", At: at}}}
	mustOK(t, "SaveConversation", s.SaveConversation(t.Context(), c))
	got, err := s.GetConversation(t.Context(), "k")
	mustOK(t, "GetConversation", err)
	gotAt := got.History[0].At
	checkUTCMillis(t, "turn time", gotAt)
	if want := at.Truncate(time.Millisecond); !gotAt.Equal(want) {
		t.Fatalf("turn time = %v, want %v", gotAt, want)
	}
	if len(got.Options) != 0 || got.Address != nil && len(got.Address) != 0 ||
		got.LastMessageID != "" || len(got.LastReplies) != 0 {
		t.Fatalf("empty fields came back as %+v", got)
	}
}

func testConversationEmptyKey(t *testing.T, s Store, _ *FakeClock) {
	if err := s.SaveConversation(t.Context(), &bot.Conversation{Channel: "terminal"}); err == nil {
		t.Fatal("SaveConversation with an empty key succeeded")
	}
}
