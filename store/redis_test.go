package store_test

import (
	"strings"
	"testing"
	"time"

	"sportello/bot"
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
