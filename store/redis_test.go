package store_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sportello/bot"
	"sportello/console"
	"sportello/store"
	"sportello/store/redistest"
	"sportello/store/storetest"
)

func TestMain(m *testing.M) { redistest.Main(m) }

func TestRedis(t *testing.T) {
	client := redistest.Client(t)
	storetest.Run(t, func(t *testing.T, clock *storetest.FakeClock) storetest.Store {
		return store.NewRedis(client, redistest.Prefix(t, client), clock)
	})
}

func TestRedisKeyLayout(t *testing.T) {
	client := redistest.Client(t)
	prefix := redistest.Prefix(t, client)
	r := store.NewRedis(client, prefix, storetest.NewFakeClock(storetest.Epoch))
	ctx := t.Context()
	c := &bot.Conversation{Key: "0123456789abcdef0123456789abcdef", Channel: "telegram"}
	if err := r.SaveConversation(ctx, c); err != nil {
		t.Fatal(err)
	}
	e := &bot.Escalation{PersonKey: c.Key, Channel: "telegram", Question: "q",
		Transcript: []bot.Turn{{Role: bot.RolePerson, Text: "q"}}}
	if err := r.CreateEscalation(ctx, e); err != nil {
		t.Fatal(err)
	}
	keys, err := client.Keys(ctx, prefix+":*").Result()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{
		prefix + ":conv:{" + c.Key + "}":                 true,
		prefix + ":{q}:esc:" + e.ID:                      true,
		prefix + ":{q}:esc:" + e.ID + ":transcript":      true,
		prefix + ":{q}:status:" + string(bot.StatusOpen): true,
	}
	if len(keys) != len(want) {
		t.Fatalf("keys = %v, want %d keys", keys, len(want))
	}
	for _, k := range keys {
		if !want[k] {
			t.Errorf("unexpected key %q", k)
		}
	}
	pttl, err := client.PTTL(ctx, prefix+":conv:{"+c.Key+"}").Result()
	if err != nil {
		t.Fatal(err)
	}
	if pttl < 89*24*time.Hour || pttl > store.DefaultConversationTTL {
		t.Fatalf("conversation TTL = %v, want about %v", pttl, store.DefaultConversationTTL)
	}
}

func TestOpenRedis(t *testing.T) {
	url := redistest.Start(t)
	client, err := store.OpenRedis(t.Context(), url)
	if err != nil {
		t.Fatalf("OpenRedis: %v", err)
	}
	defer client.Close()
	if err := client.Ping(t.Context()).Err(); err != nil {
		t.Fatalf("Ping: %v", err)
	}

	_, err = store.OpenRedis(t.Context(), "redis://user:s3cret@127.0.0.1:1/0?dial_timeout=100ms&max_retries=-1")
	if err == nil {
		t.Fatal("OpenRedis of a closed port succeeded")
	}
	if strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("error shows the password: %v", err)
	}
	_, err = store.OpenRedis(t.Context(), "redis://user:s3cret@127.0.0.1:%zz/")
	if err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("OpenRedis of a malformed url: %v", err)
	}
}

// TestRedisPurgeResolvedBatches purges more resolved escalations than one script call
// takes, some of them resolved before the resolved_at set existed, and checks that no
// key of a purged escalation remains.
func TestRedisPurgeResolvedBatches(t *testing.T) {
	client := redistest.Client(t)
	prefix := redistest.Prefix(t, client)
	clock := storetest.NewFakeClock(storetest.Epoch)
	r := store.NewRedis(client, prefix, clock)
	ctx := t.Context()
	resolvedAt := prefix + ":{q}:resolved_at"

	create := func() *bot.Escalation {
		e := &bot.Escalation{PersonKey: "0123456789abcdef0123456789abcdef", Channel: "telegram",
			Question: "q", Transcript: []bot.Turn{{Role: bot.RolePerson, Text: "q"}}}
		if err := r.CreateEscalation(ctx, e); err != nil {
			t.Fatal(err)
		}
		return e
	}
	resolve := func(e *bot.Escalation) {
		l, err := r.Claim(ctx, e.ID, "anna", time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Resolve(ctx, e.ID, l); err != nil {
			t.Fatal(err)
		}
	}
	// forgetResolution makes e look resolved before resolved_at existed.
	forgetResolution := func(e *bot.Escalation) {
		if err := client.ZRem(ctx, resolvedAt, e.ID).Err(); err != nil {
			t.Fatal(err)
		}
	}

	open, answered := create(), create()
	l, err := r.Claim(ctx, answered.ID, "anna", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Answer(ctx, answered.ID, l, "a", ""); err != nil {
		t.Fatal(err)
	}
	const n, legacy = 1200, 700 // more than one batch of each kind
	for i := range n {
		e := create()
		resolve(e)
		if i < legacy {
			forgetResolution(e)
		}
	}
	clock.Advance(time.Hour)
	cutoff := clock.Now()
	var kept []*bot.Escalation
	for i := range 3 {
		e := create()
		resolve(e)
		if i == 0 {
			forgetResolution(e) // its hash's updated time is after the cut-off: kept
		}
		kept = append(kept, e)
	}
	// An id left in the resolved set without its escalation goes too, uncounted.
	if err := client.ZAdd(ctx, prefix+":{q}:status:resolved", redis.Z{Score: 1, Member: "ffffffffffffffff"}).Err(); err != nil {
		t.Fatal(err)
	}

	got, err := r.PurgeResolved(ctx, cutoff)
	if err != nil || got != n {
		t.Fatalf("PurgeResolved = %d, %v; want %d, nil", got, err, n)
	}
	want := map[string]bool{
		prefix + ":{q}:status:open":     true,
		prefix + ":{q}:status:answered": true,
		prefix + ":{q}:status:resolved": true,
		resolvedAt:                      true,
	}
	for _, e := range append(kept, open, answered) {
		want[prefix+":{q}:esc:"+e.ID] = true
		want[prefix+":{q}:esc:"+e.ID+":transcript"] = true
	}
	checkKeys := func(what string) {
		t.Helper()
		keys, err := client.Keys(ctx, prefix+":*").Result()
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			if !want[k] {
				t.Errorf("%s: unexpected key %q", what, k)
			}
		}
		if len(keys) != len(want) {
			t.Fatalf("%s: %d keys, want %d", what, len(keys), len(want))
		}
	}
	checkKeys("after the purge")
	for _, k := range []string{prefix + ":{q}:status:resolved", resolvedAt} {
		if c, err := client.ZCard(ctx, k).Result(); err != nil || c != int64(len(kept)) {
			t.Fatalf("ZCARD %s = %d, %v; want %d", k, c, err, len(kept))
		}
	}

	if got, err := r.PurgeResolved(ctx, cutoff); err != nil || got != 0 {
		t.Fatalf("second PurgeResolved = %d, %v; want 0, nil", got, err)
	}
	if got, err := r.PurgeResolved(ctx, clock.Now().Add(time.Millisecond)); err != nil || got != len(kept) {
		t.Fatalf("PurgeResolved of the rest = %d, %v; want %d, nil", got, err, len(kept))
	}
	for _, e := range kept {
		delete(want, prefix+":{q}:esc:"+e.ID)
		delete(want, prefix+":{q}:esc:"+e.ID+":transcript")
	}
	delete(want, prefix+":{q}:status:resolved")
	delete(want, resolvedAt)
	checkKeys("after purging all resolved")
}

func TestRedisQueues(t *testing.T) {
	client := redistest.Client(t)
	storetest.RunQueues(t, func(t *testing.T, clock *storetest.FakeClock) (bot.Inbox, bot.Outbox) {
		r := store.NewRedis(client, redistest.Prefix(t, client), clock)
		return r.Inbox(), r.Outbox()
	})
}

func TestRedisQueueKeyLayout(t *testing.T) {
	client := redistest.Client(t)
	prefix := redistest.Prefix(t, client)
	clock := storetest.NewFakeClock(storetest.Epoch)
	r := store.NewRedis(client, prefix, clock)
	ctx := t.Context()
	if _, err := r.Inbox().Put(ctx, bot.InboxItem{ID: "telegram:1", Channel: "telegram", PersonKey: "pk", At: clock.Now()}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Inbox().Next(ctx, "w", 1, time.Minute); err != nil {
		t.Fatal(err)
	}
	later := bot.OutboxItem{ID: "telegram:1:1", Channel: "telegram", PersonKey: "pk2", NotBefore: clock.Now().Add(time.Hour)}
	if err := r.Outbox().Enqueue(ctx, bot.OutboxItem{ID: "telegram:1:0", Channel: "telegram", PersonKey: "pk"}, later); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Outbox().Next(ctx, "telegram", "w", 1, time.Minute); err != nil {
		t.Fatal(err)
	}
	keys, err := client.Keys(ctx, prefix+":*").Result()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, k := range []string{"{in}:item:telegram:1", "{in}:person:pk", "{in}:leased", "{in}:seen", "{in}:seq",
		"{out}:item:telegram:1:0", "{out}:item:telegram:1:1", "{out}:person:telegram:pk",
		"{out}:person:telegram:pk2", "{out}:leased:telegram", "{out}:delayed:telegram", "{out}:seq"} {
		want[prefix+":"+k] = true
	}
	for _, k := range keys {
		if !want[k] {
			t.Errorf("unexpected key %q", k)
		}
		delete(want, k)
	}
	for k := range want {
		t.Errorf("missing key %q", k)
	}
}

func TestRedisLeases(t *testing.T) {
	client := redistest.Client(t)
	storetest.RunLeases(t, func(t *testing.T, clock *storetest.FakeClock) bot.Leases {
		return store.NewRedis(client, redistest.Prefix(t, client), clock).Leases()
	})
}

// TestRedisLeaseKey checks a named lease's one key: it outlives the lease, by Redis's
// clock, and Release deletes it.
func TestRedisLeaseKey(t *testing.T) {
	client := redistest.Client(t)
	prefix := redistest.Prefix(t, client)
	l := store.NewRedis(client, prefix, storetest.NewFakeClock(storetest.Epoch)).Leases()
	ctx := t.Context()
	if ok, err := l.Acquire(ctx, "poll:telegram", "anna", time.Minute); err != nil || !ok {
		t.Fatalf("Acquire = %v, %v; want true, nil", ok, err)
	}
	key := prefix + ":lease:poll:telegram"
	keys, err := client.Keys(ctx, prefix+":*").Result()
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 1 || keys[0] != key {
		t.Fatalf("keys = %v, want [%s]", keys, key)
	}
	if pttl, err := client.PTTL(ctx, key).Result(); err != nil || pttl <= time.Minute {
		t.Fatalf("lease key PTTL = %v, %v; want more than the lease's minute", pttl, err)
	}
	if err := l.Release(ctx, "poll:telegram", "anna"); err != nil {
		t.Fatal(err)
	}
	if n, err := client.Exists(ctx, key).Result(); err != nil || n != 0 {
		t.Fatalf("lease key after Release: EXISTS = %d, %v", n, err)
	}
}

// TestRedisOutboxOutcomesTrimmed checks that the outcomes of done items are deleted
// with their ids once DedupeWindow has passed, so the outcome hash stays bounded.
func TestRedisOutboxOutcomesTrimmed(t *testing.T) {
	client := redistest.Client(t)
	prefix := redistest.Prefix(t, client)
	clock := storetest.NewFakeClock(storetest.Epoch)
	out := store.NewRedis(client, prefix, clock).Outbox()
	ctx := t.Context()
	item := func(id string) bot.OutboxItem {
		return bot.OutboxItem{ID: id, Channel: "telegram", PersonKey: id}
	}
	if err := out.Enqueue(ctx, item("a"), item("b")); err != nil {
		t.Fatal(err)
	}
	if err := out.Sent(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	if _, err := out.Fail(ctx, "b"); err != nil {
		t.Fatal(err)
	}
	done, outcome := prefix+":{out}:done", prefix+":{out}:outcome"
	if got, err := client.HGetAll(ctx, outcome).Result(); err != nil || got["a"] != "sent" || got["b"] != "failed" {
		t.Fatalf("outcomes = %v, %v; want a sent, b failed", got, err)
	}
	clock.Advance(bot.DedupeWindow + time.Second)
	if err := out.Enqueue(ctx, item("c")); err != nil {
		t.Fatal(err)
	}
	if n, err := client.Exists(ctx, done, outcome).Result(); err != nil || n != 0 {
		t.Fatalf("done and outcome keys left after the window: %d, %v", n, err)
	}
}

func TestRedisAccounts(t *testing.T) {
	client := redistest.Client(t)
	storetest.RunAccounts(t, func(t *testing.T, clock *storetest.FakeClock) console.Accounts {
		return store.NewRedis(client, redistest.Prefix(t, client), clock).Accounts()
	})
}

// TestRedisAccountKeys checks the keys of accounts, sessions and the audit log: a
// session's key and its account's session set expire with the sessions, counted from
// the Clock's now; ids of deleted sessions leave the set at the next sign-in; deleting
// the account deletes both.
func TestRedisAccountKeys(t *testing.T) {
	client := redistest.Client(t)
	prefix := redistest.Prefix(t, client)
	clock := storetest.NewFakeClock(storetest.Epoch)
	a := store.NewRedis(client, prefix, clock).Accounts()
	ctx := t.Context()
	if err := a.PutUser(ctx, console.User{Name: "anna", Role: console.RoleAdmin, PasswordHash: []byte("h")}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Minute)
	create := func(id string, d time.Duration) {
		t.Helper()
		if err := a.CreateSession(ctx, console.Session{ID: id, User: "anna", Expires: clock.Now().Add(d)}); err != nil {
			t.Fatal(err)
		}
	}
	create("s1", time.Hour)
	if err := a.Audit(ctx, console.AuditEntry{Actor: "anna", Action: "login"}); err != nil {
		t.Fatal(err)
	}
	users, set, audit := prefix+":{acct}:users", prefix+":{acct}:sessions:anna", prefix+":audit"
	session := func(id string) string { return prefix + ":{acct}:session:" + id }
	checkKeys := func(what string, want ...string) {
		t.Helper()
		keys, err := client.Keys(ctx, prefix+":*").Result()
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(keys)
		slices.Sort(want)
		if !slices.Equal(keys, want) {
			t.Fatalf("%s: keys = %v, want %v", what, keys, want)
		}
	}
	checkPTTL := func(key string, want time.Duration) {
		t.Helper()
		pttl, err := client.PTTL(ctx, key).Result()
		if err != nil || pttl > want || pttl < want-time.Minute {
			t.Fatalf("PTTL %s = %v, %v; want about %v", key, pttl, err, want)
		}
	}
	checkMembers := func(what string, want ...string) {
		t.Helper()
		ids, err := client.SMembers(ctx, set).Result()
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(ids)
		if !slices.Equal(ids, want) {
			t.Fatalf("%s: session set = %v, want %v", what, ids, want)
		}
	}
	checkKeys("after sign-in", users, session("s1"), set, audit)
	checkPTTL(session("s1"), time.Hour)
	checkPTTL(set, time.Hour)

	create("s2", 2*time.Hour)
	checkPTTL(set, 2*time.Hour)
	create("s3", time.Minute) // a shorter session does not shorten the set's life
	checkPTTL(set, 2*time.Hour)
	if err := a.DeleteSession(ctx, "s1"); err != nil {
		t.Fatal(err)
	}
	checkMembers("after sign-out", "s1", "s2", "s3")
	create("s4", time.Hour)
	checkMembers("after the next sign-in", "s2", "s3", "s4")
	checkKeys("with three sessions", users, session("s2"), session("s3"), session("s4"), set, audit)

	if err := a.DeleteUser(ctx, "anna"); err != nil {
		t.Fatal(err)
	}
	checkKeys("after deleting the account", audit)
}

// TestRedisAuditPrune checks that Audit deletes entries past their retention, at most a
// batch of 100 a call.
func TestRedisAuditPrune(t *testing.T) {
	client := redistest.Client(t)
	prefix := redistest.Prefix(t, client)
	clock := storetest.NewFakeClock(storetest.Epoch)
	a := store.NewRedis(client, prefix, clock).Accounts()
	ctx := t.Context()
	const n = 150
	for range n {
		if err := a.Audit(ctx, console.AuditEntry{Actor: "anna", Action: "login"}); err != nil {
			t.Fatal(err)
		}
	}
	clock.Advance(console.AuditRetention + time.Millisecond)
	for _, want := range []int64{n - 100 + 1, 2} {
		if err := a.Audit(ctx, console.AuditEntry{Actor: "anna", Action: "login"}); err != nil {
			t.Fatal(err)
		}
		if got, err := client.ZCard(ctx, prefix+":audit").Result(); err != nil || got != want {
			t.Fatalf("ZCARD audit = %d, %v; want %d", got, err, want)
		}
	}
}
