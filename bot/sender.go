package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Transport sends messages on one network. Channels implement it.
type Transport interface {
	// Send delivers r, one network message, to the person at address (the channel's
	// own address, as given in Inbound.Sender). It returns an error wrapping
	// ErrUnreachable when the person can never be reached (they blocked the bot, the
	// chat is gone), ErrRejected when this message never will be, a *RetryAfterError when the network asks to wait, and any
	// other error for a failure worth retrying.
	Send(ctx context.Context, address string, r Reply) error
}

// Errors a Transport returns for messages that must not be retried.
var (
	// ErrUnreachable says a person cannot be reached on a channel: they blocked the bot.
	ErrUnreachable = errors.New("person unreachable")
	// ErrRejected says the network refused this message and would refuse it again.
	ErrRejected = errors.New("message rejected")
)

// RetryAfterError is a network's flood control: nothing should be sent before After.
type RetryAfterError struct {
	After time.Duration
	Err   error
}

func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("retry after %v: %v", e.After, e.Err)
}

func (e *RetryAfterError) Unwrap() error { return e.Err }

// Limits are the sending rates a network allows.
type Limits struct {
	PerSecond       float64 // messages a second overall
	Burst           int     // messages sent at once overall before PerSecond applies
	PersonPerSecond float64 // messages a second to one person
	PersonBurst     int     // messages sent at once to one person
}

// Sender drains one channel's outbox at the network's pace. Run it in one process at a
// time (see Leases) so that its limits hold; the outbox's leases keep it correct even
// when two run for a moment.
type Sender struct {
	Channel    string
	Outbox     Outbox
	Transport  Transport
	Identities Pseudonymizer
	Limits     Limits
	// Blocked, if set, is told when a person turned out to be unreachable.
	Blocked func(ctx context.Context, personKey string)
	// Worker names this process in the outbox's leases.
	Worker string
	// Concurrency is how many messages (to different people) are in flight; 8 if 0.
	Concurrency int
	// Lease is how long an item is held while being sent; 30 seconds if 0. It must
	// exceed SendTimeout by far, or a slow send could be repeated by another process.
	Lease time.Duration
	// SendTimeout bounds one network call; 10 seconds if 0.
	SendTimeout time.Duration
	// Idle is how often an idle sender looks for replies enqueued by other processes
	// or coming due; 250 ms if 0. Replies enqueued through Notify go at once.
	Idle time.Duration
	// MaxAttempts is how many failed attempts an item may have before it is given up
	// as failed; 50 (about four hours of retries) if 0. Flood control does not count.
	MaxAttempts int
	Log         *slog.Logger
	Clock       Clock

	wake     chan struct{}
	initOnce sync.Once
	global   *rate.Limiter

	mu          sync.Mutex
	pausedUntil time.Time               // flood control: nothing is sent before it
	people      map[string]*personLimit // per-person pacing, pruned when idle
}

type personLimit struct {
	lim  *rate.Limiter
	used time.Time
}

func (s *Sender) init() {
	s.initOnce.Do(func() {
		s.wake = make(chan struct{}, 1)
		s.people = map[string]*personLimit{}
		if s.Concurrency <= 0 {
			s.Concurrency = 8
		}
		if s.Lease <= 0 {
			s.Lease = 30 * time.Second
		}
		if s.SendTimeout <= 0 {
			s.SendTimeout = 10 * time.Second
		}
		if s.Idle <= 0 {
			s.Idle = 250 * time.Millisecond
		}
		if s.MaxAttempts <= 0 {
			s.MaxAttempts = 50
		}
		if s.Log == nil {
			s.Log = slog.Default()
		}
		if s.Clock == nil {
			s.Clock = SystemClock{}
		}
		if s.Worker == "" {
			s.Worker = "sender"
		}
		s.global = rate.NewLimiter(limit(s.Limits.PerSecond), max(s.Limits.Burst, 1))
	})
}

// Notify wakes the sender: replies were enqueued.
func (s *Sender) Notify() {
	s.init()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run sends until ctx is done, then waits for the sends in flight.
func (s *Sender) Run(ctx context.Context) error {
	s.init()
	log := s.Log.With(slog.String("channel", s.Channel))
	slots := make(chan struct{}, s.Concurrency)
	var wg sync.WaitGroup
	defer wg.Wait()
	var failures int
	lastPrune := time.Now()
	for ctx.Err() == nil {
		// Wait for a free slot, then take as many items as there are free slots.
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return nil
		}
		free := 1
	fill:
		for free < s.Concurrency {
			select {
			case slots <- struct{}{}:
				free++
			default:
				break fill
			}
		}
		items, err := s.Outbox.Next(ctx, s.Channel, s.Worker, free, s.Lease)
		for range free - len(items) {
			<-slots
		}
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			failures++
			log.Error("outbox unavailable", slog.String("error", err.Error()))
			Sleep(ctx, backoff(failures, 5*time.Second))
			continue
		}
		failures = 0
		for _, it := range items {
			wg.Go(func() {
				defer func() { <-slots }()
				s.deliver(ctx, log, it)
			})
		}
		if len(items) == 0 {
			if time.Since(lastPrune) > time.Minute {
				s.prune()
				lastPrune = time.Now()
			}
			select {
			case <-ctx.Done():
			case <-s.wake:
			case <-time.After(s.Idle):
			}
		}
	}
	return nil
}

// deliver sends one item and records the outcome in the outbox.
func (s *Sender) deliver(ctx context.Context, log *slog.Logger, it OutboxItem) {
	log = log.With(slog.String("item", it.ID))
	// Outcomes are recorded even when shutting down: an unrecorded send is repeated.
	record := context.WithoutCancel(ctx)
	channel, address, err := s.Identities.OpenAddress(it.Address)
	if err != nil || channel != it.Channel {
		log.Error("reply address cannot be opened; reply dropped", slog.Any("error", err))
		s.fail(record, log, it)
		return
	}
	if err := s.wait(ctx, it); err != nil {
		s.retry(record, log, it, s.Clock.Now()) // shutting down: the next owner sends it
		return
	}
	// A send under way finishes even when shutting down: cut off, the network may have
	// delivered it without this process knowing, and the next owner would send it again.
	sendCtx, cancel := context.WithTimeout(record, s.SendTimeout)
	err = s.Transport.Send(sendCtx, address, it.Reply)
	cancel()
	var flood *RetryAfterError
	switch {
	case err == nil:
		if err := s.Outbox.Sent(record, it.ID); err != nil {
			log.Error("sent reply not recorded; it may be sent again", slog.String("error", err.Error()))
		}
	case errors.As(err, &flood):
		until := s.Clock.Now().Add(flood.After)
		s.pause(until)
		log.Warn("flood control: sending paused", slog.Duration("retry_after", flood.After))
		s.retry(record, log, it, until)
	case errors.Is(err, ErrUnreachable):
		log.Info("person unreachable: their replies are dropped", slog.String("error", err.Error()))
		s.fail(record, log, it)
		if s.Blocked != nil {
			s.Blocked(record, it.PersonKey)
		}
	case errors.Is(err, ErrRejected):
		log.Error("reply rejected by the network; given up", slog.String("error", err.Error()))
		s.fail(record, log, it)
	case it.Attempts+1 >= s.MaxAttempts:
		log.Error("reply failed too often; given up", slog.Int("attempts", it.Attempts+1), slog.String("error", err.Error()))
		s.fail(record, log, it)
	default:
		// Exponential with jitter, from one second up to five minutes.
		d := min(backoff(it.Attempts+1, time.Minute)*10, 5*time.Minute)
		d += time.Duration(rand.Int64N(int64(d/4) + 1))
		log.Warn("reply not sent; will retry", slog.Int("attempts", it.Attempts+1), slog.Duration("in", d), slog.String("error", err.Error()))
		s.retry(record, log, it, s.Clock.Now().Add(d))
	}
}

// wait paces a send: the person's rate, the overall rate, then flood control, last so
// that a pause Telegram asked for holds every send that has not left yet.
func (s *Sender) wait(ctx context.Context, it OutboxItem) error {
	if err := s.person(it.PersonKey).Wait(ctx); err != nil {
		return err
	}
	if err := s.global.Wait(ctx); err != nil {
		return err
	}
	for {
		s.mu.Lock()
		until := s.pausedUntil
		s.mu.Unlock()
		d := until.Sub(s.Clock.Now())
		if d <= 0 {
			return nil
		}
		Sleep(ctx, d)
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

func (s *Sender) person(key string) *rate.Limiter {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.people[key]
	if p == nil {
		p = &personLimit{lim: rate.NewLimiter(limit(s.Limits.PersonPerSecond), max(s.Limits.PersonBurst, 1))}
		s.people[key] = p
	}
	p.used = time.Now()
	return p.lim
}

// prune forgets the pace of people not written to for a minute: their limiter is full.
func (s *Sender) prune() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, p := range s.people {
		if time.Since(p.used) > time.Minute {
			delete(s.people, k)
		}
	}
}

// limit is a rate of perSecond, or no limit when it is not positive.
func limit(perSecond float64) rate.Limit {
	if perSecond <= 0 {
		return rate.Inf
	}
	return rate.Limit(perSecond)
}

func (s *Sender) pause(until time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if until.After(s.pausedUntil) {
		s.pausedUntil = until
	}
}

func (s *Sender) retry(ctx context.Context, log *slog.Logger, it OutboxItem, at time.Time) {
	if err := s.Outbox.Retry(ctx, it.ID, at); err != nil {
		log.Error("reply not put back; its lease will run out", slog.String("error", err.Error()))
	}
}

func (s *Sender) fail(ctx context.Context, log *slog.Logger, it OutboxItem) {
	n, err := s.Outbox.Fail(ctx, it.ID)
	if err != nil {
		log.Error("reply not marked failed", slog.String("error", err.Error()))
		return
	}
	if n > 0 {
		log.Info("the person's other replies dropped too", slog.Int("count", n))
	}
}
