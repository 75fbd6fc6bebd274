-- Confirms a hold for its owner before it expires. The hold key is the arbiter: a confirm racing
-- the expiry (or a cancel) wins only if it removes the hold first.
-- KEYS: meta, users, inventory, holds, waitlist, stats, dirty
-- ARGV: bookingId, userId, holdPrefix
-- Returns {outcome, entry, soldOut...}; outcome: booked | due | none | not_owner
local bookingId, userId = ARGV[1], ARGV[2]
local holdKey = ARGV[3] .. bookingId
local hold = redis.call('HMGET', holdKey, 'userId', 'ticket', 'expiresAt')
if not hold[1] then
  return { 'none', redis.call('HGET', KEYS[2], userId) or '' }
end
if hold[1] ~= userId then return { 'not_owner', '' } end
-- At or past expiresAt the hold can no longer be confirmed; the caller expires it now.
if now_ms() >= tonumber(hold[3]) then return { 'due', '' } end

redis.call('DEL', holdKey)
redis.call('ZREM', KEYS[4], bookingId)
set_state(KEYS[2], KEYS[7], KEYS[6], userId, 'booked', bookingId, hold[2], hold[3])
local entry = redis.call('HGET', KEYS[2], userId)
local told = close_waitlist_if_sold_out(KEYS[3], KEYS[4], KEYS[5], KEYS[2], KEYS[7], KEYS[6])
local result = { 'booked', entry }
for _, member in ipairs(told) do result[#result + 1] = member end
return result
