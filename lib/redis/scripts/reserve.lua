-- Serves one admitted intent: a hold if stock is left, a waitlist place if holds may free an
-- item, else sold out. Idempotent: a redelivered message returns the state already reached.
-- KEYS: meta, users, inventory, holds, waitlist, served, void, stats, dirty
-- ARGV: userId, bookingId, ticket, holdPrefix
-- Returns {outcome, entry}; outcome is hold | waitlisted | sold_out | rejected (fresh),
-- done (already served), stale (not the user's live attempt), void, paused, unknown_sale.
local userId, bookingId, ticket = ARGV[1], ARGV[2], ARGV[3]
if redis.call('SISMEMBER', KEYS[7], bookingId) == 1 then return { 'void', '' } end
local meta = redis.call('HMGET', KEYS[1], 'status', 'holdMs', 'waitlistMax')
local status = meta[1]
if not status then return { 'unknown_sale', '' } end
if status == 'paused' then return { 'paused', '' } end

local entry = redis.call('HGET', KEYS[2], userId)
if entry then
  local parts = split(entry)
  if parts[2] ~= bookingId then return { 'stale', entry } end
  if parts[1] ~= 'queued' then return { 'done', entry } end
end
-- No entry means Redis lost the queued state (flushed, then rebuilt from MongoDB): the message
-- itself is the proof of admission, so it is served like any other.

local served = tonumber(redis.call('GET', KEYS[6]) or '0')
if tonumber(ticket) > served then redis.call('SET', KEYS[6], ticket) end

local outcome
local expiresAt = 0
if status == 'ended' then
  outcome = 'rejected'
elseif tonumber(redis.call('GET', KEYS[3]) or '0') > 0 then
  local now = now_ms()
  expiresAt = now + tonumber(meta[2])
  redis.call('DECR', KEYS[3])
  redis.call('HSET', ARGV[4] .. bookingId, 'userId', userId, 'ticket', ticket, 'expiresAt', expiresAt)
  redis.call('ZADD', KEYS[4], expiresAt, bookingId)
  outcome = 'hold'
elseif redis.call('ZCARD', KEYS[4]) > 0 and redis.call('ZCARD', KEYS[5]) < tonumber(meta[3]) then
  redis.call('ZADD', KEYS[5], ticket, bookingId .. '|' .. userId)
  outcome = 'waitlisted'
else
  outcome = 'sold_out'
end

if outcome == 'hold' or outcome == 'waitlisted' then
  set_state(KEYS[2], KEYS[9], KEYS[8], userId, outcome, bookingId, ticket, expiresAt)
else
  -- Refusals are not kept in MongoDB: only the user's state and the counters change.
  redis.call('HSET', KEYS[2], userId, outcome .. '|' .. bookingId .. '|' .. ticket .. '|0')
  redis.call('HINCRBY', KEYS[8], outcome, 1)
end
return { outcome, redis.call('HGET', KEYS[2], userId) }
