package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"sportello/bot/triage"
	"sportello/content"
	"sportello/locales"
)

// Articles gives the engine the knowledge base. Implemented by *content.Base.
type Articles interface {
	Get(slug, lang string) (*content.Article, bool)
}

// Config tunes the engine's decisions.
type Config struct {
	// Threshold is the least search confidence at which the engine answers with an
	// article; below it, it offers a person. Required: the searcher's calibration
	// gives it (search.DefaultThreshold).
	Threshold float64
	// ResponseHours is how soon moderators usually answer, told to people when their
	// question is handed over.
	ResponseHours int
	// MaxTextRunes is the longest message the engine reads.
	MaxTextRunes int
}

// DefaultConfig returns the engine's defaults, without a threshold.
func DefaultConfig() Config {
	return Config{ResponseHours: 24, MaxTextRunes: 4000}
}

// Deps are what the engine needs from the rest of Sportello.
type Deps struct {
	Articles      Articles
	Searcher      Searcher
	Conversations Conversations
	Escalations   Escalations
	Identities    Pseudonymizer
	Messages      *locales.Bundle
	Clock         Clock        // defaults to SystemClock
	Log           *slog.Logger // defaults to slog.Default()
}

// Engine runs conversations: one message at a time per person, in order.
type Engine struct {
	Deps
	decider Decider
	cfg     Config
	locks   keyedMutex
}

// New returns an engine. Every field of deps but Clock and Log is required.
func New(deps Deps, cfg Config) (*Engine, error) {
	if deps.Articles == nil || deps.Searcher == nil || deps.Conversations == nil ||
		deps.Escalations == nil || deps.Identities == nil || deps.Messages == nil {
		return nil, errors.New("engine: missing dependency")
	}
	if cfg.Threshold <= 0 || cfg.Threshold >= 1 {
		return nil, fmt.Errorf("engine: threshold %v is not between 0 and 1", cfg.Threshold)
	}
	if deps.Clock == nil {
		deps.Clock = SystemClock{}
	}
	if deps.Log == nil {
		deps.Log = slog.Default()
	}
	def := DefaultConfig()
	if cfg.ResponseHours <= 0 {
		cfg.ResponseHours = def.ResponseHours
	}
	if cfg.MaxTextRunes <= 0 {
		cfg.MaxTextRunes = def.MaxTextRunes
	}
	return &Engine{
		Deps:    deps,
		decider: Decider{Searcher: deps.Searcher, Threshold: cfg.Threshold},
		cfg:     cfg,
		locks:   keyedMutex{m: map[string]*lockEntry{}},
	}, nil
}

// Handle processes one inbound message and returns the replies to send, in order.
// Messages of the same person are processed one at a time. The conversation is saved
// before Handle returns. On error the conversation was not saved and the message may be
// retried; the replies returned with an error are the emergency numbers, which must be
// sent even so. A message whose MessageID was the last one handled for this person is
// not processed again: Handle returns the replies it got the first time.
func (e *Engine) Handle(ctx context.Context, in Inbound) ([]Reply, error) {
	if in.Channel == "" || in.Sender == "" {
		return nil, errors.New("handle: inbound without channel or sender")
	}
	key := e.Identities.PersonKey(in.Channel, in.Sender)
	unlock := e.locks.lock(key)
	defer unlock()

	c, err := e.conversation(ctx, key, in)
	if err != nil {
		return e.emergencyOnly(in), err
	}
	if in.MessageID != "" && in.MessageID == c.LastMessageID {
		// Delivered again after it was handled: the same replies, nothing done twice.
		return c.LastReplies, nil
	}
	t := &turn{e: e, ctx: ctx, c: c, in: in, log: e.Log.With(slog.String("person", key[:min(8, len(key))]), slog.String("channel", in.Channel))}
	err = t.run()
	if err == nil {
		c.LastMessageID, c.LastReplies = in.MessageID, t.out
		c.UpdatedAt = e.Clock.Now()
		if err = e.Conversations.SaveConversation(ctx, c); err != nil {
			err = fmt.Errorf("save conversation: %w", err)
		}
	}
	if err != nil {
		return urgentOnly(t.out), err
	}
	return t.out, nil
}

// emergencyOnly answers an urgent message when the conversation cannot be loaded:
// the emergency numbers do not wait for the store.
func (e *Engine) emergencyOnly(in Inbound) []Reply {
	text := cleanText(in.Text)
	lang := locales.DetectWithHint(text, in.LangHint).Lang
	if lang == "" {
		lang = locales.English
	}
	cat := triage.Classify(lang, text).Urgent
	if cat == "" {
		return nil
	}
	t := &turn{e: e, c: &Conversation{Lang: lang}}
	t.say(t.urgentReply(string(cat)))
	return t.out
}

// urgentOnly keeps the replies a person must get even when the turn failed: the
// emergency numbers.
func urgentOnly(rs []Reply) []Reply {
	var out []Reply
	for _, r := range rs {
		if r.Urgent {
			out = append(out, r)
		}
	}
	return out
}

func (e *Engine) conversation(ctx context.Context, key string, in Inbound) (*Conversation, error) {
	c, err := e.Conversations.GetConversation(ctx, key)
	if errors.Is(err, ErrNotFound) {
		addr, err := e.Identities.SealAddress(in.Channel, in.Sender)
		if err != nil {
			return nil, fmt.Errorf("seal address: %w", err)
		}
		return &Conversation{Key: key, Channel: in.Channel, Address: addr}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("get conversation: %w", err)
	}
	return c, nil
}

// Decide is the decision a conversation makes on a question (see Decider).
func (e *Engine) Decide(ctx context.Context, lang, text string) (Decision, error) {
	return e.decider.Decide(ctx, lang, text)
}

// cleanText makes untrusted text safe to process: valid UTF-8, no control characters
// other than newlines and tabs, trimmed.
func cleanText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// keyedMutex serialises work per conversation key without holding a lock per person
// forever: entries are dropped when nobody waits on them.
type keyedMutex struct {
	mu sync.Mutex
	m  map[string]*lockEntry
}

type lockEntry struct {
	mu   sync.Mutex
	refs int
}

func (k *keyedMutex) lock(key string) (unlock func()) {
	k.mu.Lock()
	le := k.m[key]
	if le == nil {
		le = &lockEntry{}
		k.m[key] = le
	}
	le.refs++
	k.mu.Unlock()
	le.mu.Lock()
	return func() {
		le.mu.Unlock()
		k.mu.Lock()
		le.refs--
		if le.refs == 0 {
			delete(k.m, key)
		}
		k.mu.Unlock()
	}
}

// MarkBlocked records that the person behind key cannot be reached on their channel
// (they blocked the bot). The mark is cleared when they write again.
func (e *Engine) MarkBlocked(ctx context.Context, key string) error {
	unlock := e.locks.lock(key)
	defer unlock()
	c, err := e.Conversations.GetConversation(ctx, key)
	if errors.Is(err, ErrNotFound) {
		return nil // nothing remembered, nothing to mark
	}
	if err != nil {
		return fmt.Errorf("mark blocked: %w", err)
	}
	if c.Blocked {
		return nil
	}
	c.Blocked = true
	if err := e.Conversations.SaveConversation(ctx, c); err != nil {
		return fmt.Errorf("mark blocked: %w", err)
	}
	return nil
}
