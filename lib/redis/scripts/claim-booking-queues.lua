-- Shares the booking queues out among the live workers, and renews this worker's leases.
-- KEYS[1] leases hash: field `w:<workerId>` = heartbeat expiry (ms), `q:<saleId>` = "workerId|expiry".
-- ARGV[1] worker id, ARGV[2] lease length (ms), ARGV[3..] the sale ids whose queues need a consumer.
-- Each worker holds at most its fair share, ceil(queues / live workers): a worker that joins
-- takes over the excess the others give up on their next claim, and the queues of a worker that
-- stopped renewing are free once its leases expire. Returns the sale ids this worker now holds.
local key, me, ttl = KEYS[1], ARGV[1], tonumber(ARGV[2])
local now = now_ms()
redis.call('HSET', key, 'w:' .. me, now + ttl)

local live = 0
local entries = redis.call('HGETALL', key)
for i = 1, #entries, 2 do
  local field, value = entries[i], entries[i + 1]
  local expires = tonumber(string.match(value, '(%d+)$'))
  if expires < now then
    redis.call('HDEL', key, field)
  elseif string.sub(field, 1, 2) == 'w:' then
    live = live + 1
  end
end

local share = math.ceil((#ARGV - 2) / live)
local owned, free = {}, {}
for i = 3, #ARGV do
  local field = 'q:' .. ARGV[i]
  local lease = redis.call('HGET', key, field)
  if lease and string.sub(lease, 1, #me + 1) == me .. '|' then
    if #owned < share then
      owned[#owned + 1] = ARGV[i]
      redis.call('HSET', key, field, me .. '|' .. (now + ttl))
    else
      redis.call('HDEL', key, field)
    end
  elseif not lease then
    free[#free + 1] = ARGV[i]
  end
end
for _, saleId in ipairs(free) do
  if #owned >= share then break end
  owned[#owned + 1] = saleId
  redis.call('HSET', key, 'q:' .. saleId, me .. '|' .. (now + ttl))
end
return owned
