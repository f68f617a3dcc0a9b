// Package storetest is the conformance suite every Sportello store must pass: the
// contracts of bot.Conversations and bot.Escalations (Run), of bot.Inbox and
// bot.Outbox (RunQueues), of bot.Leases (RunLeases) and of console.Accounts
// (RunAccounts), checked the same way against the embedded SQLite store and Redis,
// with a fake clock so that leases and expiry are tested by moving time rather than by
// sleeping.
package storetest

import (
	"bytes"
	"errors"
	"sync"
	"testing"
	"time"

	"sportello/bot"
)

// Store is what a Sportello store provides.
type Store interface {
	bot.Conversations
	bot.Escalations
}

// Epoch is the time every FakeClock in the suite starts at: not on a whole second, in
// UTC.
var Epoch = time.Date(2026, time.November, 22, 9, 30, 0, 123_000_000, time.UTC)

// FakeClock is a bot.Clock that moves only when told to. It is safe for concurrent use.
type FakeClock struct {
	mu sync.Mutex
	t  time.Time
}

// NewFakeClock returns a clock showing t.
func NewFakeClock(t time.Time) *FakeClock { return &FakeClock{t: t} }

// Now returns the clock's time.
func (c *FakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward by d.
func (c *FakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// NewStore returns an empty store that reads time from clock. It must clean up after
// itself with t.Cleanup.
type NewStore func(t *testing.T, clock *FakeClock) Store

type suiteTest struct {
	name string
	fn   func(t *testing.T, s Store, clock *FakeClock)
}

// Run runs the conformance suite, one subtest per contract, each on a new store.
func Run(t *testing.T, newStore NewStore) {
	var tests []suiteTest
	tests = append(tests, conversationTests...)
	tests = append(tests, queueTests...)
	tests = append(tests, leaseTests...)
	tests = append(tests, purgeTests...)
	tests = append(tests, createTests...)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := NewFakeClock(Epoch)
			tc.fn(t, newStore(t, clock), clock)
		})
	}
}

// wantErr fails t unless errors.Is(err, target).
func wantErr(t *testing.T, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("%s: error %v, want %v", what, err, target)
	}
}

func mustOK(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// newEscalation returns an escalation as the engine builds one, with a transcript of
// two turns at the clock's time.
func newEscalation(clock *FakeClock, lang string, urgent bool) *bot.Escalation {
	at := clock.Now()
	return &bot.Escalation{
		PersonKey: "0123456789abcdef0123456789abcdef",
		Channel:   "telegram",
		Address:   []byte{0, 1, 2, 0xfe, 0xff},
		Lang:      lang,
		Urgent:    urgent,
		Reason:    "no_answer",
		Question:  "Come rinnovo il permesso di soggiorno?",
		Transcript: []bot.Turn{
			{Role: bot.RolePerson, Text: "Come rinnovo il permesso di soggiorno?", At: at},
			{Role: bot.RoleBot, Text: "Vuoi parlare con una persona?", At: at},
		},
	}
}

func mustCreate(t *testing.T, s Store, e *bot.Escalation) *bot.Escalation {
	t.Helper()
	mustOK(t, "CreateEscalation", s.CreateEscalation(t.Context(), e))
	return e
}

func mustGet(t *testing.T, s Store, id string) *bot.Escalation {
	t.Helper()
	e, err := s.GetEscalation(t.Context(), id)
	mustOK(t, "GetEscalation("+id+")", err)
	return e
}

func mustClaim(t *testing.T, s Store, id, moderator string, ttl time.Duration) bot.Lease {
	t.Helper()
	l, err := s.Claim(t.Context(), id, moderator, ttl)
	mustOK(t, "Claim("+id+", "+moderator+")", err)
	return l
}

func sameTurns(a, b []bot.Turn) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Role != b[i].Role || a[i].Text != b[i].Text || a[i].By != b[i].By || a[i].Ref != b[i].Ref || !a[i].At.Equal(b[i].At) {
			return false
		}
	}
	return true
}

func checkTurns(t *testing.T, what string, got, want []bot.Turn) {
	t.Helper()
	if !sameTurns(got, want) {
		t.Fatalf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

// checkUTCMillis fails t unless tm is in UTC with no sub-millisecond part.
func checkUTCMillis(t *testing.T, what string, tm time.Time) {
	t.Helper()
	if tm.Location() != time.UTC || tm.Nanosecond()%int(time.Millisecond) != 0 {
		t.Fatalf("%s = %v, want UTC with millisecond precision", what, tm)
	}
}

// checkEscalation compares what a store returned with what was created.
func checkEscalation(t *testing.T, got, want *bot.Escalation) {
	t.Helper()
	if got.ID != want.ID || got.PersonKey != want.PersonKey || got.Channel != want.Channel ||
		!bytes.Equal(got.Address, want.Address) || got.Lang != want.Lang || got.Urgent != want.Urgent ||
		got.Reason != want.Reason || got.Status != want.Status || got.Question != want.Question {
		t.Fatalf("escalation:\n got %+v\nwant %+v", got, want)
	}
	if got.Lease.By != want.Lease.By || got.Lease.Token != want.Lease.Token || !got.Lease.Until.Equal(want.Lease.Until) {
		t.Fatalf("escalation %s lease = %+v, want %+v", want.ID, got.Lease, want.Lease)
	}
	if !got.CreatedAt.Equal(want.CreatedAt) || !got.UpdatedAt.Equal(want.UpdatedAt) {
		t.Fatalf("escalation %s created/updated = %v/%v, want %v/%v",
			want.ID, got.CreatedAt, got.UpdatedAt, want.CreatedAt, want.UpdatedAt)
	}
	checkUTCMillis(t, "CreatedAt", got.CreatedAt)
	checkTurns(t, "transcript of "+want.ID, got.Transcript, want.Transcript)
}

// ids returns the ids of es, in order.
func ids(es []*bot.Escalation) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func mustList(t *testing.T, s Store, f bot.EscalationFilter) []string {
	t.Helper()
	es, err := s.ListEscalations(t.Context(), f)
	mustOK(t, "ListEscalations", err)
	return ids(es)
}

func checkIDs(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s = %v, want %v", what, got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%s = %v, want %v", what, got, want)
		}
	}
}
