-- Draws users from the pre-queue, in the order given (the caller shuffled it), once the sale is
-- open: each gets the next ticket, and its intent moves to the drawn hash until RabbitMQ confirms it.
-- A user already drawn (by a racing drawer) is skipped, so each is drawn exactly once.
-- KEYS: meta, users, seq, prequeue, drawn
-- ARGV: userIds in draw order
-- Returns {'ok', drawn} or {'err', 'not_open'}
local meta = redis.call('HMGET', KEYS[1], 'status', 'startsAt')
if (meta[1] ~= 'live' and meta[1] ~= 'sold_out') or now_ms() < tonumber(meta[2]) then return { 'err', 'not_open' } end

local drawn = 0
for i = 1, #ARGV do
  local userId = ARGV[i]
  local intent = redis.call('HGET', KEYS[4], userId)
  if intent then
    redis.call('HDEL', KEYS[4], userId)
    local entry = redis.call('HGET', KEYS[2], userId)
    local parts = entry and split(entry)
    if parts and parts[1] == 'prequeued' then
      local ticket = redis.call('INCR', KEYS[3])
      redis.call('HSET', KEYS[2], userId, 'queued|' .. parts[2] .. '|' .. ticket .. '|0')
      redis.call('HSET', KEYS[5], parts[2], ticket .. '|' .. userId .. '|' .. intent)
      drawn = drawn + 1
    end
  end
end
return { 'ok', drawn }
