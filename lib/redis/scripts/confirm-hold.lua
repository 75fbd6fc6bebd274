-- Confirms a hold for its owner before it expires. The hold key is the arbiter: a confirm racing
-- the expiry (or a cancel) wins only if it removes the hold first.
-- KEYS: meta, users, inventory, holds, waitlist, stats, dirty
-- ARGV: bookingId, userId, holdPrefix
-- Returns {outcome, entry, record, told...};
-- outcome: booked | due | none | not_owner. record is the booking's outbox record ('' when MongoDB
-- already has its state), so the caller answers from Redis's decision without waiting for MongoDB.
-- told lists the waitlisted "bookingId|userId" told sold out. A confirm that took the last item
-- marks a live sale sold out here; the sale's outbox drainer writes that to MongoDB.
local bookingId, userId = ARGV[1], ARGV[2]
local holdKey = ARGV[3] .. bookingId
local hold = redis.call('HMGET', holdKey, 'userId', 'ticket', 'expiresAt')
if not hold[1] then
  return { 'none', redis.call('HGET', KEYS[2], userId) or '', redis.call('HGET', KEYS[7], bookingId) or '' }
end
if hold[1] ~= userId then return { 'not_owner', '' } end
-- At or past expiresAt the hold can no longer be confirmed; the caller expires it now.
if now_ms() >= tonumber(hold[3]) then return { 'due', '' } end

redis.call('DEL', holdKey)
redis.call('ZREM', KEYS[4], bookingId)
set_state(KEYS[2], KEYS[7], KEYS[6], userId, 'booked', bookingId, hold[2], hold[3])
local entry = redis.call('HGET', KEYS[2], userId)
local result = { 'booked', entry, redis.call('HGET', KEYS[7], bookingId) }
if is_sold_out(KEYS[3], KEYS[4]) then
  if redis.call('HGET', KEYS[1], 'status') == 'live' then redis.call('HSET', KEYS[1], 'status', 'sold_out') end
  for _, member in ipairs(close_waitlist(KEYS[5], KEYS[2], KEYS[7], KEYS[6])) do result[#result + 1] = member end
end
return result
