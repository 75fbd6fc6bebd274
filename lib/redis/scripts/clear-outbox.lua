-- Removes outbox records once MongoDB has them: a record goes only when the rank stored in MongoDB
-- (read back from the primary after the write) reaches its own, so a newer transition recorded
-- meanwhile, or a write that did not land, stays for the next round. Only the sale's writer may
-- clear: the lease is checked here, so a drainer whose lease ran out changes nothing.
-- KEYS: dirty, writer lease
-- ARGV: lease token, bookingId1, storedRank1, bookingId2, storedRank2, ...
-- Returns the number of records cleared, or -1 when the caller does not hold the lease.
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return -1 end
local cleared = 0
for i = 2, #ARGV, 2 do
  local record = redis.call('HGET', KEYS[1], ARGV[i])
  if record and tonumber(split(record)[5]) <= tonumber(ARGV[i + 1]) then
    redis.call('HDEL', KEYS[1], ARGV[i])
    cleared = cleared + 1
  end
end
return cleared
