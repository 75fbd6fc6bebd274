-- Rebuilds a sale's live state from MongoDB (the record of truth), in one atomic step.
-- Fenced: it runs only while the caller still holds the sale's writer lease (its token), so a
-- rebuilder whose lease ran out, or a second one, writes nothing. Unless forced, it also refuses
-- when the sale is present: the "is the sale in Redis?" check and the rebuild are one step, so two
-- workers starting at once against a live sale cannot wipe its state or its outbox.
-- KEYS: writer lease, meta, inventory, users, holds, waitlist, stats, dirty, seq, served
-- ARGV: token, force ('1' | '0'), holdPrefix, state JSON:
--   {meta: {...settings}, available, holds: [[id, userId, ticket, expiresAt]],
--    waitlisted: [[id, userId, ticket]], booked: [[id, userId, ticket]], seq, served}, every
--   value a string (cjson would turn a millisecond time into a float).
-- Returns 'rebuilt', 'present', 'outbox_pending' or 'lock_lost'.
local token, force, holdPrefix = ARGV[1], ARGV[2], ARGV[3]
if redis.call('GET', KEYS[1]) ~= token then return 'lock_lost' end
if force ~= '1' and redis.call('EXISTS', KEYS[2]) == 1 then return 'present' end
-- Records not yet in MongoDB are decisions a rebuild from MongoDB would undo: drain them first.
if redis.call('HLEN', KEYS[8]) > 0 then return 'outbox_pending' end
local state = cjson.decode(ARGV[4])

-- A forced rebuild replaces live state: holds Redis has but MongoDB does not must not survive.
for _, id in ipairs(redis.call('ZRANGE', KEYS[5], 0, -1)) do redis.call('DEL', holdPrefix .. id) end
redis.call('DEL', KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8])

for field, value in pairs(state.meta) do redis.call('HSET', KEYS[2], field, value) end
redis.call('SET', KEYS[3], state.available)
for _, hold in ipairs(state.holds) do
  local id, userId, ticket, expiresAt = hold[1], hold[2], hold[3], hold[4]
  redis.call('HSET', holdPrefix .. id, 'userId', userId, 'ticket', ticket, 'expiresAt', expiresAt)
  redis.call('ZADD', KEYS[5], expiresAt, id)
  redis.call('HSET', KEYS[4], userId, 'hold|' .. id .. '|' .. ticket .. '|' .. expiresAt)
end
for _, entry in ipairs(state.waitlisted) do
  redis.call('ZADD', KEYS[6], entry[3], entry[1] .. '|' .. entry[2])
  redis.call('HSET', KEYS[4], entry[2], 'waitlisted|' .. entry[1] .. '|' .. entry[3] .. '|0')
end
for _, entry in ipairs(state.booked) do
  redis.call('HSET', KEYS[4], entry[2], 'booked|' .. entry[1] .. '|' .. entry[3] .. '|0')
end
redis.call('HSET', KEYS[7], 'booked', #state.booked)
-- Keep the sequence and the frontier monotonic: never below what Redis still has.
local seq = tonumber(redis.call('GET', KEYS[9]) or '0')
if tonumber(state.seq) > seq then redis.call('SET', KEYS[9], state.seq) end
local served = tonumber(redis.call('GET', KEYS[10]) or '0')
if tonumber(state.served) > served then redis.call('SET', KEYS[10], state.served) end
return 'rebuilt'
