package whatsapp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"

	"sportello/bot"
)

var _ bot.Transport = (*Adapter)(nil)

// Deps are what the channel needs from the rest of Sportello.
type Deps struct {
	Inbox      bot.Inbox
	Identities bot.Pseudonymizer
	// Received, if set, is called after a message was put in the inbox.
	Received func()
	Log      *slog.Logger
	Clock    bot.Clock
}

// Statuses of the connection, as State reports them.
const (
	StatusNotLinked      = "not_linked"      // no device in the store: run Link
	StatusConnecting     = "connecting"      // Run is connecting
	StatusConnected      = "connected"       // logged in, receiving and sending
	StatusDisconnected   = "disconnected"    // connection lost (whatsmeow reconnects), or Run stopped
	StatusLoggedOut      = "logged_out"      // unlinked from the phone: link again
	StatusStreamReplaced = "stream_replaced" // another process connected with the same session
	StatusOutdated       = "outdated"        // WhatsApp refuses this whatsmeow version: update it
	StatusBanned         = "banned"          // temporarily banned, until State.Until if known
	StatusTimelock       = "timelock"        // connected, but may not message new contacts until State.Until
)

// State is where the WhatsApp connection stands, for operators.
type State struct {
	Status string    // one of the Status constants
	Reason string    // a plain explanation, naming no one
	Since  time.Time // when Status began
	Until  time.Time // for "banned" and "timelock": when it ends, if WhatsApp said
}

// Errors Run returns when the channel must stop. Run never reconnects after them.
var (
	// ErrNotLinked means the device store holds no linked device: run Link first.
	ErrNotLinked = errors.New("whatsapp: no linked device; link one first")
	// ErrLoggedOut means the phone unlinked Sportello (or WhatsApp did). whatsmeow
	// has deleted the device: link again.
	ErrLoggedOut = errors.New("whatsapp: logged out; the device was unlinked and must be linked again")
	// ErrStreamReplaced means another process connected with the same session. Never
	// run two processes on one number.
	ErrStreamReplaced = errors.New("whatsapp: another process connected with the same session")
	// ErrOutdated means WhatsApp refuses this version of whatsmeow: update it (see
	// README).
	ErrOutdated = errors.New("whatsapp: client outdated; update whatsmeow (see README)")
)

// ingestTimeout bounds storing one message. whatsmeow handles events one at a
// time, so a slow inbox holds up everything behind it.
const ingestTimeout = 15 * time.Second

// RateLimitPause is how long the sender waits when WhatsApp says it sends too much.
const RateLimitPause = time.Minute

// BanMargin is how long after a temporary ban's end Run connects again.
const BanMargin = time.Minute

// sender is the part of *whatsmeow.Client that sends; tests replace it.
type sender interface {
	SendMessage(ctx context.Context, to types.JID, message *waE2E.Message, extra ...whatsmeow.SendRequestExtra) (whatsmeow.SendResponse, error)
}

// Adapter is Sportello on WhatsApp, through one linked device. Messages come in
// through whatsmeow's event handler and go to the inbox before WhatsApp is
// acknowledged; replies leave through Send, called by the outbox's sender. Run keeps
// the connection up.
type Adapter struct {
	// Jitter returns the pause before each message Send sends, so that replies do
	// not leave at a machine's pace (a ban risk); 1 to 3 seconds at random by
	// default. Urgent replies do not wait.
	Jitter func() time.Duration

	client     *whatsmeow.Client
	deps       Deps
	send       sender
	newID      func() types.MessageID
	connect    func() error
	disconnect func()
	banMargin  time.Duration
	running    atomic.Bool
	wake       chan struct{} // a lifecycle event Run must look at

	mu       sync.Mutex
	state    State
	fatal    error // why Run must stop, once it looks
	timelock State // the reach-out timelock, while active (Status set)
}

// New returns the WhatsApp adapter on client and registers its event handler. It
// makes no network call. It sets the client up for durable ingest: a message is
// acknowledged only after the handler stored it, and one it failed to store is
// delivered again (and not decrypted twice).
func New(client *whatsmeow.Client, deps Deps) (*Adapter, error) {
	if client == nil || client.Store == nil {
		return nil, errors.New("whatsapp: no client")
	}
	if deps.Inbox == nil || deps.Identities == nil {
		return nil, errors.New("whatsapp: missing dependency")
	}
	if deps.Log == nil {
		deps.Log = slog.Default()
	}
	if deps.Clock == nil {
		deps.Clock = bot.SystemClock{}
	}
	setDeviceProps()
	client.SynchronousAck = true
	client.EnableDecryptedEventBuffer = true
	client.AutomaticMessageRerequestFromPhone = true
	// A network failure on the first connection is retried in the background, like
	// any later one; whatsmeow's pause grows by 2 s with each failure.
	client.InitialAutoReconnect = true
	a := &Adapter{
		Jitter:     jitter,
		client:     client,
		deps:       deps,
		send:       client,
		newID:      client.GenerateMessageID,
		connect:    client.Connect,
		disconnect: client.Disconnect,
		banMargin:  BanMargin,
		wake:       make(chan struct{}, 1),
	}
	a.state = State{Status: StatusDisconnected, Reason: "not started", Since: deps.Clock.Now()}
	if !a.linked() {
		a.state.Status = StatusNotLinked
	}
	client.AddEventHandlerWithSuccessStatus(a.handle)
	return a, nil
}

// jitter is a random pause of 1 to 3 seconds.
func jitter() time.Duration {
	return time.Second + rand.N(2*time.Second)
}

func (a *Adapter) linked() bool {
	return a.client.Store.ID != nil && !a.client.Store.Deleted
}

// handle is whatsmeow's event handler. It returns false only for a message that
// could not be stored, which whatsmeow then leaves unacknowledged.
func (a *Adapter) handle(evt any) bool {
	switch e := evt.(type) {
	case *events.Message:
		return a.ingest(e)
	case *events.Connected:
		a.set(StatusConnected, "", time.Time{})
		a.deps.Log.Info("whatsapp connected")
	case *events.KeepAliveRestored:
		if a.status() == StatusDisconnected {
			a.set(StatusConnected, "", time.Time{})
		}
	case *events.Disconnected:
		a.set(StatusDisconnected, "connection lost; reconnecting", time.Time{})
		a.deps.Log.Warn("whatsapp disconnected; reconnecting")
	case *events.KeepAliveTimeout:
		a.set(StatusDisconnected, "WhatsApp does not answer keep-alive pings", time.Time{})
		a.deps.Log.Warn("whatsapp keep-alive timeout", slog.Int("errors", e.ErrorCount))
	case *events.LoggedOut:
		a.stop(StatusLoggedOut, "unlinked from the phone or by WhatsApp ("+e.Reason.String()+"); link again", ErrLoggedOut)
	case *events.StreamReplaced:
		a.stop(StatusStreamReplaced, "another process connected with the same session", ErrStreamReplaced)
	case *events.ClientOutdated:
		a.stop(StatusOutdated, "WhatsApp refuses this whatsmeow version; update it (see README)", ErrOutdated)
	case *events.TemporaryBan:
		a.ban(e)
	case *events.ConnectFailure:
		reason := fmt.Sprintf("WhatsApp refused the connection (%d)", int(e.Reason))
		a.stop(StatusDisconnected, reason, errors.New("whatsapp: "+reason))
	case *events.CATRefreshError:
		a.stop(StatusDisconnected, "WhatsApp refused the connection (access token)", errors.New("whatsapp: access token refresh failed"))
	case *events.NotifyAccountReachoutTimelock:
		a.setTimelock(e)
	}
	return true
}

// ingest puts one message in the inbox and reports whether WhatsApp may be told it
// arrived: true once it is stored (or is one Sportello ignores), false when it could
// not be, so that WhatsApp delivers it again.
func (a *Adapter) ingest(m *events.Message) (ok bool) {
	log := a.deps.Log
	defer func() {
		if r := recover(); r != nil {
			log.Error("whatsapp message handler panicked; WhatsApp will deliver the message again", slog.Any("panic", r))
			ok = false
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), ingestTimeout)
	defer cancel()
	var lookupErr error
	ev := ToInbound(m, func(pn types.JID) types.JID {
		if a.client.Store.LIDs == nil {
			return types.JID{} // an unlinked device has no LID map
		}
		lid, err := a.client.Store.LIDs.GetLIDForPN(ctx, pn)
		if err != nil {
			lookupErr = err
			return types.JID{}
		}
		return lid
	})
	if ev.Kind == KindIgnored {
		return true
	}
	if lookupErr != nil {
		// Storing it under the phone number would make the person a stranger.
		log.Error("whatsapp message not stored: LID lookup failed; WhatsApp will deliver it again",
			slog.String("error", Redact(lookupErr.Error())))
		return false
	}
	in := ev.Inbound
	if in.At.IsZero() {
		in.At = a.deps.Clock.Now()
	}
	key := a.deps.Identities.PersonKey(Channel, in.Sender)
	addr, err := a.deps.Identities.SealAddress(Channel, in.Sender)
	if err != nil {
		log.Error("whatsapp message not stored: cannot seal address", slog.String("error", err.Error()))
		return false
	}
	item := bot.InboxItem{
		// The person key, not the chat, keeps the number out of the inbox; message
		// ids are unique per sender.
		ID: Channel + ":" + key + ":" + in.MessageID, Content: in.Content, Channel: Channel,
		PersonKey: key, Address: addr, MessageID: in.MessageID, Text: in.Text, At: in.At,
	}
	if _, err := a.deps.Inbox.Put(ctx, item); err != nil {
		log.Error("whatsapp message not stored; WhatsApp will deliver it again",
			slog.String("person", pseudonym(key)), slog.String("kind", ev.Kind.String()),
			slog.String("error", Redact(err.Error())))
		return false
	}
	if a.deps.Received != nil {
		a.deps.Received()
	}
	return true
}

// set records a new status; Since moves only when the status or reason changes.
func (a *Adapter) set(status, reason string, until time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.setLocked(status, reason, until)
}

func (a *Adapter) setLocked(status, reason string, until time.Time) {
	if a.state.Status != status || a.state.Reason != reason {
		a.state.Since = a.deps.Clock.Now()
	}
	a.state.Status, a.state.Reason, a.state.Until = status, reason, until
}

func (a *Adapter) status() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.state.Status
}

// stop records a permanent disconnection and tells Run to return err.
func (a *Adapter) stop(status, reason string, err error) {
	a.mu.Lock()
	a.setLocked(status, reason, time.Time{})
	a.fatal = err
	a.mu.Unlock()
	a.deps.Log.Error("whatsapp stopped: "+reason, slog.String("status", status))
	a.poke()
}

// ban records a temporary ban; Run reconnects once it is over.
func (a *Adapter) ban(e *events.TemporaryBan) {
	var until time.Time
	if e.Expire > 0 {
		until = a.deps.Clock.Now().Add(e.Expire)
	}
	a.set(StatusBanned, "temporarily banned: "+e.Code.String(), until)
	a.deps.Log.Error("whatsapp number temporarily banned", slog.Int("code", int(e.Code)),
		slog.String("reason", e.Code.String()), slog.Duration("expires_in", e.Expire))
	a.poke()
}

// setTimelock records WhatsApp's restriction on messaging new contacts; the
// connection stays up.
func (a *Adapter) setTimelock(e *events.NotifyAccountReachoutTimelock) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if !e.IsActive {
		if a.timelock.Status != "" {
			a.deps.Log.Info("whatsapp reach-out restriction lifted")
		}
		a.timelock = State{}
		return
	}
	until := e.TimeEnforcementEnds.Time
	reason := "WhatsApp restricts messaging new contacts"
	if e.EnforcementType != "" {
		reason += " (" + e.EnforcementType + ")"
	}
	if a.timelock.Status == "" {
		a.timelock.Since = a.deps.Clock.Now()
	}
	a.timelock.Status, a.timelock.Reason, a.timelock.Until = StatusTimelock, reason, until
	a.deps.Log.Warn("whatsapp reach-out restriction", slog.String("type", e.EnforcementType), slog.Time("until", until))
}

// poke wakes Run.
func (a *Adapter) poke() {
	select {
	case a.wake <- struct{}{}:
	default:
	}
}

// State returns where the connection stands. A reach-out timelock shows while the
// connection is up.
func (a *Adapter) State() State {
	a.mu.Lock()
	defer a.mu.Unlock()
	st := a.state
	tl := a.timelock
	if st.Status == StatusConnected && tl.Status != "" && (tl.Until.IsZero() || tl.Until.After(a.deps.Clock.Now())) {
		return tl
	}
	return st
}

// Run connects to WhatsApp and stays connected until ctx is done, then disconnects
// and returns nil. whatsmeow reconnects by itself after a network failure. Run
// returns an error, and never reconnects, when the device is not linked
// (ErrNotLinked), was logged out (ErrLoggedOut), another process took the session
// (ErrStreamReplaced), the client is outdated (ErrOutdated) or WhatsApp refused the
// connection for good; the caller then stops the channel. After a temporary ban Run
// stays, and connects again once the ban is over (if WhatsApp said when).
func (a *Adapter) Run(ctx context.Context) error {
	if !a.running.CompareAndSwap(false, true) {
		return errors.New("whatsapp: already running")
	}
	defer a.running.Store(false)
	if !a.linked() {
		a.set(StatusNotLinked, "no linked device", time.Time{})
		return ErrNotLinked
	}
	a.mu.Lock()
	a.fatal = nil
	a.mu.Unlock()
	select {
	case <-a.wake: // left over from an earlier run
	default:
	}
	a.set(StatusConnecting, "", time.Time{})
	if err := a.connect(); err != nil {
		a.set(StatusDisconnected, "could not connect", time.Time{})
		return fmt.Errorf("whatsapp: connect: %w", hide(err))
	}
	defer a.disconnect()

	var banOver <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			a.mu.Lock()
			switch a.state.Status {
			case StatusConnecting, StatusConnected, StatusDisconnected:
				a.setLocked(StatusDisconnected, "stopped", time.Time{})
			}
			a.mu.Unlock()
			return nil
		case <-a.wake:
			a.mu.Lock()
			fatal, st := a.fatal, a.state
			a.mu.Unlock()
			if fatal != nil {
				return fatal
			}
			if st.Status == StatusBanned && !st.Until.IsZero() {
				banOver = time.After(st.Until.Sub(a.deps.Clock.Now()) + a.banMargin)
			}
		case <-banOver:
			banOver = nil
			if a.status() != StatusBanned {
				continue
			}
			a.deps.Log.Info("whatsapp ban over; connecting again")
			a.disconnect()
			a.set(StatusConnecting, "ban over", time.Time{})
			if err := a.connect(); err != nil {
				a.set(StatusDisconnected, "could not connect after the ban", time.Time{})
				return fmt.Errorf("whatsapp: connect after ban: %w", hide(err))
			}
		}
	}
}

// Send sends r to address, a JID as given in Inbound.Sender: one WhatsApp text
// message for each message Render makes (one, when Parts was applied), each after a
// short random pause (Jitter). It implements bot.Transport: an address that is not a
// person's or a group's JID is ErrRejected, a number not on WhatsApp ErrUnreachable,
// WhatsApp's rate limit (and a ban) a *bot.RetryAfterError, and being disconnected or
// logged out a plain error, retried later.
func (a *Adapter) Send(ctx context.Context, address string, r bot.Reply) error {
	to, err := types.ParseJID(address)
	if err != nil || to.User == "" || !(isPerson(to) || to.Server == types.GroupServer) {
		return fmt.Errorf("whatsapp: bad address: %w", bot.ErrRejected)
	}
	to = to.ToNonAD()
	if st := a.State(); st.Status == StatusBanned {
		if wait := st.Until.Sub(a.deps.Clock.Now()); wait > 0 {
			return &bot.RetryAfterError{After: wait, Err: errors.New("whatsapp: temporarily banned")}
		}
	}
	for _, text := range Render(r) {
		if !r.Urgent && a.Jitter != nil {
			if d := a.Jitter(); d > 0 {
				bot.Sleep(ctx, d)
			}
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("whatsapp: send: %w", err)
		}
		_, err := a.send.SendMessage(ctx, to, &waE2E.Message{Conversation: proto.String(text)},
			whatsmeow.SendRequestExtra{ID: a.newID()})
		if err != nil {
			return classify(err)
		}
	}
	return nil
}

// classify maps whatsmeow's errors to the sender's, with the JIDs whatsmeow puts in
// its messages removed.
func classify(err error) error {
	wrapped := fmt.Errorf("whatsapp: send: %w", hide(err))
	switch {
	case errors.Is(err, whatsmeow.ErrIQRateOverLimit) || serverError(err) == 429:
		return &bot.RetryAfterError{After: RateLimitPause, Err: wrapped}
	case errors.Is(err, whatsmeow.ErrRecipientADJID), errors.Is(err, whatsmeow.ErrUnknownServer),
		errors.Is(err, whatsmeow.ErrBroadcastListUnsupported), errors.Is(err, whatsmeow.ErrInvalidInlineBotID),
		serverError(err) == 400:
		return fmt.Errorf("%w: %w", bot.ErrRejected, wrapped)
	case strings.Contains(err.Error(), "no LID found"):
		// WhatsApp knows no account for the number.
		return fmt.Errorf("%w: %w", bot.ErrUnreachable, wrapped)
	}
	// Not logged in, not connected, timeouts: worth retrying.
	return wrapped
}

// serverError returns the code of an error WhatsApp returned for a sent message
// ("server returned error 429"), or 0.
func serverError(err error) int {
	if !errors.Is(err, whatsmeow.ErrServerReturnedError) {
		return 0
	}
	msg := err.Error()
	code, _ := strconv.Atoi(msg[strings.LastIndexByte(msg, ' ')+1:])
	return code
}
