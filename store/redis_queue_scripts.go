package store

import "github.com/redis/go-redis/v9"

// The inbox and outbox Lua scripts. ARGV[1] is always the queue's key prefix
// ("P:{in}:" or "P:{out}:") and ARGV[2] "now" in Unix milliseconds, from the store's
// Clock. The scripts build the keys of items and persons' lines from the prefix: they
// share its hash tag, hence the slot of KEYS, so this holds in a Cluster too. Each
// script reclaims or forgets at most 100 entries per call.

// inboxPrelude defines the inbox's helpers.
const inboxPrelude = `
local prefix, now = ARGV[1], tonumber(ARGV[2])
local function item(id) return prefix .. 'item:' .. id end
local function line(p) return prefix .. 'person:' .. p end
`

// inboxPutScript: KEYS seq counter, ready, seen. ARGV[3] cutoff, ARGV[4] id, ARGV[5]
// person, ARGV[6..] field/value pairs. Answers 1 when stored, 0 when seen.
var inboxPutScript = redis.NewScript(inboxPrelude + `
local seqkey, ready, seen = KEYS[1], KEYS[2], KEYS[3]
local cutoff, id, p = tonumber(ARGV[3]), ARGV[4], ARGV[5]
local old = redis.call('ZRANGEBYSCORE', seen, '-inf', '(' .. ARGV[3], 'LIMIT', 0, 100)
if #old > 0 then redis.call('ZREM', seen, unpack(old)) end
local at = redis.call('ZSCORE', seen, id)
if at and tonumber(at) >= cutoff then return 0 end
if redis.call('EXISTS', item(id)) == 1 then return 0 end
local seq = redis.call('INCR', seqkey)
redis.call('HSET', item(id), 'seq', seq, unpack(ARGV, 6, #ARGV))
redis.call('ZADD', line(p), seq, id)
if redis.call('ZCARD', line(p)) == 1 then redis.call('ZADD', ready, seq, p) end
redis.call('ZADD', seen, ARGV[2], id)
return 1
`)

// inboxNextScript: KEYS ready, leased. ARGV[3] n, ARGV[4] lease end, ARGV[5] worker.
// Answers the leased items, each as HGETALL's list.
var inboxNextScript = redis.NewScript(inboxPrelude + `
local ready, leased = KEYS[1], KEYS[2]
local function head(p) return redis.call('ZRANGE', line(p), 0, 0, 'WITHSCORES') end
for _, p in ipairs(redis.call('ZRANGEBYSCORE', leased, '-inf', ARGV[2], 'LIMIT', 0, 100)) do
	redis.call('ZREM', leased, p)
	local h = head(p)
	if h[1] then redis.call('ZADD', ready, h[2], p) end
end
local out = {}
for _, p in ipairs(redis.call('ZRANGE', ready, 0, tonumber(ARGV[3]) - 1)) do
	redis.call('ZREM', ready, p)
	local h = head(p)
	if h[1] then
		redis.call('HINCRBY', item(h[1]), 'attempts', 1)
		redis.call('HSET', item(h[1]), 'lease_by', ARGV[5], 'lease_until', ARGV[4])
		redis.call('ZADD', leased, ARGV[4], p)
		out[#out + 1] = redis.call('HGETALL', item(h[1]))
	end
end
return out
`)

// inboxDoneScript: KEYS ready, leased. ARGV[3] id. Answers 1, or 0 for an unknown id.
var inboxDoneScript = redis.NewScript(inboxPrelude + `
local ready, leased, id = KEYS[1], KEYS[2], ARGV[3]
local p = redis.call('HGET', item(id), 'person')
if not p then return 0 end
local rank = redis.call('ZRANK', line(p), id)
redis.call('ZREM', line(p), id)
redis.call('DEL', item(id))
if rank == 0 then
	redis.call('ZREM', leased, p)
	redis.call('ZREM', ready, p)
	local h = redis.call('ZRANGE', line(p), 0, 0, 'WITHSCORES')
	if h[1] then redis.call('ZADD', ready, h[2], p) end
end
return 1
`)

// outboxPrelude defines the outbox's helpers. A person's line is ready (score
// (urgent?0:1)*1e13 + seq), delayed (score NotBefore) or leased (score lease end) by
// its first item; place files a line that is in none of the three.
const outboxPrelude = `
local prefix, now = ARGV[1], tonumber(ARGV[2])
local function ms(n) return string.format('%d', n) end
local function item(id) return prefix .. 'item:' .. id end
local function line(ch, p) return prefix .. 'person:' .. ch .. ':' .. p end
local function set(name, ch) return prefix .. name .. ':' .. ch end
local function place(ch, p)
	local h = redis.call('ZRANGE', line(ch, p), 0, 0)
	if not h[1] then return end
	local f = redis.call('HMGET', item(h[1]), 'seq', 'urgent', 'not_before')
	local nb = tonumber(f[3])
	if nb > now then
		redis.call('ZADD', set('delayed', ch), ms(nb), p)
	else
		redis.call('ZADD', set('ready', ch), ms((f[2] == '1' and 0 or 10000000000000) + tonumber(f[1])), p)
	end
end
local function unfile(ch, p)
	redis.call('ZREM', set('ready', ch), p)
	redis.call('ZREM', set('delayed', ch), p)
	redis.call('ZREM', set('leased', ch), p)
end
`

// outboxEnqueueScript: KEYS seq counter, done, outcome. ARGV[3] cutoff, ARGV[4]
// channel, then 8 values per item: id, person, address, reply, urgent, not_before,
// attempts, created.
var outboxEnqueueScript = redis.NewScript(outboxPrelude + `
local seqkey, done, cutoff, ch = KEYS[1], KEYS[2], tonumber(ARGV[3]), ARGV[4]
local old = redis.call('ZRANGEBYSCORE', done, '-inf', '(' .. ARGV[3], 'LIMIT', 0, 100)
if #old > 0 then
	redis.call('ZREM', done, unpack(old))
	redis.call('HDEL', KEYS[3], unpack(old))
end
for i = 5, #ARGV, 8 do
	local id, p = ARGV[i], ARGV[i + 1]
	local at = redis.call('ZSCORE', done, id)
	if not (at and tonumber(at) >= cutoff) and redis.call('EXISTS', item(id)) == 0 then
		local seq = redis.call('INCR', seqkey)
		redis.call('HSET', item(id), 'seq', seq, 'id', id, 'channel', ch, 'person', p,
			'address', ARGV[i + 2], 'reply', ARGV[i + 3], 'urgent', ARGV[i + 4],
			'not_before', ARGV[i + 5], 'attempts', ARGV[i + 6], 'created', ARGV[i + 7],
			'lease_by', '', 'lease_until', '0')
		redis.call('ZADD', line(ch, p), seq, id)
		if redis.call('ZCARD', line(ch, p)) == 1 then place(ch, p) end
	end
end
return 1
`)

// outboxNextScript: ARGV[3] channel, ARGV[4] n, ARGV[5] lease end, ARGV[6] worker.
// Answers the leased items, each as HGETALL's list.
var outboxNextScript = redis.NewScript(outboxPrelude + `
local ch = ARGV[3]
for _, name in ipairs({'leased', 'delayed'}) do
	for _, p in ipairs(redis.call('ZRANGEBYSCORE', set(name, ch), '-inf', ARGV[2], 'LIMIT', 0, 100)) do
		redis.call('ZREM', set(name, ch), p)
		place(ch, p)
	end
end
local out = {}
for _, p in ipairs(redis.call('ZRANGE', set('ready', ch), 0, tonumber(ARGV[4]) - 1)) do
	redis.call('ZREM', set('ready', ch), p)
	local h = redis.call('ZRANGE', line(ch, p), 0, 0)
	if h[1] then
		local it = item(h[1])
		if tonumber(redis.call('HGET', it, 'lease_until')) > 0 then
			redis.call('HINCRBY', it, 'attempts', 1)
		end
		redis.call('HSET', it, 'lease_by', ARGV[6], 'lease_until', ARGV[5])
		redis.call('ZADD', set('leased', ch), ARGV[5], p)
		out[#out + 1] = redis.call('HGETALL', it)
	end
end
return out
`)

// outboxSentScript: KEYS done, outcome. ARGV[3] id. Answers 1, or 0 for an unknown id.
var outboxSentScript = redis.NewScript(outboxPrelude + `
local id = ARGV[3]
local f = redis.call('HMGET', item(id), 'channel', 'person')
if not f[1] then return 0 end
local ch, p = f[1], f[2]
local rank = redis.call('ZRANK', line(ch, p), id)
redis.call('ZREM', line(ch, p), id)
redis.call('DEL', item(id))
redis.call('ZADD', KEYS[1], ARGV[2], id)
redis.call('HSET', KEYS[2], id, 'sent')
if rank == 0 then
	unfile(ch, p)
	place(ch, p)
end
return 1
`)

// outboxRetryScript: ARGV[3] id, ARGV[4] not before. Answers 1, or 0 for an unknown id.
var outboxRetryScript = redis.NewScript(outboxPrelude + `
local id = ARGV[3]
local f = redis.call('HMGET', item(id), 'channel', 'person')
if not f[1] then return 0 end
local ch, p = f[1], f[2]
redis.call('HINCRBY', item(id), 'attempts', 1)
redis.call('HSET', item(id), 'not_before', ARGV[4], 'lease_by', '', 'lease_until', '0')
if redis.call('ZRANK', line(ch, p), id) == 0 then
	unfile(ch, p)
	place(ch, p)
end
return 1
`)

// outboxFailScript: KEYS done, outcome. ARGV[3] id. Removes the person's whole line on
// the item's channel, remembering its ids as failed. Answers how many other items it removed, or -1
// for an unknown id.
var outboxFailScript = redis.NewScript(outboxPrelude + `
local id = ARGV[3]
local f = redis.call('HMGET', item(id), 'channel', 'person')
if not f[1] then return -1 end
local ch, p = f[1], f[2]
local ids = redis.call('ZRANGE', line(ch, p), 0, -1)
for _, other in ipairs(ids) do
	redis.call('DEL', item(other))
	redis.call('ZADD', KEYS[1], ARGV[2], other)
	redis.call('HSET', KEYS[2], other, 'failed')
end
redis.call('DEL', line(ch, p))
unfile(ch, p)
return #ids - 1
`)

// outboxStatusScript: KEYS done, outcome. ARGV[3] id, ARGV[4] cutoff. Answers "queued"
// while the outbox holds the item, its outcome while it is remembered ("sent" for an id
// done before outcomes were kept), or nil.
var outboxStatusScript = redis.NewScript(outboxPrelude + `
local id = ARGV[3]
if redis.call('EXISTS', item(id)) == 1 then return 'queued' end
local at = redis.call('ZSCORE', KEYS[1], id)
if not at or tonumber(at) < tonumber(ARGV[4]) then return false end
return redis.call('HGET', KEYS[2], id) or 'sent'
`)
