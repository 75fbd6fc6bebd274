-- Ends a hold by cancel (owner) or expiry (timer or sweeper) and hands its item on, exactly once:
-- whichever of confirm, cancel and expiry runs first removes the hold; the others find none.
-- A waitlisted booking can be cancelled too (it leaves the waitlist).
-- KEYS: meta, users, inventory, holds, waitlist, stats, dirty
-- ARGV: bookingId, userId ('' for the system), reason (cancelled | expired), holdPrefix
-- Returns {outcome, entry, record, userId, promotedBookingId, promotedUserId, promotedTicket, promotedExpiresAt}
-- outcome: cancelled | expired | not_due | not_owner | none. record is the booking's outbox record
-- (what Redis decided and MongoDB must reach), '' when MongoDB already has it: the caller answers
-- from it without waiting for MongoDB.
local bookingId, callerId, reason, holdPrefix = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local holdKey = holdPrefix .. bookingId
local hold = redis.call('HMGET', holdKey, 'userId', 'ticket', 'expiresAt')
local function record() return redis.call('HGET', KEYS[7], bookingId) or '' end

if not hold[1] then
  if callerId == '' then return { 'none', '', record() } end
  local entry = redis.call('HGET', KEYS[2], callerId)
  if entry and reason == 'cancelled' then
    local parts = split(entry)
    if parts[1] == 'waitlisted' and parts[2] == bookingId then
      redis.call('ZREM', KEYS[5], bookingId .. '|' .. callerId)
      set_state(KEYS[2], KEYS[7], KEYS[6], callerId, 'cancelled', bookingId, parts[3], 0)
      return { 'cancelled', redis.call('HGET', KEYS[2], callerId), record(), callerId }
    end
  end
  return { 'none', entry or '', record() }
end

local userId, ticket, expiresAt = hold[1], hold[2], tonumber(hold[3])
if callerId ~= '' and callerId ~= userId then return { 'not_owner', '' } end
local now = now_ms()
if reason == 'expired' and now < expiresAt then return { 'not_due', tostring(expiresAt) } end

redis.call('DEL', holdKey)
redis.call('ZREM', KEYS[4], bookingId)
set_state(KEYS[2], KEYS[7], KEYS[6], userId, reason, bookingId, ticket, expiresAt)
local entry = redis.call('HGET', KEYS[2], userId)
local released = record()
local promoted = hand_on_item(KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], holdPrefix, now)
if promoted then return { reason, entry, released, userId, promoted[1], promoted[2], promoted[3], promoted[4] } end
return { reason, entry, released, userId }
