package whatsapp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.mau.fi/util/jsontime"
	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waAdv"
	"go.mau.fi/whatsmeow/proto/waE2E"
	wastore "go.mau.fi/whatsmeow/store"
	"go.mau.fi/whatsmeow/store/sqlstore"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"

	"sportello/bot"
	"sportello/store"
)

type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// ownJID is the linked number in tests.
var ownJID = types.JID{User: "390000000001", Server: types.DefaultUserServer, Device: 7}

// harness is an adapter on a real whatsmeow client, with a real device store and a
// real SQLite inbox in a temporary directory.
type harness struct {
	a        *Adapter
	client   *whatsmeow.Client
	devices  *sqlstore.Container
	db       *store.SQLite
	keys     *store.Keyring
	received atomic.Int32
	logs     *bytes.Buffer
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// linkedDevice stores a device as if it had been linked, so the client has a JID
// and a LID map; nothing connects.
func linkedDevice(t testing.TB, c *sqlstore.Container) *wastore.Device {
	t.Helper()
	dev := c.NewDevice()
	id := ownJID
	dev.ID = &id
	dev.Account = &waAdv.ADVSignedDeviceIdentity{
		Details: []byte("details"), AccountSignature: make([]byte, 64), AccountSignatureKey: make([]byte, 32), DeviceSignature: make([]byte, 64),
	}
	if err := dev.Save(context.Background()); err != nil {
		t.Fatalf("save device: %v", err)
	}
	return dev
}

func newHarness(t testing.TB, linked bool) *harness {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	devices, err := OpenDevices(ctx, filepath.Join(dir, "whatsapp.db"), quiet())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { devices.Close() })
	dev, _, err := FirstDevice(ctx, devices)
	if err != nil {
		t.Fatal(err)
	}
	if linked {
		dev = linkedDevice(t, devices)
	}
	db, err := store.OpenSQLite(ctx, filepath.Join(dir, "sportello.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	keys, err := store.NewKeyring(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{devices: devices, db: db, keys: keys, logs: &bytes.Buffer{}}
	h.client = whatsmeow.NewClient(dev, nil)
	h.a, err = New(h.client, Deps{
		Inbox: db.Inbox(), Identities: keys, Received: func() { h.received.Add(1) },
		Log: slog.New(slog.NewTextHandler(&syncWriter{w: h.logs}, nil)), Clock: fixedClock{now},
	})
	if err != nil {
		t.Fatal(err)
	}
	h.a.Jitter = func() time.Duration { return 0 }
	return h
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// dispatch feeds evt through the client's real handler chain and reports whether
// whatsmeow would acknowledge it.
func (h *harness) dispatch(evt any) (acked bool) {
	return !h.client.DangerousInternals().DispatchEvent(evt)
}

// drain takes everything out of the inbox.
func (h *harness) drain(t *testing.T) []bot.InboxItem {
	t.Helper()
	ctx := context.Background()
	inbox := h.db.Inbox()
	var all []bot.InboxItem
	for {
		items, err := inbox.Next(ctx, "test", 100, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if len(items) == 0 {
			return all
		}
		for _, it := range items {
			if err := inbox.Done(ctx, it.ID); err != nil {
				t.Fatal(err)
			}
		}
		all = append(all, items...)
	}
}

func (h *harness) address(t *testing.T, it bot.InboxItem) string {
	t.Helper()
	ch, sender, err := h.keys.OpenAddress(it.Address)
	if err != nil || ch != Channel {
		t.Fatalf("OpenAddress = %q, %q, %v", ch, sender, err)
	}
	return sender
}

func withID(m *events.Message, id string) *events.Message {
	m.Info.ID = types.MessageID(id)
	return m
}

func TestNewChecksDependencies(t *testing.T) {
	h := newHarness(t, false)
	if _, err := New(nil, Deps{Inbox: h.db.Inbox(), Identities: h.keys}); err == nil {
		t.Error("New(nil client) succeeded")
	}
	if _, err := New(h.client, Deps{Identities: h.keys}); err == nil {
		t.Error("New without an inbox succeeded")
	}
	if !h.client.SynchronousAck || !h.client.EnableDecryptedEventBuffer || !h.client.AutomaticMessageRerequestFromPhone {
		t.Error("New did not set the client up for durable ingest")
	}
	if st := h.a.State(); st.Status != StatusNotLinked {
		t.Errorf("State() = %+v, want not_linked", st)
	}
}

func TestIngest(t *testing.T) {
	h := newHarness(t, true)
	ctx := context.Background()
	if err := h.client.Store.LIDs.PutLIDMapping(ctx, lid, pn); err != nil {
		t.Fatal(err)
	}
	msgs := []*events.Message{
		withID(dm(lid, text("where can I ask for asylum?")), "M1"),
		withID(dm(lid, func(m *events.Message) {
			m.Message.ExtendedTextMessage = &waE2E.ExtendedTextMessage{Text: proto.String("أين يمكنني طلب اللجوء؟")}
		}), "M2"),
		withID(dm(lid, func(m *events.Message) {
			m.Message.ImageMessage = &waE2E.ImageMessage{Caption: proto.String("is this permit valid?")}
		}), "M3"),
		withID(dm(lid, func(m *events.Message) { m.Message.StickerMessage = &waE2E.StickerMessage{} }), "M4"),
		withID(dm(lid, func(m *events.Message) {
			m.Message.LocationMessage = &waE2E.LocationMessage{DegreesLatitude: proto.Float64(41.902782), DegreesLongitude: proto.Float64(12.496366)}
		}), "M5"),
		withID(dm(pnDevice, text("same person, by phone number")), "M6"), // the LID map says it is lid
		withID(dm(lid, func(m *events.Message) { text("fixed")(m); m.IsEdit = true }), "M7"),
		withID(dm(lid, func(m *events.Message) { text("hello group")(m); m.Info.Chat, m.Info.IsGroup = group, true }), "M8"),
		withID(dm(lid, func(m *events.Message) { text("my status")(m); m.Info.Chat = types.StatusBroadcastJID }), "M9"),
		withID(dm(lid, func(m *events.Message) { text("from my other phone")(m); m.Info.IsFromMe = true }), "M10"),
	}
	for _, m := range msgs {
		if !h.dispatch(m) {
			t.Fatalf("message %s not acknowledged", m.Info.ID)
		}
	}
	// A redelivery is acknowledged and not stored twice.
	if !h.dispatch(withID(dm(lid, text("where can I ask for asylum?")), "M1")) {
		t.Fatal("redelivery not acknowledged")
	}

	items := h.drain(t)
	byID := map[string]bot.InboxItem{}
	for _, it := range items {
		byID[it.MessageID] = it
	}
	want := []struct {
		id      string
		content bot.Content
		text    string
	}{
		{"M1", bot.ContentText, "where can I ask for asylum?"},
		{"M2", bot.ContentText, "أين يمكنني طلب اللجوء؟"},
		{"M3", bot.ContentMedia, "is this permit valid?"},
		{"M4", bot.ContentMedia, ""},
		{"M5", bot.ContentLocation, ""},
		{"M6", bot.ContentText, "same person, by phone number"},
		{"M7", bot.ContentEdited, ""},
		{"M8", bot.ContentGroup, ""},
	}
	if len(items) != len(want) {
		t.Errorf("inbox holds %d items, want %d (status, own messages ignored; redelivery deduplicated)", len(items), len(want))
	}
	person := h.keys.PersonKey(Channel, lid.String())
	for _, w := range want {
		it, ok := byID[w.id]
		if !ok {
			t.Errorf("%s not in the inbox", w.id)
			continue
		}
		if it.Content != w.content || it.Text != w.text || it.Channel != Channel || !it.At.Equal(at) || it.LangHint != "" {
			t.Errorf("%s = %+v, want content %q text %q", w.id, it, w.content, w.text)
		}
		if strings.Contains(it.ID, pn.User) || strings.Contains(it.ID, lid.User) {
			t.Errorf("%s: inbox id %q holds the address", w.id, it.ID)
		}
		addr := h.address(t, it)
		switch w.id {
		case "M8":
			if addr != group.String() || it.PersonKey != h.keys.PersonKey(Channel, group.String()) {
				t.Errorf("group message: address %q, want the group", addr)
			}
		default:
			if it.PersonKey != person || addr != lid.String() {
				t.Errorf("%s: person key %s address %q, want the LID's (%s, %q)", w.id, it.PersonKey, addr, person, lid)
			}
		}
	}
	if loc := byID["M5"]; strings.Contains(fmt.Sprintf("%+v", loc), "41.9") || strings.Contains(fmt.Sprintf("%+v", loc), "12.49") {
		t.Errorf("location item keeps coordinates: %+v", loc)
	}
	if got := h.received.Load(); got != 9 { // 8 stored + 1 redelivery
		t.Errorf("Received called %d times, want 9", got)
	}
	if strings.Contains(h.logs.String(), pn.User) || strings.Contains(h.logs.String(), lid.User) {
		t.Errorf("logs name a person: %s", h.logs)
	}
}

func TestIngestPNFirstThenLID(t *testing.T) {
	// The same person writes by phone number, then by LID once WhatsApp told the
	// mapping (whatsmeow stores it in the LID map): one person key.
	h := newHarness(t, true)
	if !h.dispatch(withID(dm(pnDevice, func(m *events.Message) {
		text("first")(m)
		m.Info.SenderAlt = lid
	}), "P1")) {
		t.Fatal("not acknowledged")
	}
	if err := h.client.Store.LIDs.PutLIDMapping(context.Background(), lid, pn); err != nil {
		t.Fatal(err)
	}
	h.dispatch(withID(dm(pnDevice, text("second")), "P2"))
	h.dispatch(withID(dm(lid, text("third")), "P3"))
	items := h.drain(t)
	if len(items) != 3 {
		t.Fatalf("inbox holds %d items, want 3", len(items))
	}
	for _, it := range items {
		if it.PersonKey != items[0].PersonKey || h.address(t, it) != lid.String() {
			t.Errorf("%s: person key %s address %q; want one person at the LID", it.MessageID, it.PersonKey, h.address(t, it))
		}
	}
}

func TestIngestFailureIsNotAcknowledged(t *testing.T) {
	h := newHarness(t, true)
	h.db.Close()
	if h.dispatch(withID(dm(lid, text("hello")), "F1")) {
		t.Error("message acknowledged although the inbox failed")
	}
	if h.received.Load() != 0 {
		t.Error("Received called for a message not stored")
	}
	if !strings.Contains(h.logs.String(), "not stored") || strings.Contains(h.logs.String(), lid.User) {
		t.Errorf("log = %s; want a plain reason without the address", h.logs)
	}
	// Ignored messages are still acknowledged.
	if !h.dispatch(withID(dm(lid, func(m *events.Message) { text("x")(m); m.Info.IsFromMe = true }), "F2")) {
		t.Error("ignored message not acknowledged")
	}
}

func TestIngestUnlinkedDevice(t *testing.T) {
	// An unlinked device has no LID map; messages are still stored.
	h := newHarness(t, false)
	if !h.dispatch(withID(dm(pnDevice, text("ciao")), "U1")) {
		t.Fatal("not acknowledged")
	}
	if items := h.drain(t); len(items) != 1 || h.address(t, items[0]) != pn.String() {
		t.Fatalf("inbox = %+v", items)
	}
}

func TestLifecycleStates(t *testing.T) {
	h := newHarness(t, true)
	ends := now.Add(48 * time.Hour)
	steps := []struct {
		evt    any
		status string
		until  time.Time
	}{
		{&events.Connected{}, StatusConnected, time.Time{}},
		{&events.Disconnected{}, StatusDisconnected, time.Time{}},
		{&events.Connected{}, StatusConnected, time.Time{}},
		{&events.KeepAliveTimeout{ErrorCount: 2}, StatusDisconnected, time.Time{}},
		{&events.KeepAliveRestored{}, StatusConnected, time.Time{}},
		{&events.NotifyAccountReachoutTimelock{IsActive: true, EnforcementType: "REACHOUT_TIMELOCK", TimeEnforcementEnds: jsontime.UnixString{Time: ends}}, StatusTimelock, ends},
		{&events.Disconnected{}, StatusDisconnected, time.Time{}},
		{&events.Connected{}, StatusTimelock, ends}, // still restricted
		{&events.NotifyAccountReachoutTimelock{IsActive: false}, StatusConnected, time.Time{}},
		{&events.TemporaryBan{Code: events.TempBanBlockedByUsers, Expire: 2 * time.Hour}, StatusBanned, now.Add(2 * time.Hour)},
		{&events.LoggedOut{OnConnect: true, Reason: events.ConnectFailureLoggedOut}, StatusLoggedOut, time.Time{}},
	}
	for i, s := range steps {
		if !h.dispatch(s.evt) {
			t.Fatalf("step %d: %T not acknowledged", i, s.evt)
		}
		st := h.a.State()
		if st.Status != s.status || !st.Until.Equal(s.until) || st.Since.IsZero() {
			t.Errorf("step %d (%T): State() = %+v, want %s until %v", i, s.evt, st, s.status, s.until)
		}
	}
	if st := h.a.State(); !strings.Contains(st.Reason, "link again") {
		t.Errorf("logged out reason = %q", st.Reason)
	}
}

// fakeConn replaces the client's Connect and Disconnect, so Run needs no network.
type fakeConn struct {
	connects, disconnects atomic.Int32
	err                   error
}

func (f *fakeConn) install(a *Adapter) {
	a.connect = func() error { f.connects.Add(1); return f.err }
	a.disconnect = func() { f.disconnects.Add(1) }
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// run starts Run and returns a channel with its result.
func run(ctx context.Context, a *Adapter) <-chan error {
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	return done
}

func result(t *testing.T, done <-chan error) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return")
		return nil
	}
}

func TestRunStopsForGood(t *testing.T) {
	tests := []struct {
		evt    any
		err    error
		status string
	}{
		{&events.LoggedOut{Reason: events.ConnectFailureLoggedOut}, ErrLoggedOut, StatusLoggedOut},
		{&events.StreamReplaced{}, ErrStreamReplaced, StatusStreamReplaced},
		{&events.ClientOutdated{}, ErrOutdated, StatusOutdated},
		{&events.ConnectFailure{Reason: events.ConnectFailureBadUserAgent}, nil, StatusDisconnected}, // any error
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%T", tt.evt), func(t *testing.T) {
			h := newHarness(t, true)
			var conn fakeConn
			conn.install(h.a)
			done := run(context.Background(), h.a)
			waitFor(t, "connecting", func() bool { return h.a.State().Status == StatusConnecting })
			h.dispatch(&events.Connected{})
			if st := h.a.State(); st.Status != StatusConnected {
				t.Fatalf("State() = %+v, want connected", st)
			}
			h.dispatch(tt.evt)
			if err := result(t, done); err == nil || tt.err != nil && !errors.Is(err, tt.err) {
				t.Errorf("Run() = %v, want %v", err, tt.err)
			}
			if st := h.a.State(); st.Status != tt.status {
				t.Errorf("State() = %+v, want %s", st, tt.status)
			}
			if conn.connects.Load() != 1 || conn.disconnects.Load() != 1 {
				t.Errorf("connects %d, disconnects %d; want 1 and 1 (never reconnect)", conn.connects.Load(), conn.disconnects.Load())
			}
		})
	}
}

func TestRunNotLinked(t *testing.T) {
	h := newHarness(t, false)
	var conn fakeConn
	conn.install(h.a)
	if err := h.a.Run(context.Background()); !errors.Is(err, ErrNotLinked) {
		t.Errorf("Run() = %v, want ErrNotLinked", err)
	}
	if conn.connects.Load() != 0 || h.a.State().Status != StatusNotLinked {
		t.Errorf("connects = %d, state %+v", conn.connects.Load(), h.a.State())
	}
}

func TestRunUntilCancelled(t *testing.T) {
	h := newHarness(t, true)
	var conn fakeConn
	conn.install(h.a)
	ctx, cancel := context.WithCancel(context.Background())
	done := run(ctx, h.a)
	waitFor(t, "connecting", func() bool { return h.a.State().Status == StatusConnecting })
	if err := h.a.Run(ctx); err == nil {
		t.Error("a second Run succeeded while the first runs")
	}
	h.dispatch(&events.Connected{})
	h.dispatch(&events.NotifyAccountReachoutTimelock{IsActive: true})
	h.dispatch(&events.Disconnected{}) // whatsmeow reconnects by itself
	h.dispatch(&events.Connected{})
	if st := h.a.State(); st.Status != StatusTimelock {
		t.Errorf("State() = %+v, want timelock (and still running)", st)
	}
	cancel()
	if err := result(t, done); err != nil {
		t.Errorf("Run() = %v, want nil", err)
	}
	if st := h.a.State(); st.Status != StatusDisconnected || st.Reason != "stopped" {
		t.Errorf("State() = %+v, want disconnected (stopped)", st)
	}
	if conn.connects.Load() != 1 || conn.disconnects.Load() != 1 {
		t.Errorf("connects %d, disconnects %d; want 1 and 1", conn.connects.Load(), conn.disconnects.Load())
	}
}

func TestRunConnectError(t *testing.T) {
	h := newHarness(t, true)
	conn := fakeConn{err: errors.New("dial 390000000001@s.whatsapp.net: refused")}
	conn.install(h.a)
	err := h.a.Run(context.Background())
	if err == nil || strings.Contains(err.Error(), "390000000001") {
		t.Errorf("Run() = %v; want an error naming no one", err)
	}
}

func TestRunBanThenReconnect(t *testing.T) {
	h := newHarness(t, true)
	var conn fakeConn
	conn.install(h.a)
	h.a.banMargin = 0
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := run(ctx, h.a)
	waitFor(t, "connecting", func() bool { return h.a.State().Status == StatusConnecting })
	h.dispatch(&events.Connected{})
	h.dispatch(&events.TemporaryBan{Code: events.TempBanSentToTooManyPeople, Expire: 20 * time.Millisecond})
	st := h.a.State()
	if st.Status != StatusBanned || !st.Until.Equal(now.Add(20*time.Millisecond)) || !strings.Contains(st.Reason, "too many") {
		t.Fatalf("State() = %+v, want banned with expiry", st)
	}
	waitFor(t, "the reconnection after the ban", func() bool { return conn.connects.Load() == 2 })
	h.dispatch(&events.Connected{})
	if st := h.a.State(); st.Status != StatusConnected {
		t.Errorf("State() = %+v, want connected", st)
	}
	cancel()
	if err := result(t, done); err != nil {
		t.Errorf("Run() = %v", err)
	}
}

// recorder stands in for the client's SendMessage.
type recorder struct {
	mu   sync.Mutex
	sent []sent
	err  error
}

type sent struct {
	to   types.JID
	text string
	id   types.MessageID
}

func (r *recorder) SendMessage(_ context.Context, to types.JID, msg *waE2E.Message, extra ...whatsmeow.SendRequestExtra) (whatsmeow.SendResponse, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := sent{to: to, text: msg.GetConversation()}
	if len(extra) == 1 {
		s.id = extra[0].ID
	}
	r.sent = append(r.sent, s)
	return whatsmeow.SendResponse{ID: s.id}, r.err
}

func TestSend(t *testing.T) {
	h := newHarness(t, true)
	rec := &recorder{}
	h.a.send = rec
	var jitters atomic.Int32
	h.a.Jitter = func() time.Duration { jitters.Add(1); return time.Millisecond }
	ctx := context.Background()

	r := bot.Reply{Lang: "fa", Title: "پناهندگی", Text: sixLanguages["fa"],
		Options: []bot.Option{{ID: "person", Label: "صحبت با یک نفر"}, {ID: "helped", Label: "بله"}}}
	if err := h.a.Send(ctx, lid.String(), r); err != nil {
		t.Fatal(err)
	}
	want := "*پناهندگی*\n\n" + sixLanguages["fa"] + "\n\n1. صحبت با یک نفر\n2. بله"
	if len(rec.sent) != 1 || rec.sent[0].to != lid || rec.sent[0].text != want || !strings.HasPrefix(string(rec.sent[0].id), "3EB0") {
		t.Fatalf("sent %+v, want one message to %v: %q", rec.sent, lid, want)
	}
	if jitters.Load() != 1 {
		t.Errorf("Jitter called %d times, want 1", jitters.Load())
	}

	// A reply that was not split by Parts goes as several messages, each after a pause.
	text, _ := arabicArticle()
	if err := h.a.Send(ctx, pn.String(), bot.Reply{Text: text}); err != nil {
		t.Fatal(err)
	}
	n := len(Render(bot.Reply{Text: text}))
	if len(rec.sent) != 1+n || jitters.Load() != int32(1+n) || rec.sent[1].id == rec.sent[2].id {
		t.Errorf("sent %d messages, %d pauses; want %d and %d, distinct ids", len(rec.sent), jitters.Load(), 1+n, 1+n)
	}

	// Urgent replies do not wait; groups can be answered.
	if err := h.a.Send(ctx, group.String(), bot.Reply{Text: "112", Urgent: true}); err != nil {
		t.Fatal(err)
	}
	if jitters.Load() != int32(1+n) || rec.sent[len(rec.sent)-1].to != group {
		t.Errorf("urgent reply: %d pauses, sent to %v", jitters.Load(), rec.sent[len(rec.sent)-1].to)
	}
}

func TestSendWaitsForJitterWithContext(t *testing.T) {
	h := newHarness(t, true)
	rec := &recorder{}
	h.a.send = rec
	h.a.Jitter = func() time.Duration { return time.Hour }
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := h.a.Send(ctx, lid.String(), bot.Reply{Text: "hi"})
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Minute || len(rec.sent) != 0 {
		t.Errorf("Send() = %v after %v, %d sent; want the context's error at once, nothing sent", err, time.Since(start), len(rec.sent))
	}
}

func TestSendErrors(t *testing.T) {
	tests := []struct {
		name    string
		address string
		err     error
		check   func(error) bool
	}{
		{"not logged in is retried", lid.String(), whatsmeow.ErrNotLoggedIn, plain},
		{"not connected is retried", lid.String(), whatsmeow.ErrNotConnected, plain},
		{"timeout is retried", lid.String(), whatsmeow.ErrMessageTimedOut, plain},
		{"rate over limit", lid.String(), fmt.Errorf("usync: %w", whatsmeow.ErrIQRateOverLimit), retryAfter(RateLimitPause)},
		{"server 429", lid.String(), fmt.Errorf("%w 429", whatsmeow.ErrServerReturnedError), retryAfter(RateLimitPause)},
		{"server 400", lid.String(), fmt.Errorf("%w 400", whatsmeow.ErrServerReturnedError), is(bot.ErrRejected)},
		{"server 500 is retried", lid.String(), fmt.Errorf("%w 500", whatsmeow.ErrServerReturnedError), plain},
		{"number not on WhatsApp", pn.String(), fmt.Errorf("no LID found for %s from server", pn), is(bot.ErrUnreachable)},
		{"device JID", lid.String(), whatsmeow.ErrRecipientADJID, is(bot.ErrRejected)},
		{"unparseable address", "a.b.c@s.whatsapp.net", nil, is(bot.ErrRejected)},
		{"no server", "393331234567", nil, is(bot.ErrRejected)},
		{"empty address", "", nil, is(bot.ErrRejected)},
		{"status broadcast", types.StatusBroadcastJID.String(), nil, is(bot.ErrRejected)},
		{"newsletter", "120363000000000002@newsletter", nil, is(bot.ErrRejected)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, true)
			rec := &recorder{err: tt.err}
			h.a.send = rec
			err := h.a.Send(context.Background(), tt.address, bot.Reply{Text: "hi"})
			if err == nil || !tt.check(err) {
				t.Errorf("Send() = %v (%T)", err, err)
			}
			if err != nil && (strings.Contains(err.Error(), pn.User) || strings.Contains(err.Error(), lid.User)) {
				t.Errorf("error names the person: %v", err)
			}
			if tt.err == nil && len(rec.sent) != 0 {
				t.Errorf("sent to a bad address")
			}
		})
	}
}

func plain(err error) bool {
	var flood *bot.RetryAfterError
	return !errors.Is(err, bot.ErrRejected) && !errors.Is(err, bot.ErrUnreachable) && !errors.As(err, &flood)
}

func is(target error) func(error) bool { return func(err error) bool { return errors.Is(err, target) } }

func retryAfter(d time.Duration) func(error) bool {
	return func(err error) bool {
		var flood *bot.RetryAfterError
		return errors.As(err, &flood) && flood.After == d
	}
}

func TestSendWhileBanned(t *testing.T) {
	h := newHarness(t, true)
	rec := &recorder{}
	h.a.send = rec
	h.dispatch(&events.TemporaryBan{Code: events.TempBanSentTooManySameMessage, Expire: time.Hour})
	err := h.a.Send(context.Background(), lid.String(), bot.Reply{Text: "hi"})
	var flood *bot.RetryAfterError
	if !errors.As(err, &flood) || flood.After != time.Hour || len(rec.sent) != 0 {
		t.Errorf("Send() while banned = %v; want to wait an hour, nothing sent", err)
	}
}

func TestSendThroughRealClient(t *testing.T) {
	// The real client, never linked: whatsmeow refuses at once, and the sender
	// retries later.
	h := newHarness(t, false)
	err := h.a.Send(context.Background(), lid.String(), bot.Reply{Text: "hi"})
	if !errors.Is(err, whatsmeow.ErrNotLoggedIn) || !plain(err) {
		t.Errorf("Send() = %v, want ErrNotLoggedIn, retried", err)
	}
}
