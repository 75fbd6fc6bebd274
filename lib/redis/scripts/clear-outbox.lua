-- Removes outbox records once MongoDB has them, unless a newer transition replaced the record.
-- KEYS: dirty
-- ARGV: bookingId1, record1, bookingId2, record2, ...
local cleared = 0
for i = 1, #ARGV, 2 do
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[i + 1] then
    redis.call('HDEL', KEYS[1], ARGV[i])
    cleared = cleared + 1
  end
end
return cleared
