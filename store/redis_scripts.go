package store

import "github.com/redis/go-redis/v9"

// The queue's Lua scripts. Every script that changes an escalation gets the same keys:
//
//	KEYS[1] escalation hash, KEYS[2] transcript list,
//	KEYS[3..5] the open, answered and resolved status sets,
//	KEYS[6] the resolution times of resolved escalations
//
// and starts with ARGV[1] = id, ARGV[2] = now in Unix milliseconds (from the store's
// Clock). They answer a table whose first element is "ok" or the name of the refusal:
// "not_found", "resolved", "claimed" or "lost".

// scriptPrelude loads the escalation, refuses unknown and resolved ones, and defines
// helpers. Lua numbers are doubles: millisecond times (about 1.8e12) and scores (below
// 2e13) are exact, and string.format('%d') writes them without an exponent.
const scriptPrelude = `
local esc, transcript = KEYS[1], KEYS[2]
local sets = {open = KEYS[3], answered = KEYS[4], resolved = KEYS[5]}
local id, now = ARGV[1], tonumber(ARGV[2])
local e = redis.call('HMGET', esc, 'status', 'urgent', 'created', 'lease_by', 'lease_token', 'lease_until')
if not e[1] then return {'not_found'} end
local status = e[1]
if status == 'resolved' then return {'resolved'} end
local lease_by, lease_token, lease_until = e[4] or '', e[5] or '0', tonumber(e[6] or '0')

local function ms(n) return string.format('%d', n) end
local function score(urgent)
	return ms((urgent == '1' and 0 or 10000000000000) + tonumber(e[3]))
end
local function move(to)
	if to == status then return end
	redis.call('ZREM', sets[status], id)
	redis.call('ZADD', sets[to], score(e[2]), id)
	redis.call('HSET', esc, 'status', to)
	status = to
end
local function live() return lease_by ~= '' and lease_until > now end
local function holds(by, token) return by ~= '' and live() and lease_by == by and lease_token == token end
`

// createScript stores a new escalation.
// KEYS: hash, transcript, open set. ARGV: id, score, n, n field/value strings, turns...
// Answers 1, or 0 when the id is taken.
var createScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local n = tonumber(ARGV[3])
redis.call('HSET', KEYS[1], unpack(ARGV, 4, 3 + n))
if #ARGV > 3 + n then redis.call('RPUSH', KEYS[2], unpack(ARGV, 4 + n, #ARGV)) end
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
return 1
`)

// appendScript: ARGV[3] turn JSON, ARGV[4] its role.
var appendScript = redis.NewScript(scriptPrelude + `
redis.call('RPUSH', transcript, ARGV[3])
if ARGV[4] == 'person' and status == 'answered' then move('open') end
redis.call('HSET', esc, 'updated', ARGV[2])
return {'ok'}
`)

// urgentScript: ARGV[3] reason ("" keeps the old one).
var urgentScript = redis.NewScript(scriptPrelude + `
e[2] = '1'
redis.call('HSET', esc, 'urgent', '1', 'updated', ARGV[2])
if ARGV[3] ~= '' then redis.call('HSET', esc, 'reason', ARGV[3]) end
redis.call('ZADD', sets[status], score('1'), id)
return {'ok'}
`)

// claimScript: ARGV[3] moderator, ARGV[4] ttl in ms. Answers {'ok', token, until}.
var claimScript = redis.NewScript(scriptPrelude + `
local untl = ms(now + tonumber(ARGV[4]))
local token = lease_token
if live() then
	if lease_by ~= ARGV[3] then return {'claimed'} end
else
	token = ms(redis.call('HINCRBY', esc, 'lease_token', 1))
end
redis.call('HSET', esc, 'lease_by', ARGV[3], 'lease_until', untl, 'updated', ARGV[2])
return {'ok', token, untl}
`)

// renewScript: ARGV[3] holder, ARGV[4] token, ARGV[5] ttl in ms. Answers {'ok', until}.
var renewScript = redis.NewScript(scriptPrelude + `
if not holds(ARGV[3], ARGV[4]) then return {'lost'} end
local untl = ms(now + tonumber(ARGV[5]))
redis.call('HSET', esc, 'lease_until', untl)
return {'ok', untl}
`)

// releaseScript: ARGV[3] holder, ARGV[4] token. The token counter stays.
var releaseScript = redis.NewScript(scriptPrelude + `
if not holds(ARGV[3], ARGV[4]) then return {'lost'} end
redis.call('HSET', esc, 'lease_by', '', 'lease_until', '0', 'updated', ARGV[2])
return {'ok'}
`)

// answerScript: ARGV[3] holder, ARGV[4] token, ARGV[5] the moderator's turn as JSON.
var answerScript = redis.NewScript(scriptPrelude + `
if not holds(ARGV[3], ARGV[4]) then return {'lost'} end
redis.call('RPUSH', transcript, ARGV[5])
move('answered')
redis.call('HSET', esc, 'updated', ARGV[2])
return {'ok'}
`)

// resolveScript: ARGV[3] holder, ARGV[4] token. The lease ends now; holder and token
// stay. The time of resolution goes into KEYS[6], for PurgeResolved.
var resolveScript = redis.NewScript(scriptPrelude + `
if not holds(ARGV[3], ARGV[4]) then return {'lost'} end
move('resolved')
redis.call('HSET', esc, 'lease_until', ARGV[2], 'updated', ARGV[2])
redis.call('ZADD', KEYS[6], ARGV[2], id)
return {'ok'}
`)

// The purge scripts take the keys
//
//	KEYS[1] the resolved status set, KEYS[2] the resolution times (resolved_at)
//
// and ARGV[1] = the prefix of escalation hash keys ("P:{q}:esc:"). They build the keys
// of escalation hashes and transcripts from it: all share the {q} hash tag, hence the
// slot of KEYS, so this holds in a Cluster too.

// backfillScript gives a resolution time to resolved escalations that have none in
// resolved_at (those resolved before it existed): the hash's updated time, which a
// resolved escalation no longer changes, or 0 when the hash is missing, so that the
// next purge removes the stray id. ARGV[2] start rank in the resolved set, ARGV[3]
// batch size. Answers how many ids it looked at, or 0 when resolved_at already holds
// as many ids as the resolved set.
var backfillScript = redis.NewScript(`
if redis.call('ZCARD', KEYS[1]) <= redis.call('ZCARD', KEYS[2]) then return 0 end
local start = tonumber(ARGV[2])
local ids = redis.call('ZRANGE', KEYS[1], start, start + tonumber(ARGV[3]) - 1)
for _, id in ipairs(ids) do
	if not redis.call('ZSCORE', KEYS[2], id) then
		local updated = tonumber(redis.call('HGET', ARGV[1] .. id, 'updated') or '') or 0
		redis.call('ZADD', KEYS[2], string.format('%d', updated), id)
	end
end
return #ids
`)

// purgeScript deletes up to ARGV[3] escalations resolved before ARGV[2] (Unix
// milliseconds), oldest first: hash, transcript and set entries. An id whose hash says
// it is not resolved only leaves resolved_at: open and answered escalations are never
// deleted. Answers {deleted, ids taken from resolved_at}.
var purgeScript = redis.NewScript(`
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
local deleted = 0
for _, id in ipairs(ids) do
	local esc = ARGV[1] .. id
	local status = redis.call('HGET', esc, 'status')
	if not status or status == 'resolved' then
		deleted = deleted + redis.call('DEL', esc)
		redis.call('DEL', esc .. ':transcript')
		redis.call('ZREM', KEYS[1], id)
	end
	redis.call('ZREM', KEYS[2], id)
end
return {deleted, #ids}
`)
