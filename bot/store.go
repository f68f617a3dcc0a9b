package bot

import (
	"context"
	"time"
)

// State is where a conversation stands.
type State string

// Conversation states.
const (
	StateIdle          State = ""               // waiting for a question
	StateChooseLang    State = "choose_lang"    // the language menu was shown
	StateAnswered      State = "answered"       // an article was shown; options and "did this help" are live
	StateOfferedPerson State = "offered_person" // the bot offered a person and waits for yes or no
	StateEscalated     State = "escalated"      // an escalation is open; new messages are added to it
	StateGroup         State = "group"          // a group chat, told once that the bot works in private chats
)

// MaxHistory is how many turns a conversation keeps: enough context for a moderator,
// and no more, because what people write is sensitive.
const MaxHistory = 20

// Conversation is what the engine remembers about one person on one channel.
type Conversation struct {
	Key           string // pseudonymous person key (Pseudonymizer.PersonKey)
	Channel       string
	Address       []byte // sealed reply address (Pseudonymizer.SealAddress)
	Lang          string // canonical language code; "" until known
	LangConfirmed bool   // the person chose it, or kept writing after being told
	State         State
	Options       []Option // the options of the last reply, so "2" can be understood
	Pending       string   // the question awaiting an answer to "talk to a person?"
	EscalationID  string   // the open escalation, if any
	History       []Turn   // the last MaxHistory turns, oldest first
	// LastMessageID and LastReplies are the network id of the last message handled and
	// the replies it got, so a message delivered again (after a crash, or a network's
	// retry) gets the same replies instead of being acted on twice.
	LastMessageID string
	LastReplies   []Reply
	// Blocked is set when the person blocked the bot (the channel said so, or refused
	// a message); it is cleared when they write again. Nothing is sent while it is set.
	Blocked   bool
	UpdatedAt time.Time
}

// Conversations stores conversations by person key.
type Conversations interface {
	// GetConversation returns ErrNotFound when the person has never written.
	GetConversation(ctx context.Context, key string) (*Conversation, error)
	// SaveConversation creates or replaces the conversation, trimming History to MaxHistory.
	SaveConversation(ctx context.Context, c *Conversation) error
}

// Status is where an escalation stands. A claim (Lease) is orthogonal: an open or
// answered escalation is "claimed" while a lease on it is live.
type Status string

// Escalation statuses.
const (
	StatusOpen     Status = "open"     // waiting for a moderator
	StatusAnswered Status = "answered" // a moderator replied; waiting for the person or for resolve
	StatusResolved Status = "resolved" // closed; the bot has taken over again
)

// Lease is a moderator's time-limited hold on an escalation. Token is a fencing token:
// it grows with every claim, so a moderator whose lease expired cannot act.
type Lease struct {
	By    string    `json:"by"`
	Token int64     `json:"token"`
	Until time.Time `json:"until"`
}

// Live reports whether the lease is held at time now.
func (l Lease) Live(now time.Time) bool { return l.By != "" && now.Before(l.Until) }

// Escalation is a question handed to human moderators.
type Escalation struct {
	ID         string
	PersonKey  string
	Channel    string
	Address    []byte // sealed reply address
	Lang       string
	Urgent     bool
	Reason     string // why: "no_answer", "other_country", "personal_case", "asked", or an urgent category
	Status     Status
	Question   string
	Transcript []Turn // the conversation so far, then what was added while open
	Lease      Lease  // zero when never claimed
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Claimed reports whether a moderator holds a live lease at time now.
func (e *Escalation) Claimed(now time.Time) bool {
	return e.Status != StatusResolved && e.Lease.Live(now)
}

// EscalationFilter selects escalations for the queue. Zero values select everything.
type EscalationFilter struct {
	Statuses []Status // empty: open and answered
	Lang     string
	Urgent   bool // only urgent ones
	Limit    int  // 0: no limit
}

// Escalations is the moderator queue. Listing returns urgent escalations first, then the
// oldest first. All methods are safe for concurrent use by several processes.
type Escalations interface {
	// CreateEscalation stores e with status open, under e.ID if it is set (letters,
	// digits and '-', at most 64), else under a new ID set on e. Creating again with an
	// ID already stored stores nothing and fills e with the stored escalation, so a
	// message handled twice does not open two.
	CreateEscalation(ctx context.Context, e *Escalation) error
	// GetEscalation returns ErrNotFound for an unknown id.
	GetEscalation(ctx context.Context, id string) (*Escalation, error)
	// ListEscalations returns the queue, urgent first, then oldest first.
	ListEscalations(ctx context.Context, f EscalationFilter) ([]*Escalation, error)
	// AppendTurn adds a turn to the transcript. A person's turn on an answered
	// escalation puts it back to open. ErrResolved if resolved.
	AppendTurn(ctx context.Context, id string, t Turn) error
	// MarkUrgent flags an existing escalation urgent (it moves to the top of the queue).
	MarkUrgent(ctx context.Context, id, reason string) error
	// Claim gives moderator a lease of ttl. ErrAlreadyClaimed if someone else holds a
	// live lease; the same moderator claiming again gets a renewed lease.
	Claim(ctx context.Context, id, moderator string, ttl time.Duration) (Lease, error)
	// Renew extends a live lease. ErrLeaseLost if it expired or was taken over.
	Renew(ctx context.Context, id string, l Lease, ttl time.Duration) (Lease, error)
	// Release gives up a lease (hand back). ErrLeaseLost if it is no longer held.
	Release(ctx context.Context, id string, l Lease) error
	// Answer records a moderator's reply under a live lease and sets status answered;
	// ref is the outbox id of the reply sent to the person (Turn.Ref).
	Answer(ctx context.Context, id string, l Lease, text, ref string) error
	// Resolve closes the escalation under a live lease.
	Resolve(ctx context.Context, id string, l Lease) error
	// PurgeResolved deletes the escalations resolved strictly before the time before,
	// with their transcripts, and returns how many it deleted: what people wrote is kept
	// only as long as it is useful. Open and answered escalations are never deleted,
	// however old. A deleted escalation is unknown afterwards (ErrNotFound).
	PurgeResolved(ctx context.Context, before time.Time) (int, error)
}
