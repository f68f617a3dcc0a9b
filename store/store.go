// Package store is Sportello's persistence: conversations, the moderator queue of
// escalations, the inbox and outbox of messages (bot.Inbox, bot.Outbox; see queues.go),
// the named leases that elect one process for a job (bot.Leases) and the web console's
// accounts, sessions and audit log (console.Accounts; see accounts.go), in Redis
// (production, several instances) or in an embedded SQLite file (a single machine, the
// default), plus the Keyring that turns channel identities into pseudonymous person
// keys and sealed reply addresses.
//
// Both stores implement bot.Conversations, bot.Escalations, bot.Leases and
// console.Accounts with the same semantics, checked by the conformance suite in
// store/storetest:
//
//   - Times are stored in UTC with millisecond precision; values read back are UTC.
//   - Every state change of an escalation (create, append, mark urgent, claim, renew,
//     release, answer, resolve) is atomic, also across processes.
//   - A claim hands out a lease with a fencing token that grows with every new claim of
//     that escalation. Renew, Release, Answer and Resolve require the caller's lease to
//     be the current one and still live; otherwise they return bot.ErrLeaseLost.
//   - Any action on a resolved escalation returns bot.ErrResolved; Resolve keeps the
//     lease's holder and token as a record of who closed it and ends it at that moment.
//   - A conversation not saved for ConversationTTL (90 days by default) is forgotten:
//     what people write is kept only as long as it is useful to them.
//   - A resolved escalation, with its transcript, is kept until PurgeResolved deletes it;
//     its resolution time is the UpdatedAt that Resolve set. Open and answered
//     escalations are never purged.
//   - A named lease (bot.Leases) is live strictly before its end, by the store's Clock
//     like every other lease. Acquire is atomic, also across processes: of holders
//     racing for a free lease, exactly one gets it.
package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"time"

	"sportello/bot"
)

// DefaultConversationTTL is how long a conversation is kept after it was last saved.
const DefaultConversationTTL = 90 * 24 * time.Hour

// errInvalid marks arguments a store refuses before doing any I/O.
var errInvalid = errors.New("invalid argument")

// newID returns a random escalation id: 16 lowercase hex characters, short enough for a
// moderator to read out and random enough that ids do not reveal the queue's volume.
func newID() (string, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("new escalation id: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// toMillis converts t to Unix milliseconds; the zero time is stored as 0.
func toMillis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// fromMillis converts Unix milliseconds to a UTC time; 0 is the zero time.
func fromMillis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

// now returns clock's time, at the precision the stores keep.
func now(clock bot.Clock) time.Time {
	return fromMillis(clock.Now().UnixMilli())
}

// turnRecord is how a bot.Turn is serialised in conversation histories and in the
// Redis transcript list.
type turnRecord struct {
	Role bot.Role `json:"role"`
	Text string   `json:"text"`
	By   string   `json:"by,omitempty"`
	At   int64    `json:"at"` // Unix milliseconds, UTC
	Ref  string   `json:"ref,omitempty"`
}

func toTurnRecords(turns []bot.Turn) []turnRecord {
	out := make([]turnRecord, len(turns))
	for i, t := range turns {
		out[i] = turnRecord{Role: t.Role, Text: t.Text, By: t.By, At: toMillis(t.At), Ref: t.Ref}
	}
	return out
}

func fromTurnRecords(recs []turnRecord) []bot.Turn {
	if len(recs) == 0 {
		return nil
	}
	out := make([]bot.Turn, len(recs))
	for i, r := range recs {
		out[i] = bot.Turn{Role: r.Role, Text: r.Text, By: r.By, At: fromMillis(r.At), Ref: r.Ref}
	}
	return out
}

// optionRecord is how a bot.Option is serialised in a conversation.
type optionRecord struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

func toOptionRecords(opts []bot.Option) []optionRecord {
	out := make([]optionRecord, len(opts))
	for i, o := range opts {
		out[i] = optionRecord{ID: o.ID, Label: o.Label}
	}
	return out
}

func fromOptionRecords(recs []optionRecord) []bot.Option {
	if len(recs) == 0 {
		return nil
	}
	out := make([]bot.Option, len(recs))
	for i, r := range recs {
		out[i] = bot.Option{ID: r.ID, Label: r.Label}
	}
	return out
}

// replyRecord is how a bot.Reply is serialised in a conversation's last replies.
type replyRecord struct {
	Lang    string         `json:"lang,omitempty"`
	Title   string         `json:"title,omitempty"`
	Text    string         `json:"text"`
	Options []optionRecord `json:"options,omitempty"`
	Urgent  bool           `json:"urgent,omitempty"`
}

func toReplyRecords(replies []bot.Reply) []replyRecord {
	out := make([]replyRecord, len(replies))
	for i, r := range replies {
		out[i] = replyRecord{Lang: r.Lang, Title: r.Title, Text: r.Text,
			Options: toOptionRecords(r.Options), Urgent: r.Urgent}
	}
	return out
}

func fromReplyRecords(recs []replyRecord) []bot.Reply {
	if len(recs) == 0 {
		return nil
	}
	out := make([]bot.Reply, len(recs))
	for i, r := range recs {
		out[i] = bot.Reply{Lang: r.Lang, Title: r.Title, Text: r.Text,
			Options: fromOptionRecords(r.Options), Urgent: r.Urgent}
	}
	return out
}

// lastTurns returns the last bot.MaxHistory turns of h.
func lastTurns(h []bot.Turn) []bot.Turn {
	if len(h) > bot.MaxHistory {
		return h[len(h)-bot.MaxHistory:]
	}
	return h
}

// conversationRecord is the stored form of a bot.Conversation, independent of how the
// bot package may tag its fields.
type conversationRecord struct {
	Key           string         `json:"key"`
	Channel       string         `json:"channel"`
	Address       []byte         `json:"address,omitempty"`
	Lang          string         `json:"lang,omitempty"`
	LangConfirmed bool           `json:"lang_confirmed,omitempty"`
	State         bot.State      `json:"state,omitempty"`
	Options       []optionRecord `json:"options,omitempty"`
	Pending       string         `json:"pending,omitempty"`
	EscalationID  string         `json:"escalation_id,omitempty"`
	History       []turnRecord   `json:"history,omitempty"`
	LastMessageID string         `json:"last_message_id,omitempty"`
	LastReplies   []replyRecord  `json:"last_replies,omitempty"`
	Blocked       bool           `json:"blocked,omitempty"`
	UpdatedAt     int64          `json:"updated_at"`
}

func toConversationRecord(c *bot.Conversation, at time.Time) conversationRecord {
	return conversationRecord{
		Key: c.Key, Channel: c.Channel, Address: c.Address, Lang: c.Lang,
		LangConfirmed: c.LangConfirmed, State: c.State, Options: toOptionRecords(c.Options),
		Pending: c.Pending, EscalationID: c.EscalationID, History: toTurnRecords(lastTurns(c.History)),
		LastMessageID: c.LastMessageID, LastReplies: toReplyRecords(c.LastReplies),
		Blocked: c.Blocked, UpdatedAt: toMillis(at),
	}
}

func (r conversationRecord) conversation() *bot.Conversation {
	return &bot.Conversation{
		Key: r.Key, Channel: r.Channel, Address: r.Address, Lang: r.Lang,
		LangConfirmed: r.LangConfirmed, State: r.State, Options: fromOptionRecords(r.Options),
		Pending: r.Pending, EscalationID: r.EscalationID, History: fromTurnRecords(r.History),
		LastMessageID: r.LastMessageID, LastReplies: fromReplyRecords(r.LastReplies),
		Blocked: r.Blocked, UpdatedAt: fromMillis(r.UpdatedAt),
	}
}

// checkConversation validates what SaveConversation is given.
func checkConversation(c *bot.Conversation) error {
	if c == nil || c.Key == "" {
		return fmt.Errorf("save conversation: empty key: %w", errInvalid)
	}
	return nil
}

// checkEscalation validates what CreateEscalation is given.
func checkEscalation(e *bot.Escalation) error {
	if e == nil || e.PersonKey == "" {
		return fmt.Errorf("create escalation: empty person key: %w", errInvalid)
	}
	if e.ID != "" && !validID(e.ID) {
		return fmt.Errorf("create escalation: id is not letters, digits and '-' up to 64: %w", errInvalid)
	}
	return nil
}

// validID reports whether id is fit to be a caller-chosen escalation id.
func validID(id string) bool {
	if len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// storedEscalation fills e with the escalation already stored under e.ID.
func storedEscalation(ctx context.Context, s bot.Escalations, e *bot.Escalation) error {
	got, err := s.GetEscalation(ctx, e.ID)
	if err != nil {
		return fmt.Errorf("create escalation: %w", err)
	}
	*e = *got
	return nil
}

// checkTTL validates a lease duration.
func checkTTL(op, id string, ttl time.Duration) error {
	if ttl < time.Millisecond {
		return fmt.Errorf("%s escalation %s: lease ttl %v too short: %w", op, id, ttl, errInvalid)
	}
	return nil
}

// checkLease validates the name and holder given to Leases.Acquire and Release.
func checkLease(op, name, holder string) error {
	if name == "" || holder == "" {
		return fmt.Errorf("%s lease %q: empty name or holder: %w", op, name, errInvalid)
	}
	return nil
}

// checkAcquire validates what Leases.Acquire is given: the lease must last at least
// the millisecond the stores count in.
func checkAcquire(name, holder string, ttl time.Duration) error {
	if err := checkLease("acquire", name, holder); err != nil {
		return err
	}
	if ttl < time.Millisecond {
		return fmt.Errorf("acquire lease %s: ttl %v too short: %w", name, ttl, errInvalid)
	}
	return nil
}

// wantStatuses returns the statuses a filter selects.
func wantStatuses(f bot.EscalationFilter) []bot.Status {
	if len(f.Statuses) == 0 {
		return []bot.Status{bot.StatusOpen, bot.StatusAnswered}
	}
	return slices.Compact(slices.Sorted(slices.Values(f.Statuses)))
}
