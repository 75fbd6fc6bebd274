-- Changes a sale's stock by moving the inventory counter by the difference, never below what
-- holds and bookings already took: the counter is "items neither held nor booked", so the change
-- is refused when it would go negative. Added items go to the head of the waitlist first (a
-- fresh hold each), as a freed item would; removing the last free items while no hold is left
-- tells the waitlist it is sold out.
-- The caller names the stock it read (expectedStock): two edits racing from the same reading
-- cannot both apply a difference, so the stock MongoDB ends with is the one Redis counts with.
-- KEYS: meta, users, inventory, holds, waitlist, stats, dirty
-- ARGV: newStock, holdPrefix, expectedStock
-- Returns {'ok', taken, promoted, told}: promoted is a flat list of
-- bookingId, userId, ticket, expiresAt per promoted user; told lists "bookingId|userId".
-- Or {'below_taken', taken}, {'changed', currentStock}, or {'unpublished'} (no Redis state yet).
local oldStock = tonumber(redis.call('HGET', KEYS[1], 'stock'))
if not oldStock then return { 'unpublished' } end
if oldStock ~= tonumber(ARGV[3]) then return { 'changed', oldStock } end
local newStock = tonumber(ARGV[1])
local available = tonumber(redis.call('GET', KEYS[3]) or '0')
local taken = oldStock - available
local delta = newStock - oldStock
if available + delta < 0 then return { 'below_taken', taken } end

redis.call('HSET', KEYS[1], 'stock', newStock)
local promoted = {}
local told = {}
if delta < 0 then
  redis.call('DECRBY', KEYS[3], -delta)
  told = close_waitlist_if_sold_out(KEYS[3], KEYS[4], KEYS[5], KEYS[2], KEYS[7], KEYS[6])
else
  local now = now_ms()
  local left = delta
  while left > 0 and redis.call('ZCARD', KEYS[5]) > 0 do
    local p = hand_on_item(KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], ARGV[2], now)
    if p then
      for _, value in ipairs(p) do promoted[#promoted + 1] = value end
    end
    left = left - 1
  end
  if left > 0 then redis.call('INCRBY', KEYS[3], left) end
end
return { 'ok', taken, promoted, told }
