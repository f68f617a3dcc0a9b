// Package bot is Sportello's conversation engine: it turns what a person writes into
// replies, answers from the knowledge base, triages urgent messages and hands what it
// cannot answer to human moderators. It never imports a channel, a store or a search
// backend; it depends on the small interfaces defined in this package.
package bot

import (
	"context"
	"errors"
	"time"

	"sportello/bot/textsplit"
)

// Content says what an inbound message carries when it is not plain text.
type Content string

// Contents of an inbound message. Channels drop what the engine must not keep: coordinates,
// attachments, and the text of group chats and edits.
const (
	ContentText     Content = ""         // text, a command, or a pressed option
	ContentMedia    Content = "media"    // a photo, voice note, sticker, document...; Text is its caption, if any
	ContentLocation Content = "location" // a shared location; the coordinates are not kept
	ContentEdited   Content = "edited"   // an edit of an earlier message; its text is not kept
	ContentGroup    Content = "group"    // a message in a group chat; Sender is the group, its text is not kept
	ContentBlocked  Content = "blocked"  // the person blocked the bot; nothing can be sent to them
)

// Inbound is one message from a person, as a channel adapter hands it to the engine.
type Inbound struct {
	Content   Content
	Channel   string    // "terminal", "telegram", "whatsapp"
	Sender    string    // the channel's address of the person (chat id, JID); never logged or shown
	MessageID string    // the network's own id, used to deduplicate redeliveries
	Text      string    // what the person typed (or a caption)
	Option    string    // the ID of a pressed option (inline button), if any
	LangHint  string    // the client's language, if the network tells it (a hint only)
	At        time.Time // when the network received it
}

// Option is one numbered choice offered to the person. Channels show it as a button
// (Telegram) or a numbered line (WhatsApp, terminal); the person may also type its number.
type Option struct {
	ID    string // payload, e.g. "article:health-card", "person", "lang:fr"
	Label string // in the conversation's language
}

// Reply is a channel-neutral message to a person. Text is plain text: paragraphs are
// separated by a blank line, list items start with "• ". Channels add their own markup.
type Reply struct {
	Lang    string
	Title   string // optional heading, shown in bold where the channel can
	Text    string
	Options []Option
	Urgent  bool // emergency numbers: channels must not delay or batch it
}

// Role says who wrote a turn of a transcript.
type Role string

// Roles of a transcript turn.
const (
	RolePerson    Role = "person"
	RoleBot       Role = "bot"
	RoleModerator Role = "moderator"
	RoleNote      Role = "note" // a moderator's private note; never sent to the person
)

// Turn is one message of a conversation or escalation transcript.
type Turn struct {
	Role Role      `json:"role"`
	Text string    `json:"text"`
	By   string    `json:"by,omitempty"` // moderator name for RoleModerator and RoleNote
	At   time.Time `json:"at"`
	// Ref is the outbox id of a moderator's answer, to follow its delivery.
	Ref string `json:"ref,omitempty"`
}

// Errors returned by the stores, for callers to branch on.
var (
	// ErrNotFound is returned when a conversation or escalation does not exist.
	ErrNotFound = errors.New("not found")
	// ErrAlreadyClaimed is returned by Claim when another moderator holds a live lease.
	ErrAlreadyClaimed = errors.New("already claimed")
	// ErrLeaseLost is returned when a lease has expired or was taken over, so the
	// holder may no longer act on the escalation.
	ErrLeaseLost = errors.New("lease lost")
	// ErrResolved is returned when acting on an escalation that is already resolved.
	ErrResolved = errors.New("escalation resolved")
)

// Clock tells the time; tests use a fixed one.
type Clock interface{ Now() time.Time }

// SystemClock is the wall clock.
type SystemClock struct{}

// Now returns the current time.
func (SystemClock) Now() time.Time { return time.Now() }

// Pseudonymizer hides channel identities. PersonKey is a keyed hash: stable for the same
// channel and sender, and useless without the key. SealAddress encrypts the address the
// engine needs to reply later; OpenAddress reverses it for the outbox.
type Pseudonymizer interface {
	PersonKey(channel, sender string) string
	SealAddress(channel, sender string) ([]byte, error)
	OpenAddress(sealed []byte) (channel, sender string, err error)
}

// Hit is one search result.
type Hit struct {
	Slug  string
	Lang  string // the language of the matched article (may be "en" as a fallback)
	Score float64
}

// SearchResult is the ranked answer to a query. Confidence, between 0 and 1, says how
// likely Hits[0] answers the question; the engine compares it with its threshold.
type SearchResult struct {
	Hits       []Hit
	Confidence float64
}

// Searcher finds articles for a question. Implemented by *search.Index.
// lang is a canonical language code; the searcher looks in that language's articles and
// in English articles for topics that have no translation in lang.
type Searcher interface {
	Search(ctx context.Context, lang, query string, limit int) (SearchResult, error)
}

// Split returns r cut into consecutive replies, one per message of msgs: each keeps
// r's language and urgency, and the last carries r's options. Channels use it to put
// one network message in each outbox item.
func (r Reply) Split(msgs []textsplit.Message) []Reply {
	out := make([]Reply, len(msgs))
	for i, m := range msgs {
		out[i] = Reply{Lang: r.Lang, Title: m.Title, Text: m.Body, Urgent: r.Urgent}
	}
	if len(out) > 0 {
		out[len(out)-1].Options = r.Options
	}
	return out
}
